import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { propertyRuns } from '../../../../test/support/property-runs';
import { defaultFixturesDir, fixtureAsOf, loadFixtureFiles } from '../fixtures/fixture-runner';
import { matchWithLadder } from '../ladder/ladder';
import { EnterpriseProfile } from '../profile/profile';
import { defaultRulesDir, loadRulePack } from '../rules/rule-pack-loader';
import { seededRandom, syntheticProfile } from '../synthetic/synthetic-profile';
import { Lang, MatchResult } from '../types';
import { compilePack } from './compiled-pack';
import { matchProfile } from './match';
import { MatchJsonWriter } from './match-json';
import { todayInShanghai } from './validity';

/** POST /api/match's body comes from MatchJsonWriter: it must be the engine result's JSON, whatever the profile. */
describe('MatchJsonWriter', () => {
  const compiled = compilePack(loadRulePack());
  const writer = new MatchJsonWriter(compiled);
  const LANGS: Lang[] = ['zh', 'en'];
  // Before, inside and after the 2021–2025 plans, the day one ends and the next begins, a draft's dates, today.
  const DATES = ['2019-06-30', '2021-01-01', '2024-03-01', '2025-06-30', '2025-12-31', '2026-01-01', todayInShanghai()];

  const fixtureProfiles: { profile: EnterpriseProfile; asOf: string }[] = [
    ...fs
      .readdirSync(path.join(path.dirname(defaultRulesDir()), 'fixtures', 'profiles'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => ({
        profile: JSON.parse(
          fs.readFileSync(path.join(path.dirname(defaultRulesDir()), 'fixtures', 'profiles', f), 'utf8'),
        ) as EnterpriseProfile,
        asOf: '2026-11-26',
      })),
    ...loadFixtureFiles(defaultFixturesDir(defaultRulesDir())).flatMap((file) =>
      file.cases.map((c) => ({ profile: c.profile, asOf: fixtureAsOf(c) })),
    ),
  ];
  const rng = seededRandom(20261127);
  const synthetic = Array.from({ length: Math.max(20, propertyRuns(150)) }, (_, i) => syntheticProfile(rng, i));

  /**
   * Byte for byte what JSON.stringify writes; and — as data, which equal bytes imply, checked outright on every
   * fourth result (parsing two 300 KB texts is most of the time) and on any difference — JSON.parse of it deep-equal.
   */
  let written = 0;
  const expectSameJson = (result: MatchResult, lang: Lang) => {
    const bytes = writer.write(result, lang);
    const expected = JSON.stringify(result);
    const sameBytes = bytes.equals(Buffer.from(expected));
    if (sameBytes && written++ % 4 !== 0) return;
    const text = bytes.toString('utf8');
    const sameData = isDeepStrictEqual(JSON.parse(text), JSON.parse(expected));
    if (!sameBytes) {
      // Name the place, not two 300 KB strings.
      let at = 0;
      while (text[at] === expected[at]) at++;
      expect(text.slice(Math.max(0, at - 80), at + 80)).toBe(expected.slice(Math.max(0, at - 80), at + 80));
    }
    expect(sameData).toBe(true);
  };

  it('writes the rule fixtures’ and the sample profiles’ results as JSON.stringify does, in both languages', () => {
    expect(fixtureProfiles.length).toBeGreaterThan(100);
    for (const { profile, asOf } of fixtureProfiles) {
      for (const lang of LANGS) expectSameJson(matchWithLadder(compiled, profile, { lang, asOf }), lang);
    }
  });

  it('writes synthetic firms’ results (with and without the ladder) as JSON.stringify does, at several dates', () => {
    const seen = { estimate: 0, nearMiss: 0, missingFacts: 0, notInForce: 0, inForce: 0, ladderSteps: 0 };
    for (const [i, profile] of synthetic.entries()) {
      for (const lang of LANGS) {
        for (const asOf of i < 20 ? DATES : [DATES[i % DATES.length]]) {
          const result = matchWithLadder(compiled, profile, { lang, asOf });
          expectSameJson(result, lang);
          // As the route asks for it: the pack's shared texts.
          expectSameJson(matchWithLadder(compiled, profile, { lang, asOf, sharedTexts: true }), lang);
          expectSameJson(matchProfile(compiled, profile, { lang, asOf }), lang);
          for (const r of result.results) {
            if (r.estimate) seen.estimate++;
            if (r.nearMiss.length > 0) seen.nearMiss++;
            if (r.missingFacts.length > 0) seen.missingFacts++;
            if (r.inForce) seen.inForce++;
            else seen.notInForce++;
          }
          seen.ladderSteps += result.ladder.steps.length;
        }
      }
    }
    // Every part that depends on the profile was exercised.
    for (const [part, count] of Object.entries(seen)) expect([part, count > 0]).toEqual([part, true]);
  });

  it('writes a result it has no fragments for (another language, another date, an edited result) with JSON.stringify', () => {
    const profile = synthetic[0];
    const zh = matchWithLadder(compiled, profile, { lang: 'zh', asOf: '2025-06-30' });
    expectSameJson(zh, 'en'); // the wrong language: every title differs, every measure falls back
    expectSameJson({ ...zh, asOf: '2026-11-26' }, 'zh'); // validity judged at another date than it says
    const edited: MatchResult = {
      ...zh,
      results: zh.results.map((r, i) =>
        i === 3 ? { ...r, conditions: r.conditions.slice(1) } : i === 5 ? { ...r, title: `${r.title}!` } : r,
      ),
    };
    expectSameJson(edited, 'zh');
    expectSameJson({ ...zh, results: zh.results.slice(0, 10) }, 'zh');
    expectSameJson({ ...zh, results: [...zh.results, zh.results[0]] }, 'zh');
  });

  it('keeps the validity of the latest dates only and still writes any date', () => {
    const small = new MatchJsonWriter(compiled, 2);
    const profile = synthetic[1];
    for (const asOf of [...DATES, ...[...DATES].reverse()]) {
      const result = matchWithLadder(compiled, profile, { lang: 'en', asOf });
      expect(small.write(result, 'en').equals(Buffer.from(JSON.stringify(result)))).toBe(true);
    }
  });

  it('writes into a recycled buffer, whatever it held, and grows past one too small', () => {
    const result = matchWithLadder(compiled, synthetic[2], { lang: 'zh', asOf: '2025-06-30' });
    const expected = Buffer.from(JSON.stringify(result));
    const used = Buffer.alloc(expected.length + 1000, 0x7b);
    expect(writer.write(result, 'zh', used).equals(expected)).toBe(true);
    expect(writer.write(result, 'zh', Buffer.alloc(100)).equals(expected)).toBe(true);
  });

  it('escapes what the profile brings in as JSON.stringify does (quotes, backslashes, line breaks, non-ASCII)', () => {
    const profile: EnterpriseProfile = { ...synthetic[3], name: '精测 "引号" \\ 反斜杠\n换行 \u2028' };
    const result = matchWithLadder(compiled, profile, { lang: 'zh', asOf: '2025-06-30' });
    const tampered: MatchResult = {
      ...result,
      results: result.results.map((r, i) =>
        i === 0 ? { ...r, conditions: r.conditions.map((c) => ({ ...c, actual: 'a "b" \\ c\n d 中文 \ud800' })) } : r,
      ),
    };
    expectSameJson(result, 'zh');
    expectSameJson(tampered, 'zh');
  });
});
