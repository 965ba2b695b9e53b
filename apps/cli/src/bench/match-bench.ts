import {
  CompiledPack,
  matchProfile,
  matchWithLadder,
  qualificationLadder,
  seededRandom,
  syntheticProfile,
} from '@app/engine';
import { fixed, table } from './bench-table';

export interface MatchFigures {
  profiles: number;
  matchUs: number;
  ladderUs: number;
  /** The ladder alone, on a match result computed beforehand. */
  ladderOnlyUs: number;
  text: string;
}

/** Mean µs per call of `fn` over all profiles, repeated for at least `minMs` after one warm-up pass. */
function timeEach<T>(items: T[], fn: (item: T) => unknown, minMs: number): number {
  for (const item of items) fn(item);
  let calls = 0;
  const start = process.hrtime.bigint();
  let elapsed: number;
  do {
    for (const item of items) fn(item);
    calls += items.length;
    elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  } while (elapsed < minMs);
  return (elapsed * 1000) / calls;
}

/**
 * The API's match path in process: `matchProfile` (every measure explained) against `matchWithLadder` (the same
 * plus the qualification ladder: one whole-pack re-screen per rung and an explanation of each unlocked measure).
 */
export function benchMatch(compiled: CompiledPack, profiles: number, log: (s: string) => void): MatchFigures {
  const rng = seededRandom(2025);
  const items = Array.from({ length: profiles }, (_, i) => syntheticProfile(rng, i));
  const asOf = '2026-11-26';
  log(`  match: ${profiles} profiles, with and without the ladder …`);
  const matchUs = timeEach(items, (p) => matchProfile(compiled, p, { asOf }), 1500);
  const ladderUs = timeEach(items, (p) => matchWithLadder(compiled, p, { asOf }), 1500);
  const matched = items.map((p) => ({ p, base: matchProfile(compiled, p, { asOf }) }));
  const ladderOnlyUs = timeEach(matched, ({ p, base }) => qualificationLadder(compiled, p, base), 1500);
  const text = table(
    ['match path (in process)', 'µs / profile', 'profiles / s'],
    [
      ['matchProfile', fixed(matchUs), fixed(1e6 / matchUs, 0)],
      ['matchWithLadder (POST /api/match)', fixed(ladderUs), fixed(1e6 / ladderUs, 0)],
      ['qualificationLadder alone', fixed(ladderOnlyUs), fixed(1e6 / ladderOnlyUs, 0)],
    ],
  );
  return { profiles, matchUs, ladderUs, ladderOnlyUs, text };
}
