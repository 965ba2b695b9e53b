/**
 * The enterprise profile as the form shows it: a hand-kept mirror of libs/engine/src/profile/profile-enums.ts,
 * profile-fields.ts and the derived facts of facts/fact-registry.ts (no build step serves the engine to the
 * browser). test/browser/web-schema.spec.ts imports both and fails when they drift apart.
 */

export const CITY_LABELS = {
  guangzhou: { zh: '广州', en: 'Guangzhou' },
  shenzhen: { zh: '深圳', en: 'Shenzhen' },
  zhuhai: { zh: '珠海', en: 'Zhuhai' },
  shantou: { zh: '汕头', en: 'Shantou' },
  foshan: { zh: '佛山', en: 'Foshan' },
  shaoguan: { zh: '韶关', en: 'Shaoguan' },
  heyuan: { zh: '河源', en: 'Heyuan' },
  meizhou: { zh: '梅州', en: 'Meizhou' },
  huizhou: { zh: '惠州', en: 'Huizhou' },
  shanwei: { zh: '汕尾', en: 'Shanwei' },
  dongguan: { zh: '东莞', en: 'Dongguan' },
  zhongshan: { zh: '中山', en: 'Zhongshan' },
  jiangmen: { zh: '江门', en: 'Jiangmen' },
  yangjiang: { zh: '阳江', en: 'Yangjiang' },
  zhanjiang: { zh: '湛江', en: 'Zhanjiang' },
  maoming: { zh: '茂名', en: 'Maoming' },
  zhaoqing: { zh: '肇庆', en: 'Zhaoqing' },
  qingyuan: { zh: '清远', en: 'Qingyuan' },
  chaozhou: { zh: '潮州', en: 'Chaozhou' },
  jieyang: { zh: '揭阳', en: 'Jieyang' },
  yunfu: { zh: '云浮', en: 'Yunfu' },
  'outside-guangdong': { zh: '广东省外', en: 'Outside Guangdong' },
};

export const CLUSTER_LABELS = {
  'next-gen-electronics': { zh: '新一代电子信息', en: 'Next-generation electronic information' },
  'green-petrochemicals': { zh: '绿色石化', en: 'Green petrochemicals' },
  'smart-home-appliances': { zh: '智能家电', en: 'Smart home appliances' },
  automotive: { zh: '汽车', en: 'Automotive' },
  'advanced-materials': { zh: '先进材料', en: 'Advanced materials' },
  'light-industry-textiles': { zh: '现代轻工纺织', en: 'Modern light industry and textiles' },
  'software-it-services': { zh: '软件与信息服务', en: 'Software and information services' },
  'uhd-video-display': { zh: '超高清视频显示', en: 'Ultra-HD video and display' },
  'biomedicine-health': { zh: '生物医药与健康', en: 'Biomedicine and health' },
  'agriculture-food': { zh: '现代农业与食品', en: 'Modern agriculture and food' },
  'semiconductors-ic': { zh: '半导体与集成电路', en: 'Semiconductors and integrated circuits' },
  'high-end-equipment': { zh: '高端装备制造', en: 'High-end equipment manufacturing' },
  'intelligent-robots': { zh: '智能机器人', en: 'Intelligent robots' },
  'blockchain-quantum': { zh: '区块链与量子信息', en: 'Blockchain and quantum information' },
  'frontier-materials': { zh: '前沿新材料', en: 'Frontier new materials' },
  'new-energy': { zh: '新能源', en: 'New energy' },
  'laser-additive-manufacturing': { zh: '激光与增材制造', en: 'Laser and additive manufacturing' },
  'digital-creative': { zh: '数字创意', en: 'Digital creative' },
  'safety-emergency-environmental': { zh: '安全应急与环保', en: 'Safety, emergency and environmental protection' },
  'precision-instruments': { zh: '精密仪器设备', en: 'Precision instruments and equipment' },
};
/** 粤府函〔2020〕82号: ten pillar clusters, then ten emerging ones (the form shows them as two sub-groups). */
export const PILLAR_CLUSTERS = Object.keys(CLUSTER_LABELS).slice(0, 10);
export const EMERGING_CLUSTERS = Object.keys(CLUSTER_LABELS).slice(10);

export const ENTITY_TYPE_LABELS = {
  enterprise: { zh: '企业', en: 'Enterprise' },
  'research-institution': { zh: '研发机构', en: 'Research institution' },
  university: { zh: '高等院校', en: 'University' },
  other: { zh: '其他', en: 'Other' },
};

export const QUALIFICATION_LABELS = {
  'high-tech-enterprise': { zh: '高新技术企业', en: 'High-tech enterprise' },
  'tech-sme': { zh: '科技型中小企业', en: 'Technology-based SME' },
  'specialized-sme': { zh: '专精特新中小企业', en: 'Specialised and innovative SME' },
  'little-giant': { zh: '专精特新“小巨人”', en: '"Little giant" enterprise' },
  'single-champion': { zh: '单项冠军', en: 'Single-item champion' },
  unicorn: { zh: '独角兽', en: 'Unicorn' },
  'key-backbone': { zh: '龙头骨干企业', en: 'Leading / key backbone enterprise' },
  'chain-leader': { zh: '链主企业', en: 'Chain-leader enterprise' },
};

export const RD_CENTER_LABELS = {
  'engineering-research-center': { zh: '工程技术研究中心', en: 'Engineering technology research center' },
  'enterprise-key-lab': { zh: '企业重点实验室', en: 'Enterprise key laboratory' },
  'enterprise-tech-center': { zh: '企业技术中心', en: 'Enterprise technology center' },
  'postdoc-station': { zh: '博士后科研工作站', en: 'Postdoctoral research station' },
  'overseas-rd-center': { zh: '海外研发中心', en: 'Overseas R&D center' },
};

export const ACTIVITY_LABELS = {
  listing: { zh: '上市挂牌', en: 'Stock listing' },
  'major-project': { zh: '重大项目/生产基地', en: 'Major project / production base' },
  'land-use': { zh: '建设用地/用海', en: 'Construction land / sea use' },
  'rd-platform': { zh: '研发或检测平台', en: 'R&D or testing platform' },
  'industry-academia': { zh: '产学研合作', en: 'Industry–academia–research cooperation' },
  'overseas-ma': { zh: '跨国并购重组', en: 'Cross-border M&A' },
  'overseas-rd': { zh: '海外研发中心', en: 'Overseas R&D center' },
  standards: { zh: '标准制定', en: 'Standard setting' },
  exhibitions: { zh: '参展', en: 'Trade fairs and exhibitions' },
  talent: { zh: '人才引进培养', en: 'Talent recruitment and training' },
  'equipment-upgrade': { zh: '设备更新改造', en: 'Equipment upgrade' },
  leasing: { zh: '融资租赁', en: 'Financial leasing' },
  credit: { zh: '信贷融资', en: 'Bank credit' },
  'patent-filing': { zh: '发明专利申请', en: 'Invention patent filing' },
  incubation: { zh: '成果孵化/中试', en: 'Incubation / pilot testing' },
  'government-procurement': { zh: '政府采购/首购首用', en: 'Government procurement / first purchase' },
};

export const ENTERPRISE_SIZE_LABELS = {
  large: { zh: '大型', en: 'Large' },
  medium: { zh: '中型', en: 'Medium' },
  small: { zh: '小型', en: 'Small' },
  micro: { zh: '微型', en: 'Micro' },
};

const YUAN = { zh: '元', en: 'yuan (CNY)' };
const enumOf = (labels) => ({ values: Object.keys(labels), labels });

/** CONTRACT §1, field by field, in the engine's order. Absent = unknown, never zero. */
export const PROFILE_FIELDS = {
  creditCode: {
    type: 'creditCode', header: '统一社会信用代码',
    label: { zh: '统一社会信用代码', en: 'Unified social credit code' },
    hint: { zh: '18 位，见营业执照', en: '18 characters, on the business licence' },
  },
  name: {
    type: 'string', maxLength: 200, header: '企业名称',
    label: { zh: '企业名称', en: 'Name' },
    hint: { zh: '与营业执照一致', en: 'As on the business licence' },
  },
  city: {
    type: 'enum', ...enumOf(CITY_LABELS), header: '所在城市',
    label: { zh: '注册地（地级市）', en: 'City of registration' },
    hint: { zh: '广东省 21 个地级以上市，或省外', en: 'One of the 21 Guangdong cities, or outside Guangdong' },
  },
  fiscalYear: {
    type: 'integer', min: 2000, max: 2100, header: '财务年度',
    label: { zh: '财务年度', en: 'Fiscal year' },
    hint: { zh: '下列数据所属年度；不填则为上一年', en: 'The year the figures refer to; default: last year' },
  },
  entityType: {
    type: 'enum', ...enumOf(ENTITY_TYPE_LABELS), header: '主体类型',
    label: { zh: '主体类型', en: 'Type of entity' },
    hint: { zh: '研发机构含新型研发机构', en: 'Research institutions include new-type R&D institutions' },
  },
  clusters: {
    type: 'enumArray', ...enumOf(CLUSTER_LABELS), header: '所属产业集群',
    label: { zh: '所属战略性产业集群', en: 'Strategic industry clusters' },
    hint: { zh: '粤府函〔2020〕82号 的 20 个集群，可多选', en: 'The 20 clusters of 粤府函〔2020〕82号; several allowed' },
  },
  employees: {
    type: 'integer', min: 0, header: '从业人员',
    label: { zh: '从业人员数', en: 'Employees' }, unit: { zh: '人', en: 'persons' },
    hint: { zh: '年末从业人员', en: 'Headcount at year end' },
  },
  revenue: {
    type: 'number', min: 0, header: '营业收入', unit: YUAN,
    label: { zh: '营业收入', en: 'Revenue' },
    hint: { zh: '全年营业收入，单位元', en: 'Annual revenue, in yuan' },
  },
  rdExpense: {
    type: 'number', min: 0, header: '研发费用', unit: YUAN,
    label: { zh: '研发费用', en: 'R&D expense' },
    hint: { zh: '全年研发费用，单位元', en: 'Annual R&D expense, in yuan' },
  },
  exportValue: {
    type: 'number', min: 0, header: '出口交货值', unit: YUAN,
    label: { zh: '出口交货值', en: 'Export delivery value' },
    hint: { zh: '全年出口交货值，单位元', en: 'Annual export delivery value, in yuan' },
  },
  qualifications: {
    type: 'enumArray', ...enumOf(QUALIFICATION_LABELS), header: '资质',
    label: { zh: '资质', en: 'Qualifications' },
    hint: { zh: '已获认定的资质，可多选', en: 'Recognitions already held; several allowed' },
  },
  listed: {
    type: 'boolean', header: '已上市',
    label: { zh: '已上市或挂牌', en: 'Listed or quoted' },
    hint: { zh: '境内外上市或新三板等挂牌', en: 'Listed at home or abroad, or quoted (e.g. NEEQ)' },
  },
  inventionPatents: {
    type: 'integer', min: 0, header: '有效发明专利',
    label: { zh: '有效发明专利数', en: 'Valid invention patents' }, unit: { zh: '件', en: 'patents' },
    hint: { zh: '截至年末有效的发明专利', en: 'Invention patents in force at year end' },
  },
  domesticInstrumentPurchases: {
    type: 'number', min: 0, header: '国产仪器采购额', unit: YUAN,
    label: { zh: '当年采购国产仪器设备金额', en: 'Domestic instruments purchased this year' },
    hint: { zh: '当年采购国产仪器设备金额，单位元', en: 'Domestic instruments and equipment bought in the year, in yuan' },
  },
  firstSetEquipment: {
    type: 'boolean', header: '首台套',
    label: { zh: '有首台（套）重大技术装备', en: 'Has first-set major technical equipment' },
    hint: { zh: '有产品列入首台（套）重大技术装备推广应用指导目录', en: 'A product is in the first-set major equipment catalogue' },
  },
  rdCenters: {
    type: 'enumArray', ...enumOf(RD_CENTER_LABELS), header: '研发机构',
    label: { zh: '已建研发机构', en: 'R&D centres already set up' },
    hint: { zh: '可多选', en: 'Several allowed' },
  },
  activities: {
    type: 'enumArray', ...enumOf(ACTIVITY_LABELS), header: '开展事项',
    label: { zh: '正在开展或计划开展的事项', en: 'Activities under way or planned' },
    hint: { zh: '可多选', en: 'Several allowed' },
  },
  parkId: {
    type: 'string', maxLength: 100, header: '所在园区',
    label: { zh: '所在园区', en: 'Park' },
    hint: { zh: '园区编号', en: 'Park id' },
  },
};
export const PROFILE_FIELD_NAMES = Object.keys(PROFILE_FIELDS);

/** Facts the engine derives from the profile; conditions name them, so the results label them too. */
export const DERIVED_FACTS = {
  rdIntensity: {
    valueType: 'number', inputs: ['rdExpense', 'revenue'],
    label: { zh: '研发投入强度（研发费用/营业收入）', en: 'R&D intensity (R&D expense / revenue)' },
  },
  enterpriseSize: {
    valueType: 'enum', values: Object.keys(ENTERPRISE_SIZE_LABELS), labels: ENTERPRISE_SIZE_LABELS, inputs: ['employees', 'revenue'],
    label: { zh: '企业规模（工信部联企业〔2011〕300号）', en: 'Enterprise size (MIIT 2011 No. 300)' },
  },
  inGuangdong: {
    valueType: 'boolean', inputs: ['city'],
    label: { zh: '注册地在广东省内', en: 'Registered in Guangdong' },
  },
};

/** libs/engine MEASURE_KINDS, with the words a company reads. */
export const KIND_LABELS = {
  'tax-refund': { zh: '退税', en: 'Tax refund' },
  'tax-incentive': { zh: '税收优惠', en: 'Tax incentive' },
  'insurance-compensation': { zh: '保险补偿', en: 'Insurance compensation' },
  subsidy: { zh: '资金补助', en: 'Subsidy' },
  procurement: { zh: '政府采购', en: 'Government procurement' },
  land: { zh: '用地保障', en: 'Land' },
  finance: { zh: '金融支持', en: 'Finance' },
  listing: { zh: '上市支持', en: 'Listing support' },
  talent: { zh: '人才支持', en: 'Talent' },
  ip: { zh: '知识产权', en: 'Intellectual property' },
  platform: { zh: '平台建设', en: 'Innovation platform' },
  market: { zh: '市场开拓', en: 'Market development' },
  benchmark: { zh: '对标指标', en: 'Benchmark target' },
  other: { zh: '其他', en: 'Other' },
};

/** The form's sections, in the order a company fills them in. Every profile field appears exactly once. */
export const FORM_GROUPS = [
  {
    id: 'basic', label: { zh: '基本信息', en: 'Basic information' },
    fields: ['name', 'creditCode', 'city', 'entityType', 'employees', 'parkId', 'clusters'],
  },
  {
    id: 'finance', label: { zh: '财务数据', en: 'Financial figures' },
    fields: ['fiscalYear', 'revenue', 'rdExpense', 'exportValue', 'domesticInstrumentPurchases'],
  },
  {
    id: 'qualifications', label: { zh: '资质与研发机构', en: 'Qualifications and R&D centres' },
    fields: ['qualifications', 'listed', 'firstSetEquipment', 'inventionPatents', 'rdCenters'],
  },
  {
    id: 'activities', label: { zh: '正在开展或计划的事项', en: 'Activities under way or planned' },
    fields: ['activities'],
  },
];

/** A profile field or a derived fact, for labelling condition values and missing facts. */
export function factSpec(name) {
  return PROFILE_FIELDS[name] ?? DERIVED_FACTS[name];
}
