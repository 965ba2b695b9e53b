import { ConditionNode, LeafCondition } from '../types';
import { children, groupKind, isLeaf } from '../rules/condition-tree';
import { parseOperator } from '../rules/operators';
import type { FactValues } from '../facts/fact-registry';
import { FAIL, negate, OutcomeCode, PASS, UNKNOWN } from './outcome';

export interface LeafEvaluation {
  leaf: LeafCondition;
  actual: unknown;
  outcome: OutcomeCode;
}

export interface Explanation {
  outcome: OutcomeCode;
  /** Every leaf in the order written, each with the value it saw. */
  leaves: LeafEvaluation[];
  /** Leaves whose unknown value could still change the outcome (only when the outcome is unknown). */
  decidingUnknowns: LeafEvaluation[];
  /**
   * Failing leaves that make the outcome fail, or null when the failure cannot be put down to failing
   * leaves alone (e.g. a `not` over something that passed). Empty when the caller did not ask for them.
   */
  blockingFailures: LeafEvaluation[] | null;
}

/**
 * A condition tree prepared once: each leaf's operator resolved. `blocking` (default true): work out the blocking
 * failures of a failed outcome; a caller that will not look for a near miss passes false.
 */
export type ExplainFn = (facts: FactValues, blocking?: boolean) => Explanation;

/** One node of a prepared tree. `codes` holds every node's outcome of the evaluation, by the node's preorder id. */
interface PreparedNode {
  /** Evaluates the node (no short-circuit): its leaves' evaluations pushed to `out` in order, its outcome in codes. */
  evaluate(facts: FactValues, out: LeafEvaluation[], codes: Uint8Array): OutcomeCode;
  /** Its unknown leaves that could still change its outcome: empty unless its outcome is unknown. */
  unknowns(codes: Uint8Array, leaves: LeafEvaluation[]): LeafEvaluation[];
  /** Its failing leaves that make it fail (empty unless it fails), or null when that is not down to failing leaves. */
  failures(codes: Uint8Array, leaves: LeafEvaluation[]): LeafEvaluation[] | null;
}

/**
 * The slow, talkative twin of the generated pack function (`compilePackScreen`): evaluates every leaf (no
 * short-circuit) with the same operator table and keeps why. The evaluation records only outcomes (each node's in one
 * shared scratch array); which leaves decide an unknown or block a failure is worked out afterwards, only for a
 * measure whose outcome is unknown or fail, from those outcomes (it built two lists and a result object per node).
 */
export function compileExplain(root: ConditionNode): ExplainFn {
  const ids = { node: 0, leaf: 0 };
  const top = prepare(root, ids);
  const nodes = ids.node;
  return (facts, blocking = true) => {
    if (scratch.length < nodes) scratch = new Uint8Array(nodes * 2);
    // Shared by every explanation: written for every node before it is read, and read only before this returns.
    const codes = scratch;
    const leaves: LeafEvaluation[] = [];
    const outcome = top.evaluate(facts, leaves, codes);
    return {
      outcome,
      leaves,
      decidingUnknowns: outcome === UNKNOWN ? top.unknowns(codes, leaves) : NONE,
      blockingFailures: outcome === FAIL && blocking ? top.failures(codes, leaves) : NONE,
    };
  };
}

let scratch = new Uint8Array(64);

/**
 * The empty list of a node with no unknown or failing leaf: shared (frozen), since most nodes have none and the
 * explanation only reads these lists.
 */
const NONE = Object.freeze([]) as unknown as LeafEvaluation[];

function prepare(node: ConditionNode, ids: { node: number; leaf: number }): PreparedNode {
  if (isLeaf(node)) return prepareLeaf(node, ids.node++, ids.leaf++);
  const kind = groupKind(node)!;
  const id = ids.node++;
  if (kind === 'not') return prepareNot(id, prepare(children(node)[0], ids));
  const parts: PreparedNode[] = [];
  const partIds: number[] = [];
  for (const child of children(node)) {
    partIds.push(ids.node);
    parts.push(prepare(child, ids));
  }
  return kind === 'all' ? prepareAll(id, parts, partIds) : prepareAny(id, parts, partIds);
}

function prepareLeaf(leaf: LeafCondition, id: number, index: number): PreparedNode {
  const op = parseOperator(leaf.operator);
  if (!op) throw new Error(`unknown operator ${leaf.operator}`);
  return {
    evaluate(facts, out, codes) {
      const actual = facts[leaf.fact];
      const outcome: OutcomeCode =
        actual === undefined || actual === null ? UNKNOWN : op.fn(actual, leaf.value) ? PASS : FAIL;
      out.push({ leaf, actual: actual ?? null, outcome });
      codes[id] = outcome;
      return outcome;
    },
    unknowns: (codes, leaves) => (codes[id] === UNKNOWN ? [leaves[index]] : NONE),
    failures: (codes, leaves) => (codes[id] === FAIL ? [leaves[index]] : NONE),
  };
}

function prepareNot(id: number, inner: PreparedNode): PreparedNode {
  return {
    evaluate(facts, out, codes) {
      const outcome = negate(inner.evaluate(facts, out, codes));
      codes[id] = outcome;
      return outcome;
    },
    unknowns: (codes, leaves) => inner.unknowns(codes, leaves),
    // not(x) fails when x passes: no failing leaf to fix, so no near miss can be computed.
    failures: (codes) => (codes[id] === FAIL ? null : NONE),
  };
}

/** Evaluates every part; the outcome by `combine` of which outcomes occurred (no array of them is made). */
function evaluateParts(
  id: number,
  parts: PreparedNode[],
  combine: (fail: boolean, pass: boolean, unknown: boolean, n: number) => OutcomeCode,
): PreparedNode['evaluate'] {
  const n = parts.length;
  return (facts, out, codes) => {
    let fail = false;
    let pass = false;
    let unknown = false;
    for (let i = 0; i < n; i++) {
      const c = parts[i].evaluate(facts, out, codes);
      if (c === FAIL) fail = true;
      else if (c === PASS) pass = true;
      else unknown = true;
    }
    const outcome = combine(fail, pass, unknown, n);
    codes[id] = outcome;
    return outcome;
  };
}

/** Kleene's `all` (combineAll): fail if any fails, else unknown if any is unknown, else pass (`all: []` passes). */
const ALL = (fail: boolean, _pass: boolean, unknown: boolean): OutcomeCode => (fail ? FAIL : unknown ? UNKNOWN : PASS);
/** Kleene's `any` (combineAny): pass if any passes or there are none, else unknown if any is unknown, else fail. */
const ANY = (_fail: boolean, pass: boolean, unknown: boolean, n: number): OutcomeCode =>
  n === 0 || pass ? PASS : unknown ? UNKNOWN : FAIL;

/**
 * The `reasons` lists of the parts whose outcome is `outcome`, joined (a part's own list when only one has entries);
 * null as soon as one part's list is null.
 */
function joinedReasons(
  parts: PreparedNode[],
  partIds: number[],
  outcome: OutcomeCode,
  reasons: 'unknowns' | 'failures',
  codes: Uint8Array,
  leaves: LeafEvaluation[],
): LeafEvaluation[] | null {
  let all = NONE;
  for (let i = 0; i < parts.length; i++) {
    if (codes[partIds[i]] !== outcome) continue;
    const l = parts[i][reasons](codes, leaves);
    if (l === null) return null;
    if (l.length === 0) continue;
    all = all.length === 0 ? l : all.concat(l);
  }
  return all;
}

/** The unknown leaves of the parts that are unknown (a part's unknowns are never null). */
function groupUnknowns(id: number, parts: PreparedNode[], partIds: number[]): PreparedNode['unknowns'] {
  return (codes, leaves) =>
    codes[id] === UNKNOWN ? joinedReasons(parts, partIds, UNKNOWN, 'unknowns', codes, leaves)! : NONE;
}

function prepareAll(id: number, parts: PreparedNode[], partIds: number[]): PreparedNode {
  return {
    evaluate: evaluateParts(id, parts, ALL),
    unknowns: groupUnknowns(id, parts, partIds),
    // Every failing part blocks, and all of them must be fixed.
    failures: (codes, leaves) =>
      codes[id] === FAIL ? joinedReasons(parts, partIds, FAIL, 'failures', codes, leaves) : NONE,
  };
}

/**
 * A failed `any` passes when any one part does, so its near miss is the part needing the fewest fixes (the first
 * written on a tie: rule authors put the main requirement first). Listing every part's gaps would read as if all were
 * needed. Null when no part can be put down to failing leaves.
 */
function prepareAny(id: number, parts: PreparedNode[], partIds: number[]): PreparedNode {
  return {
    evaluate: evaluateParts(id, parts, ANY),
    unknowns: groupUnknowns(id, parts, partIds),
    failures(codes, leaves) {
      if (codes[id] !== FAIL) return NONE;
      let best: LeafEvaluation[] | null = null;
      for (const part of parts) {
        const l = part.failures(codes, leaves);
        if (l && (best === null || l.length < best.length)) best = l;
      }
      return best;
    },
  };
}
