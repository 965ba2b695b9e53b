import { buildCoverageReport } from '../coverage/coverage';
import { defaultCoverageDir, loadCoverageSpecs } from '../coverage/coverage-files';
import { defaultFixturesDir, FixtureFile, loadFixtureFiles } from '../fixtures/fixture-runner';
import { RulePack } from '../types';
import { leaves } from './condition-tree';
import { canonicalJson, defaultRulesDir } from './rule-pack-loader';

/**
 * Checks beyond what start-up enforces: a reviewer's lint of the pack's content (`rules check`, and the rule tests).
 * - every measure's top-level conditions start with `inGuangdong equal true` (all seed documents are Guangdong measures);
 * - no two measures have the same conditions and the same clause citation (a copy-paste slip);
 * - every measure names at least one responsible department;
 * - every measure has a `needs_info` fixture case (every measure can be left open: `city` decides inGuangdong),
 *   besides the eligible and ineligible cases the fixture runner already demands;
 * - coverage (`rules/coverage/*.yaml`): every section of every document is cited or explained, every clause
 *   citation names a listed section and quotes text inside it, ids carry the document's prefix.
 * Start-up already checks quotes verbatim in their document, facts and operators known, zh + en texts.
 */
export function packLintProblems(pack: RulePack, rulesDir: string = defaultRulesDir()): string[] {
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const m of pack.measures) {
    const topLevel = 'all' in m.conditions ? m.conditions.all : [m.conditions];
    const first = topLevel[0];
    if (!first || !('fact' in first) || first.fact !== 'inGuangdong' || first.operator !== 'equal' || first.value !== true) {
      problems.push(`${m.id}: must start its top-level conditions with inGuangdong equal true`);
    }
    const key = canonicalJson({ c: m.conditions, q: m.citations.filter((c) => c.role === 'clause') });
    if (seen.has(key)) problems.push(`${m.id}: same conditions and clause citation as ${seen.get(key)}`);
    seen.set(key, m.id);
    if (leaves(m.conditions).length === 0) problems.push(`${m.id}: has no conditions`);
    if (m.departments.length === 0) problems.push(`${m.id}: names no responsible department`);
  }
  const { specs, problems: specProblems } = loadCoverageSpecs(defaultCoverageDir(rulesDir));
  problems.push(...specProblems, ...buildCoverageReport(pack, specs).problems);
  problems.push(...needsInfoProblems(pack, loadFixtureFiles(defaultFixturesDir(rulesDir))));
  return problems;
}

/** Measures without a `needs_info` fixture case. */
export function needsInfoProblems(pack: RulePack, files: FixtureFile[]): string[] {
  const ids = new Set(pack.measures.map((m) => m.id));
  const withCase = new Set(files.filter((f) => f.cases.some((c) => c.expect?.status === 'needs_info')).map((f) => f.measure));
  return [...ids].filter((id) => !withCase.has(id)).map((id) => `measure "${id}" has no needs_info fixture case`);
}
