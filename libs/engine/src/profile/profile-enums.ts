import { LocalizedText } from '../types';

type Labelled<T extends string> = Record<T, LocalizedText>;

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
} satisfies Labelled<string>;
export type City = keyof typeof CITY_LABELS;
export const CITIES = Object.keys(CITY_LABELS) as City[];
export const GUANGDONG_CITIES = CITIES.filter((c) => c !== 'outside-guangdong');

/** The 粤东西北 (east, west and north Guangdong) cities, outside the Pearl River Delta core. */
export const EAST_WEST_NORTH_CITIES: City[] = [
  'shantou',
  'shanwei',
  'chaozhou',
  'jieyang', // 粤东
  'zhanjiang',
  'maoming',
  'yangjiang', // 粤西
  'shaoguan',
  'heyuan',
  'meizhou',
  'qingyuan',
  'yunfu', // 粤北
];

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
} satisfies Labelled<string>;
export type Cluster = keyof typeof CLUSTER_LABELS;
export const CLUSTERS = Object.keys(CLUSTER_LABELS) as Cluster[];
export const PILLAR_CLUSTERS = CLUSTERS.slice(0, 10);
export const EMERGING_CLUSTERS = CLUSTERS.slice(10);

export const ENTITY_TYPE_LABELS = {
  enterprise: { zh: '企业', en: 'Enterprise' },
  'research-institution': { zh: '研发机构', en: 'Research institution' },
  university: { zh: '高等院校', en: 'University' },
  other: { zh: '其他', en: 'Other' },
} satisfies Labelled<string>;
export type EntityType = keyof typeof ENTITY_TYPE_LABELS;
export const ENTITY_TYPES = Object.keys(ENTITY_TYPE_LABELS) as EntityType[];

export const QUALIFICATION_LABELS = {
  'high-tech-enterprise': { zh: '高新技术企业', en: 'High-tech enterprise' },
  'tech-sme': { zh: '科技型中小企业', en: 'Technology-based SME' },
  'specialized-sme': { zh: '专精特新中小企业', en: 'Specialised and innovative SME' },
  'little-giant': { zh: '专精特新“小巨人”', en: '"Little giant" enterprise' },
  'single-champion': { zh: '单项冠军', en: 'Single-item champion' },
  unicorn: { zh: '独角兽', en: 'Unicorn' },
  'key-backbone': { zh: '龙头骨干企业', en: 'Leading / key backbone enterprise' },
  'chain-leader': { zh: '链主企业', en: 'Chain-leader enterprise' },
} satisfies Labelled<string>;
export type Qualification = keyof typeof QUALIFICATION_LABELS;
export const QUALIFICATIONS = Object.keys(QUALIFICATION_LABELS) as Qualification[];

export const RD_CENTER_LABELS = {
  'engineering-research-center': { zh: '工程技术研究中心', en: 'Engineering technology research center' },
  'enterprise-key-lab': { zh: '企业重点实验室', en: 'Enterprise key laboratory' },
  'enterprise-tech-center': { zh: '企业技术中心', en: 'Enterprise technology center' },
  'postdoc-station': { zh: '博士后科研工作站', en: 'Postdoctoral research station' },
  'overseas-rd-center': { zh: '海外研发中心', en: 'Overseas R&D center' },
} satisfies Labelled<string>;
export type RdCenter = keyof typeof RD_CENTER_LABELS;
export const RD_CENTERS = Object.keys(RD_CENTER_LABELS) as RdCenter[];

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
} satisfies Labelled<string>;
export type Activity = keyof typeof ACTIVITY_LABELS;
export const ACTIVITIES = Object.keys(ACTIVITY_LABELS) as Activity[];

export const ENTERPRISE_SIZE_LABELS = {
  large: { zh: '大型', en: 'Large' },
  medium: { zh: '中型', en: 'Medium' },
  small: { zh: '小型', en: 'Small' },
  micro: { zh: '微型', en: 'Micro' },
} satisfies Labelled<string>;
export type EnterpriseSize = keyof typeof ENTERPRISE_SIZE_LABELS;
export const ENTERPRISE_SIZES = Object.keys(ENTERPRISE_SIZE_LABELS) as EnterpriseSize[];
