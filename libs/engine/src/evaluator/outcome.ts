import { Outcome } from '../types';

/** Outcomes as small integers on the hot path: no strings, no allocation. */
export const FAIL = 0;
export const PASS = 1;
export const UNKNOWN = 2;
export type OutcomeCode = typeof FAIL | typeof PASS | typeof UNKNOWN;

export const OUTCOME_NAMES: readonly Outcome[] = ['fail', 'pass', 'unknown'];

/** `all`: fail if any fails, else unknown if any unknown, else pass (json-rules-engine: `all: []` passes). */
export function combineAll(codes: OutcomeCode[]): OutcomeCode {
  let unknown = false;
  for (const c of codes) {
    if (c === FAIL) return FAIL;
    if (c === UNKNOWN) unknown = true;
  }
  return unknown ? UNKNOWN : PASS;
}

/** `any`: pass if any passes, else unknown if any unknown, else fail (json-rules-engine: `any: []` passes). */
export function combineAny(codes: OutcomeCode[]): OutcomeCode {
  if (codes.length === 0) return PASS;
  let unknown = false;
  for (const c of codes) {
    if (c === PASS) return PASS;
    if (c === UNKNOWN) unknown = true;
  }
  return unknown ? UNKNOWN : FAIL;
}

/** `not` swaps pass and fail; unknown stays unknown. */
export function negate(code: OutcomeCode): OutcomeCode {
  return code === UNKNOWN ? UNKNOWN : code === PASS ? FAIL : PASS;
}
