import { compilePack } from '../evaluator/compiled-pack';
import { EnterpriseProfile } from '../profile/profile';
import { loadRulePack } from '../rules/rule-pack-loader';
import { seededRandom, syntheticProfile } from '../synthetic/synthetic-profile';
import { matchWithLadder } from './ladder';

/**
 * The ladder's criteria table and the rule pack's recognition measures state the same national thresholds twice
 * (the ladder words gaps and cites per criterion; the pack decides the measure). They must agree: where the ladder
 * finds a gap the measure is ineligible, and where every criterion is met the measure is eligible.
 */
const MEASURE_OF: Record<string, string> = {
  'tech-sme': 'k895-tech-sme-evaluation',
  'high-tech-enterprise': 'k895-hte-recognition',
  'specialized-sme': 'k895-specialized-sme',
};
/** 小巨人 has one measure per rule: the 2022 interim rules until 2026-03-31, the 2026 rules after. */
const LITTLE_GIANT: Record<string, string> = {
  '2025-06-01': 'k895-little-giant',
  '2026-11-26': 'k895-little-giant-2026',
};

describe('the ladder table and the rule pack', () => {
  const compiled = compilePack(loadRulePack());

  it.each(Object.keys(LITTLE_GIANT))('agree on 1,000 generated Guangdong firms at %s', (asOf) => {
    const rng = seededRandom(11);
    const disagreements: string[] = [];
    let compared = 0;
    for (let i = 0; i < 1000; i++) {
      const generated = syntheticProfile(rng, i);
      if (generated.city === 'outside-guangdong' || generated.city === undefined) continue;
      // Qualifications known (none when absent): the ladder reads an absent list as "holds none".
      const profile: EnterpriseProfile = { ...generated, qualifications: generated.qualifications ?? [] };
      const result = matchWithLadder(compiled, profile, { asOf });
      for (const step of result.ladder.steps) {
        const measureId = step.qualification === 'little-giant' ? LITTLE_GIANT[asOf] : MEASURE_OF[step.qualification];
        if (!measureId) continue;
        const status = result.results.find((r) => r.measureId === measureId)!.status;
        const expected = { gaps: 'ineligible', ready: 'eligible', 'needs-info': status }[step.readiness];
        compared++;
        if (status !== expected)
          disagreements.push(`#${i} ${step.qualification}: ladder ${step.readiness}, pack ${status}`);
      }
    }
    expect(compared).toBeGreaterThan(500);
    expect(disagreements).toEqual([]);
  });
});
