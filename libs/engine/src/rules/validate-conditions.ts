import { FACTS } from '../facts/fact-registry';
import { LIST_VALUE_OPERATORS, NUMERIC_OPERATORS, parseOperator } from './operators';

const LEAF_KEYS = new Set(['fact', 'operator', 'value', 'label']);
const LIST_DECORATORS = ['someValue', 'everyValue'];

/** Problems with one condition tree, each prefixed by where in the tree it is ("conditions.all[2]"). */
export function validateConditions(node: unknown, at = 'conditions'): string[] {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return [`${at}: must be an object`];
  const keys = Object.keys(node);
  const n = node as Record<string, unknown>;
  for (const kind of ['all', 'any'] as const) {
    if (kind in n) {
      if (keys.length !== 1) return [`${at}: "${kind}" must stand alone (found ${keys.join(', ')})`];
      if (!Array.isArray(n[kind])) return [`${at}.${kind}: must be a list`];
      return (n[kind] as unknown[]).flatMap((c, i) => validateConditions(c, `${at}.${kind}[${i}]`));
    }
  }
  if ('not' in n) {
    if (keys.length !== 1) return [`${at}: "not" must stand alone`];
    return validateConditions(n.not, `${at}.not`);
  }
  return validateLeaf(n, at);
}

function validateLeaf(leaf: Record<string, unknown>, at: string): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(leaf)) {
    if (!LEAF_KEYS.has(key)) problems.push(`${at}: unsupported key "${key}" (a leaf has fact, operator, value, label)`);
  }
  const fact = typeof leaf.fact === 'string' ? FACTS.get(leaf.fact) : undefined;
  if (!fact) problems.push(`${at}: unknown fact "${String(leaf.fact)}"`);
  const op = typeof leaf.operator === 'string' ? parseOperator(leaf.operator) : null;
  if (!op) problems.push(`${at}: unknown operator "${String(leaf.operator)}"`);
  if (!('value' in leaf)) problems.push(`${at}: missing "value"`);
  const label = leaf.label as Record<string, unknown> | undefined;
  if (!label || typeof label.zh !== 'string' || !label.zh.trim() || typeof label.en !== 'string' || !label.en.trim()) {
    problems.push(`${at}: label needs non-empty "zh" and "en"`);
  }
  if (typeof leaf.value === 'object' && leaf.value !== null && !Array.isArray(leaf.value) && 'fact' in leaf.value) {
    problems.push(`${at}: a fact reference as value is not supported`);
  }
  if (fact && op && problems.length === 0) problems.push(...checkValue(leaf, fact.values, fact.valueType, op.base, op.decorators, at));
  return problems;
}

function checkValue(
  leaf: Record<string, unknown>, allowed: readonly string[] | undefined, valueType: string,
  base: string, decorators: string[], at: string,
): string[] {
  const { operator, fact } = leaf as { operator: string; fact: string }; // both checked as known names by the caller
  const listValue = LIST_VALUE_OPERATORS.includes(base) || decorators.some((d) => LIST_DECORATORS.includes(d));
  if (listValue && !Array.isArray(leaf.value)) return [`${at}: operator "${operator}" needs a list as value`];
  if (decorators.length > 0) return [];
  const values = Array.isArray(leaf.value) ? leaf.value : [leaf.value];
  if (NUMERIC_OPERATORS.includes(base)) {
    if (typeof leaf.value !== 'number') return [`${at}: operator "${base}" needs a number as value`];
    if (valueType !== 'number') return [`${at}: operator "${base}" on non-numeric fact "${fact}"`];
  }
  if (allowed) {
    const bad = values.filter((v) => typeof v !== 'string' || !allowed.includes(v));
    if (bad.length > 0) return [`${at}: ${JSON.stringify(bad)} not among the values of fact "${fact}"`];
  }
  if (valueType === 'boolean' && values.some((v) => typeof v !== 'boolean')) {
    return [`${at}: fact "${fact}" is true/false; value must be a boolean`];
  }
  return [];
}
