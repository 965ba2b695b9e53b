import { Qualification } from '../profile/profile-enums';
import { LocalizedText, Period } from '../types';

/** The national rule a ladder criterion rests on: number, title, period and (where verified) the article. */
export interface LadderRule {
  number: string;
  title: string;
  period: Period;
  /** Article or annex, only where docs/policy-review.md records it as verified. */
  article?: string;
}

/** One revenue band of an R&D test: up to `revenueMax` (inclusive or not), the intensity or amount required. */
export interface RdBand {
  revenueMax: number | null;
  inclusive: boolean;
  minIntensity?: number;
  minRdExpense?: number;
  label: LocalizedText;
}

/** What a criterion tests, as data; `ladder-criteria.ts` evaluates each kind under three-valued logic. */
export type CriterionTest =
  | { kind: 'isEnterprise' }
  | { kind: 'isSme' }
  | { kind: 'holds'; qualification: Qualification }
  | { kind: 'atMost'; fact: 'employees' | 'revenue'; value: number }
  | { kind: 'atLeast'; fact: 'revenue' | 'rdExpense'; value: number }
  | { kind: 'rdIntensityAtLeast'; value: number }
  | { kind: 'rdBands'; bands: RdBand[] };

export interface LadderCriterion {
  id: string;
  label: LocalizedText;
  test: CriterionTest;
  /** Defaults to the version's rule. */
  rule?: LadderRule;
}

/** The criteria of one qualification while one rule is in force. */
export interface LadderVersion {
  period: Period;
  rule: LadderRule;
  criteria: LadderCriterion[];
  /** National criteria a profile cannot decide, in words. */
  notCheckable: LocalizedText[];
}

export interface LadderStepSpec {
  qualification: Qualification;
  title: LocalizedText;
  /** Shown only when this says so (单项冠军: a 小巨人, or revenue at the size seen in the rounds). */
  applicable?: (held: readonly string[], revenue: number | undefined) => boolean;
  /** Held qualifications that a re-match assumes along with this one. */
  implies: Qualification[];
  versions: LadderVersion[];
}

const OPEN = null;
const WAN = 10_000;

const SIZE_RULE: LadderRule = {
  number: '工信部联企业〔2011〕300号',
  title: '《中小企业划型标准规定》',
  period: { from: '2011-06-18', to: OPEN },
};
const TECH_SME_RULE: LadderRule = {
  number: '国科发政〔2017〕115号',
  title: '科技部 财政部 国家税务总局关于印发《科技型中小企业评价办法》的通知',
  period: { from: '2017-05-03', to: OPEN },
  article: '第六条',
};
const HTE_RULE: LadderRule = {
  number: '国科发火〔2016〕32号',
  title: '科技部 财政部 国家税务总局关于修订印发《高新技术企业认定管理办法》的通知',
  period: { from: '2016-01-01', to: OPEN },
  article: '第十一条',
};
const SME_2022: LadderRule = {
  number: '工信部企业〔2022〕63号',
  title: '工业和信息化部关于印发《优质中小企业梯度培育管理暂行办法》的通知',
  period: { from: '2022-08-01', to: '2026-03-31' },
};
const SME_2026: LadderRule = {
  number: '工信部企业〔2026〕2号',
  title: '工业和信息化部关于印发《优质中小企业梯度培育管理办法》的通知',
  period: { from: '2026-04-01', to: OPEN },
};
const CHAMPION_RULE: LadderRule = {
  number: '工信部政法〔2023〕138号',
  title: '《制造业单项冠军企业认定管理办法》',
  period: { from: '2023-09-14', to: OPEN },
};

const enterprise = (rule: LadderRule): LadderCriterion => ({
  id: 'enterprise',
  label: { zh: '在中国境内注册的企业', en: 'An enterprise registered in China' },
  test: { kind: 'isEnterprise' },
  rule,
});
const sme: LadderCriterion = {
  id: 'sme',
  label: {
    zh: '属于中小企业（按从业人员和营业收入划型）',
    en: 'A small or medium-sized enterprise (by employees and revenue)',
  },
  test: { kind: 'isSme' },
  rule: SIZE_RULE,
};
const holdsSpecialized: LadderCriterion = {
  id: 'holds-specialized-sme',
  label: { zh: '已认定为专精特新中小企业', en: 'Already a specialised and innovative SME' },
  test: { kind: 'holds', qualification: 'specialized-sme' },
};
const specializedRd: LadderCriterion[] = [
  {
    id: 'rd-expense',
    label: { zh: '上年度研发费用不低于100万元', en: 'R&D expense of at least 1 million yuan last year' },
    test: { kind: 'atLeast', fact: 'rdExpense', value: 100 * WAN },
  },
  {
    id: 'rd-intensity',
    label: { zh: '研发费用占营业收入比重不低于3%', en: 'R&D at least 3% of revenue' },
    test: { kind: 'rdIntensityAtLeast', value: 0.03 },
  },
];
const specializedNotCheckable: LocalizedText[] = [
  { zh: '从事特定细分市场时间达到规定年限', en: 'Years in a specific niche market as the standard requires' },
  {
    zh: '营业收入或近年新增股权融资达到认定标准；专精特新评分达标或符合直通条件',
    en: 'Revenue or recent equity financing as the standard requires; the 专精特新 score, or a direct route',
  },
];

/**
 * The qualification ladder, lowest rung first (科技型中小企业 → 高新技术企业 → 专精特新中小企业 → 专精特新"小巨人"),
 * then 单项冠军 where applicable. Thresholds as recorded in docs/policy-review.md (B7–B10); what a profile cannot
 * decide is in `notCheckable`. A rule that changes by date is a new version with its own period.
 */
export const LADDER_STEPS: readonly LadderStepSpec[] = [
  {
    qualification: 'tech-sme',
    title: { zh: '科技型中小企业', en: 'Technology-based SME' },
    implies: [],
    versions: [
      {
        period: TECH_SME_RULE.period,
        rule: TECH_SME_RULE,
        criteria: [
          enterprise(TECH_SME_RULE),
          {
            id: 'employees',
            label: { zh: '职工总数不超过500人', en: 'At most 500 employees' },
            test: { kind: 'atMost', fact: 'employees', value: 500 },
          },
          {
            id: 'revenue',
            label: { zh: '年销售收入不超过2亿元', en: 'Annual sales of at most 200 million yuan' },
            test: { kind: 'atMost', fact: 'revenue', value: 20_000 * WAN },
          },
        ],
        notCheckable: [
          { zh: '资产总额不超过2亿元', en: 'Total assets of at most 200 million yuan' },
          {
            zh: '综合评价得分不低于60分且科技人员指标得分不为0，或符合直接确认条件',
            en: 'A score of at least 60 with a non-zero S&T-staff score, or a direct route',
          },
        ],
      },
    ],
  },
  {
    qualification: 'high-tech-enterprise',
    title: { zh: '高新技术企业', en: 'High-tech enterprise' },
    implies: [],
    versions: [
      {
        period: HTE_RULE.period,
        rule: HTE_RULE,
        criteria: [
          enterprise(HTE_RULE),
          {
            id: 'rd-intensity',
            label: {
              zh: '研发费用占销售收入比例：5000万元（含）以下不低于5%，5000万元至2亿元（含）不低于4%，2亿元以上不低于3%',
              en: 'R&D share of sales: 5% up to 50 million yuan, 4% up to 200 million, 3% above',
            },
            test: {
              kind: 'rdBands',
              bands: [
                { revenueMax: 5_000 * WAN, inclusive: true, minIntensity: 0.05, label: { zh: '5%', en: '5%' } },
                { revenueMax: 20_000 * WAN, inclusive: true, minIntensity: 0.04, label: { zh: '4%', en: '4%' } },
                { revenueMax: null, inclusive: true, minIntensity: 0.03, label: { zh: '3%', en: '3%' } },
              ],
            },
          },
        ],
        notCheckable: [
          {
            zh: '研发费用比例按近三个会计年度计算，此处以填报年度近似；注册成立一年以上',
            en: 'The ratio is over the last three years (the profile year stands in); registered for at least a year',
          },
          {
            zh: '拥有支持主要产品核心技术的知识产权；核心技术属于国家重点支持的高新技术领域',
            en: 'IP supporting the core products; core technology in a field the national list supports',
          },
          {
            zh: '科技人员占比不低于10%；高新技术产品（服务）收入占比不低于60%；创新能力评价达标',
            en: 'S&T staff at least 10%; high-tech income at least 60%; passes the innovation assessment',
          },
        ],
      },
    ],
  },
  {
    qualification: 'specialized-sme',
    title: { zh: '专精特新中小企业', en: 'Specialised and innovative SME' },
    implies: [],
    versions: [
      {
        period: SME_2022.period,
        rule: SME_2022,
        criteria: [enterprise(SME_2022), sme, ...specializedRd],
        notCheckable: specializedNotCheckable,
      },
      {
        period: SME_2026.period,
        rule: SME_2026,
        criteria: [enterprise(SME_2026), sme, ...specializedRd],
        notCheckable: specializedNotCheckable,
      },
    ],
  },
  {
    qualification: 'little-giant',
    title: { zh: '专精特新“小巨人”企业', en: '"Little giant" specialised SME' },
    implies: ['specialized-sme'],
    versions: [
      {
        period: SME_2022.period,
        rule: SME_2022,
        criteria: [
          enterprise(SME_2022),
          holdsSpecialized,
          sme,
          {
            id: 'rd-bands',
            label: {
              zh: '营业收入1亿元以上研发费用占比不低于3%；5000万至1亿元不低于6%；5000万元以下研发费用不低于3000万元',
              en: 'R&D: 3% of revenue from 100 million yuan, 6% from 50 million, else at least 30 million yuan',
            },
            test: {
              kind: 'rdBands',
              bands: [
                {
                  revenueMax: 5_000 * WAN,
                  inclusive: false,
                  minRdExpense: 3_000 * WAN,
                  label: { zh: '3000万元', en: '30 million yuan' },
                },
                { revenueMax: 10_000 * WAN, inclusive: false, minIntensity: 0.06, label: { zh: '6%', en: '6%' } },
                { revenueMax: null, inclusive: true, minIntensity: 0.03, label: { zh: '3%', en: '3%' } },
              ],
            },
          },
        ],
        notCheckable: [
          {
            zh: '主营业务收入占比不低于70%；细分市场占有率；资产负债率不高于70%；自建研发机构和一类知识产权',
            en: 'Main business at least 70% of revenue; niche market share; debt ratio at most 70%; own R&D unit and Class I IP',
          },
        ],
      },
      {
        period: SME_2026.period,
        rule: SME_2026,
        criteria: [
          enterprise(SME_2026),
          holdsSpecialized,
          sme,
          {
            id: 'revenue',
            label: {
              zh: '上年度营业收入5000万元以上（二手来源，待核对原文）',
              en: 'Revenue of at least 50 million yuan last year (secondary source)',
            },
            test: { kind: 'atLeast', fact: 'revenue', value: 5_000 * WAN },
          },
          {
            id: 'rd-intensity',
            label: { zh: '研发费用占营业收入比重不低于3%', en: 'R&D at least 3% of revenue' },
            test: { kind: 'rdIntensityAtLeast', value: 0.03 },
          },
        ],
        notCheckable: [
          {
            zh: '近两年研发费用总额、主营业务收入占比、一类知识产权数量、市场占有率和评价得分（新办法附件2，仅见二手来源）',
            en: 'Two-year R&D total, main-business share, Class I IP, market share and score (new rules, secondary sources only)',
          },
        ],
      },
    ],
  },
  {
    qualification: 'single-champion',
    title: { zh: '制造业单项冠军企业', en: 'Manufacturing single champion' },
    applicable: (held, revenue) => held.includes('little-giant') || (revenue ?? 0) >= 40_000 * WAN,
    implies: [],
    versions: [
      {
        period: CHAMPION_RULE.period,
        rule: CHAMPION_RULE,
        criteria: [enterprise(CHAMPION_RULE)],
        notCheckable: [
          {
            zh: '长期专注特定细分产品市场（一般10年以上）；全球市场占有率位居前列；技术和质量国际领先',
            en: 'Long focus on one niche product (usually 10 years or more); a leading global market share; world-class technology',
          },
          {
            zh: '申报轮次中所见规模门槛：销售收入4亿元以上，或为小巨人企业（二手来源）',
            en: 'Size seen in application rounds: sales of 400 million yuan, or a little giant (secondary source)',
          },
        ],
      },
    ],
  },
];
