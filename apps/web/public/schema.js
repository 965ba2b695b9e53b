/**
 * What the company form shows beyond the engine's own data: the layout (which field goes in which group) and
 * labels the engine does not carry. Field types, limits, enum ids and their labels, the derived facts, the
 * validator and its messages all come from the engine itself, bundled for the browser at /engine/profile.js
 * (libs/engine/src/profile, built by scripts/build-web.js).
 */
import { DERIVED_FACTS, PROFILE_FIELDS } from './engine/profile.js';

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
    id: 'basic',
    label: { zh: '基本信息', en: 'Basic information' },
    fields: ['name', 'creditCode', 'city', 'entityType', 'foreignInvested', 'employees', 'parkId', 'clusters'],
  },
  {
    id: 'finance',
    label: { zh: '财务数据', en: 'Financial figures' },
    fields: [
      'fiscalYear',
      'revenue',
      'rdExpense',
      'taxableIncome',
      'techTransferIncome',
      'exportValue',
      'domesticInstrumentPurchases',
    ],
  },
  {
    id: 'qualifications',
    label: { zh: '资质与研发机构', en: 'Qualifications and R&D centres' },
    fields: ['qualifications', 'listed', 'firstSetEquipment', 'firstSetContractValue', 'inventionPatents', 'rdCenters'],
  },
  {
    id: 'activities',
    label: { zh: '正在开展或计划的事项', en: 'Activities under way or planned' },
    fields: ['activities'],
  },
];

/** The fields the form shows, in its order. */
export const FORM_FIELDS = FORM_GROUPS.flatMap((g) => g.fields);

/** A profile field or a derived fact (with its enum labels), for labelling condition values and missing facts. */
export function factSpec(name) {
  if (Object.prototype.hasOwnProperty.call(PROFILE_FIELDS, name)) return PROFILE_FIELDS[name];
  return DERIVED_FACTS.find((f) => f.name === name);
}
