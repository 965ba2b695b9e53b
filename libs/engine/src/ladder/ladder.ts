import { buildFacts } from '../facts/fact-registry';
import { EnterpriseProfile } from '../profile/profile';
import { CompiledPack } from '../evaluator/compiled-pack';
import { computeEstimate } from '../estimates/estimate';
import { ExplainContext, MatchOptions, matchProfile } from '../evaluator/match';
import { PASS } from '../evaluator/outcome';
import { CLAIMABLE_NATURES } from '../evaluator/validity';
import { Lang, MatchResult } from '../types';
import { citationOf, evaluateCriterion, readinessOf } from './ladder-criteria';
import { LADDER_STEPS, LadderStepSpec, LadderVersion } from './ladder-steps';
import { LadderStep, LadderUnlock, QualificationLadder } from '../types';

/** The rungs in order; 单项冠军 stands beside them (shown where applicable), not above 小巨人. */
const RUNGS = LADDER_STEPS.filter((s) => s.qualification !== 'single-champion').map((s) => s.qualification as string);

/**
 * The qualification ladder for a firm: the rungs above the highest one it holds, each with its national criteria
 * met / missing / unknown and the in-force entitlements and applications holding it would make eligible (the firm
 * re-screened with the qualification added, against the same compiled pack `base` was matched with).
 */
export function qualificationLadder(
  compiled: CompiledPack,
  profile: EnterpriseProfile,
  base: MatchResult,
  lang: Lang = 'zh',
): QualificationLadder {
  const held = (profile.qualifications ?? []).filter((q) => LADDER_STEPS.some((s) => s.qualification === q));
  const top = Math.max(-1, ...held.map((q) => RUNGS.indexOf(q)));
  const facts = buildFacts(profile);
  const ctx: ExplainContext = { fiscalYear: base.fiscalYear, asOf: base.asOf, lang, documents: compiled.documents };
  // The firm as it is, with its qualifications known: an absent list is unknown to the rules, and merely naming one
  // would otherwise "unlock" every measure that asks what the firm does not hold.
  const before = screenCodes(compiled, { ...profile, qualifications: profile.qualifications ?? [] });
  const steps: LadderStep[] = [];
  for (const spec of LADDER_STEPS) {
    if (held.includes(spec.qualification)) continue;
    const rung = RUNGS.indexOf(spec.qualification);
    if (rung >= 0 && rung <= top) continue;
    if (spec.applicable && !spec.applicable(held, profile.revenue)) continue;
    const version = versionAt(spec, base.asOf);
    if (!version) continue;
    const criteria = version.criteria.map((c) => evaluateCriterion(c, version.rule, facts, lang));
    const unlocks = unlockedBy(compiled, profile, spec, base, before, ctx);
    steps.push({
      qualification: spec.qualification,
      title: spec.title[lang],
      readiness: readinessOf(criteria.map((c) => c.outcome)),
      rule: citationOf(version.rule),
      criteria,
      notCheckable: version.notCheckable.map((t) => t[lang]),
      unlocks,
      unlockedValue: unlocks.reduce((sum, u) => sum + (u.estimate ?? 0), 0),
    });
  }
  return { held, steps };
}

function versionAt(spec: LadderStepSpec, asOf: string): LadderVersion | undefined {
  return spec.versions.find((v) => v.period.from <= asOf && (v.period.to === null || asOf <= v.period.to));
}

/** The in-force claims not eligible today that become eligible with the qualification (and what it implies). */
function unlockedBy(
  compiled: CompiledPack,
  profile: EnterpriseProfile,
  spec: LadderStepSpec,
  base: MatchResult,
  before: Uint8Array,
  ctx: ExplainContext,
): LadderUnlock[] {
  const held = profile.qualifications ?? [];
  const qualifications = [...new Set([...held, ...spec.implies, spec.qualification])];
  const facts = buildFacts({ ...profile, qualifications });
  const codes = new Uint8Array(compiled.measures.length);
  compiled.screen(facts, codes);
  const unlocks: LadderUnlock[] = [];
  base.results.forEach((result, i) => {
    if (codes[i] !== PASS || before[i] === PASS || result.status === 'eligible' || !result.inForce) return;
    if (!CLAIMABLE_NATURES.includes(result.nature)) return;
    const { measure } = compiled.measures[i];
    // Only an estimate is needed, not the explanation: the formula on the facts with the qualification added.
    const estimate = measure.estimate ? computeEstimate(measure.estimate, facts, ctx.fiscalYear, ctx.lang) : undefined;
    unlocks.push({
      measureId: measure.id,
      title: measure.title[ctx.lang],
      kind: measure.kind,
      nature: measure.nature,
      ...(estimate ? { estimate: estimate.amount } : {}),
    });
  });
  return unlocks.sort((a, b) => (b.estimate ?? -1) - (a.estimate ?? -1));
}

function screenCodes(compiled: CompiledPack, profile: EnterpriseProfile): Uint8Array {
  const codes = new Uint8Array(compiled.measures.length);
  compiled.screen(buildFacts(profile), codes);
  return codes;
}

/** `matchProfile` plus the ladder: the API's match. Batch screening never calls this (it re-screens per rung). */
export function matchWithLadder(
  compiled: CompiledPack,
  profile: EnterpriseProfile,
  options: MatchOptions = {},
): MatchResult & { ladder: QualificationLadder } {
  const result = matchProfile(compiled, profile, options);
  return { ...result, ladder: qualificationLadder(compiled, profile, result, options.lang ?? 'zh') };
}
