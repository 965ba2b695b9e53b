import { canonicalJson, leaves, RulePack } from '@app/engine';

/**
 * Checks beyond what start-up enforces: a reviewer's lint of the pack's content.
 * - every measure asks for `inGuangdong equal true` (all seed documents are Guangdong measures);
 * - no two measures have the same conditions and the same clause citation (a copy-paste slip).
 */
export function packLintProblems(pack: RulePack): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const m of pack.measures) {
    const topLevel = 'all' in m.conditions ? m.conditions.all : [m.conditions];
    if (!topLevel.some((c) => 'fact' in c && c.fact === 'inGuangdong' && c.operator === 'equal' && c.value === true)) {
      problems.push(`${m.id}: must require inGuangdong equal true at the top level`);
    }
    const key = canonicalJson({ c: m.conditions, q: m.citations.filter((c) => c.role === 'clause') });
    if (seen.has(key)) problems.push(`${m.id}: same conditions and clause citation as ${seen.get(key)}`);
    seen.set(key, m.id);
    if (leaves(m.conditions).length === 0) problems.push(`${m.id}: has no conditions`);
  }
  return problems;
}
