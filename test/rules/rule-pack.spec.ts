import {
  ACTIVITIES, compilePack, defaultRulesDir, EMERGING_CLUSTERS, loadRulePack, matchProfile, QUALIFICATIONS, RD_CENTERS, validateProfile,
} from '@app/engine';
import { packLintProblems } from '../../apps/cli/src/rule-pack-lint';

// Properties of the whole pack (per-measure behaviour lives in fixtures/rules/*.yaml).
const pack = loadRulePack(defaultRulesDir());
const compiled = compilePack(pack);
const NOW = new Date('2026-06-30T00:00:00Z');
const match = (profile: Record<string, unknown>, lang: 'zh' | 'en' = 'en') => {
  const checked = validateProfile(profile, lang);
  if (!checked.profile) throw new Error(JSON.stringify(checked.errors));
  return matchProfile(compiled, checked.profile, { lang, now: NOW });
};

/** A firm that ticks every box the profile has: any measure it misses, it misses for a reason outside the profile's reach. */
const EVERYTHING = {
  entityType: 'enterprise', clusters: [...EMERGING_CLUSTERS, 'agriculture-food'], employees: 300, revenue: 100_000_000, rdExpense: 20_000_000,
  exportValue: 10_000_000, qualifications: [...QUALIFICATIONS], listed: false, inventionPatents: 30, domesticInstrumentPurchases: 1_000_000,
  firstSetEquipment: true, rdCenters: [...RD_CENTERS], activities: [...ACTIVITIES],
};

describe('the rule pack', () => {
  it('passes the reviewer lint of `rules check` (Guangdong leaf, duplicates, departments, coverage, needs_info cases)', () => {
    expect(packLintProblems(pack)).toEqual([]);
  });

  it('covers all five documents with well over 40 measures', () => {
    const perDoc = new Map<string, number>();
    for (const m of compiled.measures) perDoc.set(m.document.id, (perDoc.get(m.document.id) ?? 0) + 1);
    expect(perDoc.size).toBe(5);
    expect(pack.measures.length).toBeGreaterThan(40);
  });

  it('gives a firm outside Guangdong no eligible measure, and says why', () => {
    for (const profile of [{ ...EVERYTHING, city: 'outside-guangdong' }, { entityType: 'research-institution', city: 'outside-guangdong', domesticInstrumentPurchases: 5 }]) {
      const results = match(profile).results;
      expect(results.filter((r) => r.status === 'eligible').map((r) => r.measureId)).toEqual([]);
      for (const r of results) {
        expect(r.status).toBe('ineligible');
        expect(r.conditions.find((c) => c.fact === 'inGuangdong')).toMatchObject({ outcome: 'fail', actual: false });
      }
    }
  });

  it('still finds many eligible measures for the same firm registered in Guangdong', () => {
    const eligible = match({ ...EVERYTHING, city: 'shenzhen' }).results.filter((r) => r.status === 'eligible');
    expect(eligible.length).toBeGreaterThan(40);
  });

  it('marks every measure of a plan ending in 2025 as not in force for fiscal year 2026', () => {
    const results = match({ ...EVERYTHING, city: 'foshan', fiscalYear: 2026 }).results;
    const ending2025 = new Set(pack.measures.filter((m) => m.period.to === '2025-12-31').map((m) => m.id));
    expect(ending2025.size).toBeGreaterThan(40);
    // The others rest on national rules with their own periods (open-ended, or the VAT refund to 2027).
    for (const r of results) expect([r.measureId, r.inForce]).toEqual([r.measureId, !ending2025.has(r.measureId)]);
    for (const r of match({ ...EVERYTHING, city: 'foshan', fiscalYear: 2025 }).results) expect(r.inForce).toBe(true);
  });

  it('says in words that every result from the draft plan (seed 001) rests on a draft', () => {
    const draft = compiled.measures.filter((m) => m.document.id === 'gd-high-end-equipment-2021-2025-draft').map((m) => m.measure.id);
    expect(draft.length).toBeGreaterThan(10);
    for (const lang of ['en', 'zh'] as const) {
      const results = match({ ...EVERYTHING, city: 'guangzhou' }, lang).results.filter((r) => draft.includes(r.measureId));
      expect(results).toHaveLength(draft.length);
      for (const r of results) {
        expect(r.documentStatus).toBe('draft');
        expect(r.documentNotice).toBe(lang === 'en' ? 'Based on a draft; the final text may differ' : '依据征求意见稿，正式文本可能不同');
      }
    }
    const others = match({ ...EVERYTHING, city: 'guangzhou' }).results.filter((r) => !draft.includes(r.measureId));
    for (const r of others) expect(r.documentStatus).toBe('in-force');
  });

  it('names each measure, benefit, condition and exception in Chinese and English', () => {
    for (const lang of ['zh', 'en'] as const) {
      for (const r of match({ ...EVERYTHING, city: 'zhuhai' }, lang).results) {
        expect(r.title.trim()).not.toBe('');
        expect(r.benefit.trim()).not.toBe('');
        expect(r.departments.length).toBeGreaterThan(0);
        for (const c of r.conditions) expect(c.label.trim()).not.toBe('');
      }
    }
  });
});
