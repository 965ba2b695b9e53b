import { LocalizedText } from '../types';
import {
  ACTIVITIES,
  ACTIVITY_LABELS,
  CITIES,
  CITY_LABELS,
  CLUSTERS,
  CLUSTER_LABELS,
  ENTITY_TYPES,
  ENTITY_TYPE_LABELS,
  QUALIFICATIONS,
  QUALIFICATION_LABELS,
  RD_CENTERS,
  RD_CENTER_LABELS,
} from './profile-enums';
import { todayInShanghai } from '../evaluator/validity';

export type FieldType =
  | { type: 'creditCode' }
  | { type: 'string'; maxLength: number }
  | { type: 'enum'; values: readonly string[]; labels: Record<string, LocalizedText> }
  | { type: 'enumArray'; values: readonly string[]; labels: Record<string, LocalizedText> }
  | { type: 'integer'; min: number; max: number }
  | { type: 'number'; min: number; max: number }
  | { type: 'boolean' };

export type FieldSpec = FieldType & {
  label: LocalizedText;
  /** The Chinese column header of CONTRACT §4. */
  header: string;
  unit?: LocalizedText;
  hint: LocalizedText;
};

const YUAN = { zh: '元', en: 'yuan (CNY)' };

/**
 * The largest amount any field takes: 10^15 元 (a thousand trillion, beyond any firm's figures). Without a
 * ceiling 1e308 passes as a number and turns into "spend ∞ yuan" further on.
 */
export const MAX_AMOUNT = 1e15;
/** Whole numbers stay exact: no count beyond 2^53 - 1. */
export const MAX_INTEGER = Number.MAX_SAFE_INTEGER;

/** Made once, on first use: building a formatter with a time zone per call was 3-4% of POST /api/match's CPU. */
/**
 * The calendar year now in Asia/Shanghai (browser-safe: Intl only), from todayInShanghai's date, which is formatted
 * once per Shanghai day: the fiscalYear field's `max` asks on every profile checked.
 */
export function currentYearInShanghai(now: Date = new Date()): number {
  return Number(todayInShanghai(now).slice(0, 4));
}

/** CONTRACT §1: every field of the enterprise profile. Absent = unknown, never zero. */
export const PROFILE_FIELDS = {
  creditCode: {
    type: 'creditCode',
    header: '统一社会信用代码',
    label: { zh: '统一社会信用代码', en: 'Unified social credit code' },
    hint: { zh: '18 位，见营业执照', en: '18 characters, on the business licence' },
  },
  name: {
    type: 'string',
    maxLength: 200,
    header: '企业名称',
    label: { zh: '企业名称', en: 'Name' },
    hint: { zh: '与营业执照一致', en: 'As on the business licence' },
  },
  city: {
    type: 'enum',
    values: CITIES,
    labels: CITY_LABELS,
    header: '所在城市',
    label: { zh: '注册地（地级市）', en: 'City of registration' },
    hint: { zh: '广东省 21 个地级以上市，或省外', en: 'One of the 21 Guangdong cities, or outside Guangdong' },
  },
  fiscalYear: {
    type: 'integer',
    min: 2000,
    /** Figures cannot refer to a year that has not begun: the current year in Guangdong, read when checked. */
    get max(): number {
      return currentYearInShanghai();
    },
    header: '财务年度',
    label: { zh: '财务年度', en: 'Fiscal year' },
    hint: { zh: '下列数据所属年度；不填则为上一年', en: 'The year the figures refer to; default: last year' },
  },
  entityType: {
    type: 'enum',
    values: ENTITY_TYPES,
    labels: ENTITY_TYPE_LABELS,
    header: '主体类型',
    label: { zh: '主体类型', en: 'Type of entity' },
    hint: { zh: '研发机构含新型研发机构', en: 'Research institutions include new-type R&D institutions' },
  },
  clusters: {
    type: 'enumArray',
    values: CLUSTERS,
    labels: CLUSTER_LABELS,
    header: '所属产业集群',
    label: { zh: '所属战略性产业集群', en: 'Strategic industry clusters' },
    hint: {
      zh: '粤府函〔2020〕82号 的 20 个集群，可多选',
      en: 'The 20 clusters of 粤府函〔2020〕82号; several allowed',
    },
  },
  employees: {
    type: 'integer',
    min: 0,
    max: MAX_INTEGER,
    header: '从业人员',
    label: { zh: '从业人员数', en: 'Employees' },
    unit: { zh: '人', en: 'persons' },
    hint: { zh: '年末从业人员', en: 'Headcount at year end' },
  },
  revenue: {
    type: 'number',
    min: 0,
    max: MAX_AMOUNT,
    header: '营业收入',
    unit: YUAN,
    label: { zh: '营业收入', en: 'Revenue' },
    hint: { zh: '全年营业收入，单位元', en: 'Annual revenue, in yuan' },
  },
  rdExpense: {
    type: 'number',
    min: 0,
    max: MAX_AMOUNT,
    header: '研发费用',
    unit: YUAN,
    label: { zh: '研发费用', en: 'R&D expense' },
    hint: { zh: '全年研发费用，单位元', en: 'Annual R&D expense, in yuan' },
  },
  exportValue: {
    type: 'number',
    min: 0,
    max: MAX_AMOUNT,
    header: '出口交货值',
    unit: YUAN,
    label: { zh: '出口交货值', en: 'Export delivery value' },
    hint: { zh: '全年出口交货值，单位元', en: 'Annual export delivery value, in yuan' },
  },
  qualifications: {
    type: 'enumArray',
    values: QUALIFICATIONS,
    labels: QUALIFICATION_LABELS,
    header: '资质',
    label: { zh: '资质', en: 'Qualifications' },
    hint: { zh: '已获认定的资质，可多选', en: 'Recognitions already held; several allowed' },
  },
  listed: {
    type: 'boolean',
    header: '已上市',
    label: { zh: '已上市或挂牌', en: 'Listed or quoted' },
    hint: { zh: '境内外上市或新三板等挂牌', en: 'Listed at home or abroad, or quoted (e.g. NEEQ)' },
  },
  inventionPatents: {
    type: 'integer',
    min: 0,
    max: MAX_INTEGER,
    header: '有效发明专利',
    label: { zh: '有效发明专利数', en: 'Valid invention patents' },
    unit: { zh: '件', en: 'patents' },
    hint: { zh: '截至年末有效的发明专利', en: 'Invention patents in force at year end' },
  },
  domesticInstrumentPurchases: {
    type: 'number',
    min: 0,
    max: MAX_AMOUNT,
    header: '国产仪器采购额',
    unit: YUAN,
    label: { zh: '当年采购国产仪器设备金额', en: 'Domestic instruments purchased this year' },
    hint: {
      zh: '当年采购国产仪器设备金额，单位元',
      en: 'Domestic instruments and equipment bought in the year, in yuan',
    },
  },
  firstSetEquipment: {
    type: 'boolean',
    header: '首台套',
    label: { zh: '有首台（套）重大技术装备', en: 'Has first-set major technical equipment' },
    hint: {
      zh: '有产品列入首台（套）重大技术装备推广应用指导目录',
      en: 'A product is in the first-set major equipment catalogue',
    },
  },
  rdCenters: {
    type: 'enumArray',
    values: RD_CENTERS,
    labels: RD_CENTER_LABELS,
    header: '研发机构',
    label: { zh: '已建研发机构', en: 'R&D centres already set up' },
    hint: { zh: '可多选', en: 'Several allowed' },
  },
  activities: {
    type: 'enumArray',
    values: ACTIVITIES,
    labels: ACTIVITY_LABELS,
    header: '开展事项',
    label: { zh: '正在开展或计划开展的事项', en: 'Activities under way or planned' },
    hint: { zh: '可多选', en: 'Several allowed' },
  },
  parkId: {
    type: 'string',
    maxLength: 100,
    header: '所在园区',
    label: { zh: '所在园区', en: 'Park' },
    hint: { zh: '园区编号', en: 'Park id' },
  },
  taxableIncome: {
    type: 'number',
    min: 0,
    max: MAX_AMOUNT,
    header: '应纳税所得额',
    unit: YUAN,
    label: { zh: '应纳税所得额', en: 'Taxable income' },
    hint: {
      zh: '企业所得税年度应纳税所得额，单位元；用于估算税收优惠',
      en: 'Annual taxable income for enterprise income tax, in yuan; used to estimate tax savings',
    },
  },
  techTransferIncome: {
    type: 'number',
    min: 0,
    max: MAX_AMOUNT,
    header: '技术转让所得',
    unit: YUAN,
    label: { zh: '技术转让所得', en: 'Technology-transfer income' },
    hint: {
      zh: '当年技术转让所得（含5年以上许可使用权），单位元；没有请填 0',
      en: 'Income from technology transfers this year (incl. licences of 5 years or more), in yuan; 0 if none',
    },
  },
  foreignInvested: {
    type: 'boolean',
    header: '外商投资',
    label: { zh: '外商投资企业', en: 'Foreign-invested enterprise' },
    hint: {
      zh: '外商投资企业（含港澳台投资）',
      en: 'A foreign-invested enterprise (incl. Hong Kong, Macao and Taiwan investment)',
    },
  },
  firstSetContractValue: {
    type: 'number',
    min: 0,
    max: MAX_AMOUNT,
    header: '首台套合同金额',
    unit: YUAN,
    label: { zh: '首台（套）产品销售合同金额', en: 'First-set equipment contract value' },
    hint: {
      zh: '当年首台（套）产品投保的销售合同金额，单位元；用于估算保费补贴',
      en: 'Sales contract value of first-set equipment insured this year, in yuan; used to estimate the premium subsidy',
    },
  },
} satisfies Record<string, FieldSpec>;

export type ProfileField = keyof typeof PROFILE_FIELDS;
export const PROFILE_FIELD_NAMES = Object.keys(PROFILE_FIELDS) as ProfileField[];
export function fieldSpec(field: ProfileField): FieldSpec {
  return PROFILE_FIELDS[field];
}
