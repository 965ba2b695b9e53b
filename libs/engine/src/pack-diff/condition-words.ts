import { FACTS } from '../facts/fact-registry';
import { formatPercent, formatYuan } from '../evaluator/near-miss';
import { ENTERPRISE_SIZE_LABELS } from '../profile/profile-enums';
import { PROFILE_FIELDS } from '../profile/profile-fields';
import { ConditionNode, Lang, LeafCondition, LocalizedText, Period } from '../types';

const OPERATOR_WORDS: Partial<Record<string, LocalizedText>> = {
  equal: { zh: '=', en: '=' },
  notEqual: { zh: '≠', en: '≠' },
  lessThan: { zh: '<', en: '<' },
  lessThanInclusive: { zh: '≤', en: '≤' },
  greaterThan: { zh: '>', en: '>' },
  greaterThanInclusive: { zh: '≥', en: '≥' },
  in: { zh: '属于', en: 'is one of' },
  notIn: { zh: '不属于', en: 'is none of' },
  contains: { zh: '包含', en: 'includes' },
  doesNotContain: { zh: '不包含', en: 'does not include' },
};

/** The fact's name without its explanatory parenthesis: "研发投入强度（研发费用/营业收入）" → "研发投入强度". */
export function factName(fact: string, lang: Lang): string {
  const label = FACTS.get(fact)?.label[lang] ?? fact;
  return label.replace(/\s*[（(][^（()）]*[)）]\s*$/, '');
}

export function operatorInWords(operator: string, lang: Lang): string {
  return OPERATOR_WORDS[operator]?.[lang] ?? operator;
}

/** A condition's value as a person writes it: 6%, 200 万元, 深圳, 是. */
export function valueInWords(fact: string, value: unknown, lang: Lang): string {
  if (Array.isArray(value)) return value.map((v) => valueInWords(fact, v, lang)).join(lang === 'zh' ? '、' : ', ');
  if (typeof value === 'boolean') return lang === 'zh' ? (value ? '是' : '否') : value ? 'yes' : 'no';
  if (typeof value === 'number') {
    if (fact === 'rdIntensity') return formatPercent(value);
    const unit = FACTS.get(fact)?.unit;
    if (unit?.zh === '元') return formatYuan(value, lang);
    return `${value.toLocaleString('en-US')}${unit ? ` ${unit[lang]}` : ''}`;
  }
  if (typeof value === 'string') return enumLabel(fact, value)?.[lang] ?? value;
  return JSON.stringify(value);
}

function enumLabel(fact: string, value: string): LocalizedText | undefined {
  if (fact === 'enterpriseSize') return (ENTERPRISE_SIZE_LABELS as Partial<Record<string, LocalizedText>>)[value];
  const spec = (PROFILE_FIELDS as Partial<Record<string, { labels?: Partial<Record<string, LocalizedText>> }>>)[fact];
  return spec?.labels?.[value];
}

/** "研发投入强度 ≥ 6%". */
export function leafInWords(leaf: Pick<LeafCondition, 'fact' | 'operator' | 'value'>, lang: Lang): string {
  return `${factName(leaf.fact, lang)} ${operatorInWords(leaf.operator, lang)} ${valueInWords(leaf.fact, leaf.value, lang)}`;
}

/** "≥ 6%": the right-hand side alone, for "≥ 6% → ≥ 5%". */
export function boundInWords(leaf: Pick<LeafCondition, 'fact' | 'operator' | 'value'>, lang: Lang): string {
  return `${operatorInWords(leaf.operator, lang)} ${valueInWords(leaf.fact, leaf.value, lang)}`;
}

export function periodInWords(p: Period, lang: Lang): string {
  if (p.to === null) return lang === 'zh' ? `${p.from} 起（长期）` : `from ${p.from} (open-ended)`;
  return lang === 'zh' ? `${p.from} 至 ${p.to}` : `${p.from} to ${p.to}`;
}

/** The group structure of a tree, leaves as "*": equal skeletons can be compared leaf by leaf. */
export function skeleton(node: ConditionNode): string {
  if ('all' in node) return `all(${node.all.map(skeleton).join(',')})`;
  if ('any' in node) return `any(${node.any.map(skeleton).join(',')})`;
  if ('not' in node) return `not(${skeleton(node.not)})`;
  return '*';
}
