/** One difference between the rule as it was and as it is: a JSON path, and the value on each side. */
export interface RuleChange {
  path: string;
  /** The label of the condition the change sits in, when it sits in one. */
  condition?: string;
  before: unknown;
  after: unknown;
}

/**
 * Every leaf-level difference between two measures (or any JSON values), in document order, with paths
 * like `conditions.all[3].value`. Absent on one side reads as undefined.
 */
export function diffRules(before: unknown, after: unknown, lang: 'zh' | 'en' = 'zh'): RuleChange[] {
  const out: RuleChange[] = [];
  walk(before, after, '', undefined, lang, out);
  return out;
}

function walk(
  a: unknown,
  b: unknown,
  path: string,
  condition: string | undefined,
  lang: 'zh' | 'en',
  out: RuleChange[],
): void {
  const label = conditionLabel(b, lang) ?? conditionLabel(a, lang) ?? condition;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) walk(a[i], b[i], `${path}[${i}]`, label, lang, out);
    return;
  }
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    for (const k of keys) walk(a[k], b[k], path ? `${path}.${k}` : k, label, lang, out);
    return;
  }
  if (JSON.stringify(a) !== JSON.stringify(b))
    out.push({ path, ...(label ? { condition: label } : {}), before: a, after: b });
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A leaf condition carries `fact` and a `label: { zh, en }`; say which one a change is in. */
function conditionLabel(v: unknown, lang: 'zh' | 'en'): string | undefined {
  if (!isObject(v) || typeof v.fact !== 'string' || !isObject(v.label)) return undefined;
  return typeof v.label[lang] === 'string' ? v.label[lang] : undefined;
}
