import { CompiledPack } from '../evaluator/compiled-pack';
import { matchProfile } from '../evaluator/match';
import { FixtureFile, fixtureAsOf, runCase } from '../fixtures/fixture-runner';
import { validateProfile } from '../profile/profile-validator';
import { Lang, MatchStatus, MeasureResult } from '../types';

/** What a person sees of one measure's outcome: enough to tell that it changed. */
export interface OutcomeBrief {
  status: MatchStatus | 'absent';
  inForce: boolean;
  nearMiss: boolean;
  estimate: number | null;
}

export interface FixtureOutcomeChange {
  file: string;
  /** The measure the fixture file is about. */
  measure: string;
  name: string;
  asOf: string;
  /** Every measure whose outcome for this profile differs between the packs. */
  changes: { measureId: string; before: OutcomeBrief; after: OutcomeBrief }[];
  /** The case's own expectations that fail under the new pack: the fixture must be updated with the rule. */
  failuresUnderB: string[];
}

const ABSENT: OutcomeBrief = { status: 'absent', inForce: false, nearMiss: false, estimate: null };
const brief = (r: MeasureResult | undefined): OutcomeBrief =>
  r
    ? { status: r.status, inForce: r.inForce, nearMiss: r.nearMiss.length > 0, estimate: r.estimate?.amount ?? null }
    : ABSENT;
const sameBrief = (a: OutcomeBrief, b: OutcomeBrief) =>
  a.status === b.status && a.inForce === b.inForce && a.nearMiss === b.nearMiss && a.estimate === b.estimate;

/**
 * Runs every fixture profile (each at its own `asOf`) under both packs with the full explainer and lists the cases
 * whose outcome changed on any measure, and whether the case's expectations still hold under pack `b`.
 */
export function fixtureRegression(
  a: CompiledPack,
  b: CompiledPack,
  files: FixtureFile[],
  lang: Lang = 'zh',
): FixtureOutcomeChange[] {
  const out: FixtureOutcomeChange[] = [];
  for (const file of files) {
    for (const c of file.cases) {
      const checked = validateProfile(c.profile, lang);
      if (!checked.profile) continue; // an invalid fixture profile is `rules test`'s to report
      const asOf = fixtureAsOf(c);
      const before = new Map(matchProfile(a, checked.profile, { lang, asOf }).results.map((r) => [r.measureId, r]));
      const after = new Map(matchProfile(b, checked.profile, { lang, asOf }).results.map((r) => [r.measureId, r]));
      const ids = [...new Set([...before.keys(), ...after.keys()])];
      const changes = ids.flatMap((measureId) => {
        const x = brief(before.get(measureId));
        const y = brief(after.get(measureId));
        return sameBrief(x, y) ? [] : [{ measureId, before: x, after: y }];
      });
      if (changes.length === 0) continue;
      out.push({
        file: file.file,
        measure: file.measure,
        name: c.name,
        asOf,
        changes,
        failuresUnderB: runCase(b, file, c).failures,
      });
    }
  }
  return out;
}
