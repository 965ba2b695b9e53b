import {
  ACTIVITIES, compilePack, defaultRulesDir, EMERGING_CLUSTERS, loadRulePack, matchProfile, packLintProblems, QUALIFICATIONS, RD_CENTERS,
  validateProfile,
} from '@app/engine';

// Properties of the whole pack (per-measure behaviour lives in fixtures/rules/*.yaml).
const pack = loadRulePack(defaultRulesDir());
const compiled = compilePack(pack);
const match = (profile: Record<string, unknown>, lang: 'zh' | 'en' = 'en', asOf = '2025-06-30') => {
  const checked = validateProfile(profile, lang);
  if (!checked.profile) throw new Error(JSON.stringify(checked.errors));
  return matchProfile(compiled, checked.profile, { lang, asOf });
};

/** A firm that ticks every box the profile has: any measure it misses, it misses for a reason outside the profile's reach. */
const EVERYTHING = {
  entityType: 'enterprise', clusters: [...EMERGING_CLUSTERS, 'agriculture-food'], employees: 300, revenue: 100_000_000, rdExpense: 20_000_000,
  exportValue: 10_000_000, qualifications: [...QUALIFICATIONS], listed: false, inventionPatents: 30, domesticInstrumentPurchases: 1_000_000,
  firstSetEquipment: true, rdCenters: [...RD_CENTERS], activities: [...ACTIVITIES], taxableIncome: 8_000_000, techTransferIncome: 1_000_000,
  foreignInvested: true, firstSetContractValue: 10_000_000,
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

  it('still finds many eligible measures for the same firm registered in Guangdong while the plans were in force', () => {
    const eligible = match({ ...EVERYTHING, city: 'shenzhen' }).results.filter((r) => r.status === 'eligible');
    expect(eligible.length).toBeGreaterThan(40);
  });

  it('takes every plan measure out of force after 2025 with a reason, and keeps the national rules in force', () => {
    const results = match({ ...EVERYTHING, city: 'foshan' }, 'en', '2026-11-26').results;
    const planMeasures = new Set(pack.measures.filter((m) => !m.national).map((m) => m.id));
    expect(planMeasures.size).toBeGreaterThan(40);
    for (const r of results) {
      if (planMeasures.has(r.measureId)) {
        expect([r.measureId, r.inForce]).toEqual([r.measureId, false]);
        expect(r.inForceReason).toMatch(/ended on 2025-12-31|replaced by 粤工信装备〔2023〕13号/);
      } else {
        // A national rule is judged by its own period alone (a few ended on their own, e.g. a rule replaced in 2026).
        const { period } = pack.measures.find((m) => m.id === r.measureId)!;
        const running = period.from <= '2026-11-26' && (period.to === null || period.to >= '2026-11-26');
        expect([r.measureId, r.inForce, r.inForceReason === undefined]).toEqual([r.measureId, running, running]);
      }
    }
    const national = results.filter((r) => !planMeasures.has(r.measureId)).map((r) => r.measureId);
    expect(national).toEqual(expect.arrayContaining(['k895-rd-super-deduction', 'k895-high-tech-preferential-rate', 'pi-rd-institution-vat-refund']));
  });

  it('says that results of the draft plan (seed 001) rest on a draft until 粤工信装备〔2023〕13号 replaced it', () => {
    const draft = compiled.measures.filter((m) => m.document.id === 'gd-high-end-equipment-2021-2025-draft').map((m) => m.measure.id);
    expect(draft.length).toBeGreaterThan(10);
    const before = match({ ...EVERYTHING, city: 'guangzhou' }, 'zh', '2023-06-30').results.filter((r) => draft.includes(r.measureId));
    for (const r of before) expect([r.measureId, r.documentStatus, r.supersededBy]).toEqual([r.measureId, 'draft', undefined]);
    for (const lang of ['en', 'zh'] as const) {
      const results = match({ ...EVERYTHING, city: 'guangzhou' }, lang, '2026-11-26').results.filter((r) => draft.includes(r.measureId));
      expect(results).toHaveLength(draft.length);
      for (const r of results) {
        expect(r.documentStatus).toBe('superseded');
        expect(r.supersededBy).toEqual({ number: '粤工信装备〔2023〕13号', title: '广东省培育高端装备制造战略性新兴产业集群行动计划（2023—2025年）', issueDate: '2023-12-29' });
      }
    }
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
