import { Measure, PolicyDocument } from '../types';
import { loadRulePack } from '../rules/rule-pack-loader';
import { seededRandom, syntheticProfile } from '../synthetic/synthetic-profile';
import { compilePack } from './compiled-pack';
import { matchProfile } from './match';
import { documentStatusAt, isIsoDate, measureValidity, packValidity, todayInShanghai } from './validity';

const plan: PolicyDocument = {
  id: 'plan',
  title: '行动计划',
  titleEn: 'Plan',
  number: null,
  issuers: ['省科技厅'],
  issueDate: '2020-09-29',
  period: { from: '2021-01-01', to: '2025-12-31' },
  status: 'in-force',
  source: 'seed',
  text: '…',
};
const draft: PolicyDocument = {
  ...plan,
  id: 'draft',
  status: 'draft',
  supersededBy: {
    number: '粤工信装备〔2023〕13号',
    title: '广东省培育高端装备制造战略性新兴产业集群行动计划（2023—2025年）',
    issueDate: '2023-12-29',
  },
};
const measure = (over: Partial<Measure> = {}): Measure => ({
  id: 'm',
  title: { zh: '措施', en: 'Measure' },
  kind: 'subsidy',
  nature: 'application',
  benefit: { zh: '补助', en: 'Grant' },
  departments: [],
  citations: [],
  period: plan.period,
  conditions: { all: [] },
  notCheckable: [],
  ...over,
});

describe(documentStatusAt.name, () => {
  it('is in force inside its period and expired after it', () => {
    expect(documentStatusAt(plan, '2025-12-31')).toBe('in-force');
    expect(documentStatusAt(plan, '2026-01-01')).toBe('expired');
  });

  it('is a draft until its successor is issued, then superseded', () => {
    expect(documentStatusAt(draft, '2023-12-28')).toBe('draft');
    expect(documentStatusAt(draft, '2023-12-29')).toBe('superseded');
    expect(documentStatusAt(draft, '2026-11-26')).toBe('superseded');
  });
});

describe(measureValidity.name, () => {
  it('takes a plan measure out of force after the plan ends, saying why', () => {
    expect(measureValidity(measure(), plan, '2025-06-30', 'zh')).toEqual({ inForce: true, documentStatus: 'in-force' });
    const after = measureValidity(measure(), plan, '2026-11-26', 'zh');
    expect(after).toMatchObject({ inForce: false, documentStatus: 'expired' });
    expect(after.inForceReason).toBe('执行期 2021-01-01 至 2025-12-31，已于 2025-12-31 结束');
  });

  it('says a measure has not started before its period', () => {
    expect(
      measureValidity(measure({ period: { from: '2024-01-01', to: null } }), plan, '2023-05-01', 'en'),
    ).toMatchObject({ inForce: false, inForceReason: 'Not yet in force: applies from 2024-01-01' });
  });

  it('names the successor of a replaced draft', () => {
    const v = measureValidity(measure(), draft, '2024-06-30', 'zh');
    expect(v).toMatchObject({
      inForce: false,
      documentStatus: 'superseded',
      supersededBy: { number: '粤工信装备〔2023〕13号' },
    });
    expect(v.inForceReason).toContain('粤工信装备〔2023〕13号');
    expect(measureValidity(measure(), draft, '2022-06-30', 'en')).toMatchObject({
      inForce: false,
      documentStatus: 'draft',
    });
  });

  it('keeps a national measure in force by its own period when the plan citing it has ended or was replaced', () => {
    const national = measure({ national: true, nature: 'entitlement', period: { from: '2008-01-01', to: null } });
    expect(measureValidity(national, plan, '2026-11-26', 'zh')).toEqual({ inForce: true, documentStatus: 'expired' });
    expect(measureValidity(national, draft, '2026-11-26', 'zh')).toMatchObject({
      inForce: true,
      documentStatus: 'superseded',
    });
    const refund = measure({ national: true, period: { from: '2019-01-01', to: '2027-12-31' } });
    expect(measureValidity(refund, plan, '2028-01-01', 'zh').inForce).toBe(false);
  });
});

describe(isIsoDate.name, () => {
  it.each([
    ['2026-11-26', true],
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2026-13-01', false],
    ['26-11-26', false],
    [20261126, false],
  ])('%s → %s', (value, ok) => expect(isIsoDate(value)).toBe(ok));
});

describe(todayInShanghai.name, () => {
  it('is already tomorrow in Shanghai late in the UTC evening', () => {
    expect(todayInShanghai(new Date('2026-11-25T16:30:00Z'))).toBe('2026-11-26');
    expect(todayInShanghai(new Date('2026-11-25T15:59:00Z'))).toBe('2026-11-25');
  });

  it('gives the formatted Shanghai date for every instant, across midnights, back and forth (the day is cached)', () => {
    const format = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', dateStyle: 'short' });
    const start = Date.parse('2026-12-30T15:00:00Z');
    const instants: number[] = [];
    for (let t = start; t < start + 3 * 24 * 3600_000; t += 7 * 60_000 + 13_000) instants.push(t);
    // the exact edges of a Shanghai day, and instants out of order (a caller's own `now`)
    instants.push(
      Date.parse('2026-12-31T16:00:00Z'),
      Date.parse('2026-12-31T15:59:59.999Z'),
      start,
      Date.parse('1990-07-01T00:00:00Z'),
      // summer time (UTC+9) in 1990: the day begins at 15:00Z
      ...[14, 15, 16].flatMap((h) => [
        Date.parse(`1990-07-0${1}T${h}:30:00Z`),
        Date.parse(`1990-07-02T${h}:00:00Z`),
        Date.parse(`1990-07-02T${h}:59:00Z`),
      ]),
    );
    for (const t of [...instants, ...instants.reverse()]) {
      expect(todayInShanghai(new Date(t))).toBe(format.format(new Date(t)));
    }
  });
});

describe(packValidity.name, () => {
  const compiled = compilePack(loadRulePack());
  const DATES = ['2019-06-30', '2021-01-01', '2025-06-30', '2025-12-31', '2026-01-01', todayInShanghai()];

  it('is measureValidity of every measure, per date and language, kept (frozen) for the dates asked lately', () => {
    for (const lang of ['zh', 'en'] as const) {
      for (const asOf of DATES) {
        const validity = packValidity(compiled, asOf, lang);
        expect(validity).toEqual(compiled.measures.map((m) => measureValidity(m.measure, m.document, asOf, lang)));
        expect(packValidity(compiled, asOf, lang)).toBe(validity);
        expect(Object.isFrozen(validity[0])).toBe(true);
      }
    }
    for (let d = 1; d <= 20; d++) packValidity(compiled, `2024-01-${String(d).padStart(2, '0')}`, 'zh'); // pushes out
    expect(packValidity(compiled, DATES[0], 'zh')).toEqual(packValidity(compiled, DATES[0], 'zh'));
  });

  it('shares the per-language texts, frozen, only when asked (sharedTexts): the same JSON either way', () => {
    const profile = syntheticProfile(seededRandom(4), 0);
    for (const lang of ['zh', 'en'] as const) {
      const own = matchProfile(compiled, profile, { lang, asOf: '2025-06-30' });
      const a = matchProfile(compiled, profile, { lang, asOf: '2025-06-30', sharedTexts: true });
      const b = matchProfile(compiled, profile, { lang, asOf: '2025-06-30', sharedTexts: true });
      expect(JSON.stringify(a)).toBe(JSON.stringify(own));
      expect(a.results[0].citations).toBe(b.results[0].citations);
      expect(a.results[0].departments).toBe(b.results[0].departments);
      expect(Object.isFrozen(a.results[0].citations[0])).toBe(true);
      expect(() => a.results[0].departments.push('x')).toThrow(TypeError);
      expect(own.results[0].citations).not.toBe(a.results[0].citations);
      expect(Object.isFrozen(own.results[0].departments)).toBe(false);
    }
  });

  it('leaves every match result its own objects: changing one changes no other', () => {
    const profile = syntheticProfile(seededRandom(3), 0);
    const first = matchProfile(compiled, profile, { lang: 'zh', asOf: '2026-11-26' });
    const before = JSON.stringify(first);
    const second = matchProfile(compiled, profile, { lang: 'zh', asOf: '2026-11-26' });
    for (const r of second.results) {
      r.inForce = !r.inForce;
      r.inForceReason = 'changed';
      r.departments.push('changed');
    }
    expect(JSON.stringify(first)).toBe(before);
    expect(JSON.stringify(matchProfile(compiled, profile, { lang: 'zh', asOf: '2026-11-26' }))).toBe(before);
  });
});
