import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  CompiledPack,
  EnterpriseProfile,
  Lang,
  matchWithLadder,
  seededRandom,
  syntheticProfile,
  todayInShanghai,
} from '@app/engine';

/** One request of the bench's load profile: the same profile and language go over HTTP and in-process. */
export interface MatchCase {
  profile: EnterpriseProfile;
  lang: Lang;
  body: string;
  path: string;
}

/** The README's example firm, found from the source tree or from dist/. */
function fixtureProfile(): EnterpriseProfile | null {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, 'fixtures', 'profiles', 'shenzhen-instrument-maker.json');
    if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as EnterpriseProfile;
  }
  return null;
}

/**
 * A realistic mix: the README's instrument maker plus seeded synthetic enterprises (every CONTRACT §1 field, ~10%
 * of figures unknown), one in four asking for English. Validity at today's date (the route's default).
 */
export function matchCases(count: number, seed = 20261126): MatchCase[] {
  const rng = seededRandom(seed);
  const fixture = fixtureProfile();
  const profiles: EnterpriseProfile[] = fixture ? [fixture] : [];
  while (profiles.length < count) profiles.push(syntheticProfile(rng, profiles.length));
  return profiles.map((profile, i) => {
    const lang: Lang = i % 4 === 3 ? 'en' : 'zh';
    return { profile, lang, body: JSON.stringify(profile), path: lang === 'en' ? '/api/match?lang=en' : '/api/match' };
  });
}

export interface InProcessRate {
  /** matchWithLadder + JSON.stringify of its result (the route's work, less HTTP), per second, one thread. */
  perSecond: number;
  /** Wall ms per match + serialisation. */
  msPerMatch: number;
  /** CPU ms (user + system of this process) per match + serialisation: GC threads included. */
  cpuMsPerMatch: number;
  /** Mean size of the JSON, bytes (UTF-8). */
  bytes: number;
}

/**
 * What POST /api/match computes for a profile, without HTTP: the match with the qualification ladder
 * (`matchWithLadder`, as RulePackService.matchWithLadder calls it), as the text JSON.stringify writes.
 */
export function inProcessJson(compiled: CompiledPack, c: MatchCase, asOf: string): string {
  return JSON.stringify(matchWithLadder(compiled, c.profile, { lang: c.lang, asOf }));
}

/** The route's work in process (`inProcessJson`), for `seconds` on this thread, cycling through the cases. */
export function inProcessRate(compiled: CompiledPack, cases: MatchCase[], seconds: number): InProcessRate {
  const asOf = todayInShanghai();
  const run = (i: number) => inProcessJson(compiled, cases[i % cases.length], asOf);
  for (let i = 0; i < Math.min(500, cases.length * 2); i++) run(i); // warm the JIT
  let bytes = 0;
  for (const [i] of cases.entries()) bytes += Buffer.byteLength(run(i));
  const cpu0 = process.cpuUsage();
  const start = process.hrtime.bigint();
  const deadline = start + BigInt(Math.round(seconds * 1e9));
  let n = 0;
  let now = start;
  while (now < deadline) {
    for (let k = 0; k < 20; k++) run(n++);
    now = process.hrtime.bigint();
  }
  const wallMs = Number(now - start) / 1e6;
  const cpu = process.cpuUsage(cpu0);
  return {
    perSecond: (n / wallMs) * 1000,
    msPerMatch: wallMs / n,
    cpuMsPerMatch: (cpu.user + cpu.system) / 1000 / n,
    bytes: Math.round(bytes / cases.length),
  };
}
