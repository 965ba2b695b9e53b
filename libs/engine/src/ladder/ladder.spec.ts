import { compilePack } from '../evaluator/compiled-pack';
import { matchProfile } from '../evaluator/match';
import { EnterpriseProfile } from '../profile/profile';
import { loadRulePack } from '../rules/rule-pack-loader';
import { LadderStep } from '../types';
import { matchWithLadder, qualificationLadder } from './ladder';

const compiled = compilePack(loadRulePack());
const AS_OF = '2026-11-26';
const base: EnterpriseProfile = { city: 'shenzhen', entityType: 'enterprise' };

const ladderOf = (profile: EnterpriseProfile, asOf = AS_OF, lang: 'zh' | 'en' = 'zh') =>
  matchWithLadder(compiled, profile, { asOf, lang }).ladder;
const step = (steps: LadderStep[], q: string) => steps.find((s) => s.qualification === q)!;
const criterion = (s: LadderStep, id: string) => s.criteria.find((c) => c.id === id)!;

describe('qualificationLadder', () => {
  it('points a firm with no qualifications to 科技型中小企业 first, then up the ladder in order', () => {
    const sut = ladderOf({ ...base, employees: 80, revenue: 30_000_000, rdExpense: 1_500_000 });
    expect(sut.held).toEqual([]);
    expect(sut.steps.map((s) => s.qualification)).toEqual([
      'tech-sme',
      'high-tech-enterprise',
      'specialized-sme',
      'little-giant',
    ]);
    expect(sut.steps[0].title).toBe('科技型中小企业');
    expect(sut.steps[0].readiness).toBe('ready');
    expect(sut.steps[0].rule.number).toBe('国科发政〔2017〕115号');
  });

  it('tells a high-tech enterprise that its next step is 专精特新, not the rungs below it', () => {
    const sut = ladderOf({
      ...base,
      qualifications: ['high-tech-enterprise'],
      employees: 200,
      revenue: 80_000_000,
      rdExpense: 4_000_000,
    });
    expect(sut.held).toEqual(['high-tech-enterprise']);
    expect(sut.steps.map((s) => s.qualification)).toEqual(['specialized-sme', 'little-giant']);
    expect(sut.steps[0].readiness).toBe('ready');
    expect(sut.steps[0].rule.number).toBe('工信部企业〔2026〕2号');
  });

  it('says a firm with 5,000万 of revenue and 3.8% R&D is 1.2 points, about ¥60万, short of the high-tech 5%', () => {
    const sut = ladderOf({ ...base, employees: 120, revenue: 50_000_000, rdExpense: 1_900_000 });
    const hte = step(sut.steps, 'high-tech-enterprise');
    const rd = criterion(hte, 'rd-intensity');
    expect(hte.readiness).toBe('gaps');
    expect(rd.outcome).toBe('missing');
    expect(rd.required).toBe(0.05);
    expect(rd.gap).toBeCloseTo(0.012, 9);
    expect(rd.extraAmount).toBe(600_000);
    expect(rd.gapText).toBe('研发费用占比还差 1.2 个百分点，约 ¥60 万元');
    expect(rd.citation).toMatchObject({ number: '国科发火〔2016〕32号', article: '第十一条' });
  });

  it('applies the 4% band to revenue above 5,000万 and meets it at 4.5%', () => {
    const sut = ladderOf({ ...base, employees: 120, revenue: 100_000_000, rdExpense: 4_500_000 });
    const rd = criterion(step(sut.steps, 'high-tech-enterprise'), 'rd-intensity');
    expect(rd).toMatchObject({ outcome: 'met', required: 0.04 });
  });

  it('leaves criteria whose figures are absent unknown, never missing', () => {
    const sut = ladderOf(base);
    for (const s of sut.steps) {
      for (const c of s.criteria) {
        if (c.id === 'holds-specialized-sme') continue;
        expect([c.id, c.outcome]).toEqual([c.id, c.id === 'enterprise' ? 'met' : 'unknown']);
      }
    }
    expect(step(sut.steps, 'high-tech-enterprise').readiness).toBe('needs-info');
    expect(criterion(step(sut.steps, 'little-giant'), 'holds-specialized-sme')).toMatchObject({
      outcome: 'missing',
      gapText: '须先取得专精特新中小企业认定',
    });
  });

  it('reports a ceiling a firm is over, with how far, and offers 单项冠军 to a firm of 4亿 revenue', () => {
    const sut = ladderOf({ ...base, employees: 1200, revenue: 500_000_000, rdExpense: 20_000_000 });
    const employees = criterion(step(sut.steps, 'tech-sme'), 'employees');
    expect(employees).toMatchObject({ outcome: 'missing', actual: 1200, required: 500, gap: 700 });
    expect(employees.gapText).toBe('超出上限 700 人');
    expect(criterion(step(sut.steps, 'specialized-sme'), 'sme').outcome).toBe('missing');
    expect(step(sut.steps, 'single-champion').rule.number).toBe('工信部政法〔2023〕138号');
  });

  it('does not offer 单项冠军 to a small firm that is not a 小巨人', () => {
    const sut = ladderOf({ ...base, employees: 50, revenue: 20_000_000 });
    expect(sut.steps.map((s) => s.qualification)).not.toContain('single-champion');
  });

  it('judges 小巨人 by the rule in force at asOf: the 2022 revenue bands before 2026-04-01, the 2026 rule after', () => {
    const firm: EnterpriseProfile = {
      ...base,
      qualifications: ['specialized-sme'],
      employees: 150,
      revenue: 40_000_000,
      rdExpense: 2_000_000,
    };
    const before = step(ladderOf(firm, '2025-06-01').steps, 'little-giant');
    expect(before.rule.number).toBe('工信部企业〔2022〕63号');
    expect(criterion(before, 'rd-bands')).toMatchObject({ outcome: 'missing', required: 30_000_000, gap: 28_000_000 });
    const after = step(ladderOf(firm).steps, 'little-giant');
    expect(after.rule.number).toBe('工信部企业〔2026〕2号');
    expect(criterion(after, 'revenue')).toMatchObject({ outcome: 'missing', gap: 10_000_000 });
    expect(criterion(after, 'rd-intensity').outcome).toBe('met');
  });

  it('lists the 15% high-tech rate as unlocked by 高新技术企业, with its estimated saving', () => {
    const firm = { ...base, employees: 120, revenue: 60_000_000, rdExpense: 3_000_000, taxableIncome: 10_000_000 };
    const hte = step(ladderOf(firm).steps, 'high-tech-enterprise');
    const rate = hte.unlocks.find((u) => u.measureId === 'k895-high-tech-preferential-rate');
    expect(rate).toMatchObject({ nature: 'entitlement', estimate: 1_000_000 });
    expect(hte.unlockedValue).toBe(hte.unlocks.reduce((sum, u) => sum + (u.estimate ?? 0), 0));
    expect(hte.unlockedValue).toBeGreaterThanOrEqual(1_000_000);
  });

  it('does not count as unlocked what only needed the firm to say which qualifications it holds', () => {
    const firm = { ...base, employees: 120, revenue: 50_000_000, rdExpense: 1_900_000 };
    const hte = step(ladderOf(firm).steps, 'high-tech-enterprise');
    const ids = hte.unlocks.map((u) => u.measureId);
    expect(ids).toContain('k895-high-tech-preferential-rate');
    expect(ids).not.toContain('k895-tech-sme-evaluation');
    expect(ids).not.toContain('k895-specialized-sme');
  });

  it('unlocks only measures that are in force and not eligible already', () => {
    const firm = { ...base, employees: 120, revenue: 60_000_000, rdExpense: 3_000_000, taxableIncome: 10_000_000 };
    const result = matchWithLadder(compiled, firm, { asOf: AS_OF });
    const byId = new Map(result.results.map((r) => [r.measureId, r]));
    for (const s of result.ladder.steps) {
      for (const u of s.unlocks) {
        const before = byId.get(u.measureId)!;
        expect(before.inForce).toBe(true);
        expect(before.status).not.toBe('eligible');
        expect(['entitlement', 'application']).toContain(before.nature);
      }
    }
  });

  it('leaves the match result itself as matchProfile gives it', () => {
    const firm = { ...base, employees: 120, revenue: 60_000_000, rdExpense: 3_000_000 };
    const { ladder, ...rest } = matchWithLadder(compiled, firm, { asOf: AS_OF });
    expect(rest).toEqual(matchProfile(compiled, firm, { asOf: AS_OF }));
    expect(ladder).toEqual(qualificationLadder(compiled, firm, matchProfile(compiled, firm, { asOf: AS_OF })));
  });

  it('speaks English when asked', () => {
    const sut = ladderOf({ ...base, employees: 120, revenue: 50_000_000, rdExpense: 1_900_000 }, AS_OF, 'en');
    const hte = step(sut.steps, 'high-tech-enterprise');
    expect(hte.title).toBe('High-tech enterprise');
    expect(criterion(hte, 'rd-intensity').gapText).toBe('R&D intensity is 1.2 percentage points short, about ¥600,000');
  });
});
