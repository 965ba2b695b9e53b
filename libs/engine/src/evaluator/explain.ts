import { ConditionNode, LeafCondition } from '../types';
import { children, groupKind, isLeaf } from '../rules/condition-tree';
import { parseOperator } from '../rules/operators';
import type { FactValues } from '../facts/fact-registry';
import { combineAll, combineAny, FAIL, negate, OutcomeCode, PASS, UNKNOWN } from './outcome';

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
   * leaves alone (e.g. a `not` over something that passed).
   */
  blockingFailures: LeafEvaluation[] | null;
}

/** A condition tree prepared once: each leaf's operator resolved. */
export type ExplainFn = (facts: FactValues) => Explanation;

interface NodeResult {
  outcome: OutcomeCode;
  unknowns: LeafEvaluation[];
  failures: LeafEvaluation[] | null;
}

/**
 * The slow, talkative twin of the generated pack function (`compilePackScreen`): evaluates every leaf (no
 * short-circuit) with the same operator table and keeps why.
 */
export function compileExplain(root: ConditionNode): ExplainFn {
  const evaluate = prepare(root);
  return (facts) => {
    const leaves: LeafEvaluation[] = [];
    const r = evaluate(facts, leaves);
    return {
      outcome: r.outcome,
      leaves,
      decidingUnknowns: r.outcome === UNKNOWN ? r.unknowns : NONE,
      blockingFailures: r.outcome === FAIL ? r.failures : NONE,
    };
  };
}

type NodeFn = (facts: FactValues, out: LeafEvaluation[]) => NodeResult;

/**
 * The empty list of a node with no unknown or failing leaf: shared (frozen), since most nodes have none and the
 * explanation only reads these lists (a fresh pair per leaf was a fifth of the explanation's time).
 */
const NONE = Object.freeze([]) as unknown as LeafEvaluation[];

function prepare(node: ConditionNode): NodeFn {
  if (isLeaf(node)) return prepareLeaf(node);
  const kind = groupKind(node)!;
  const parts = children(node).map(prepare);
  const n = parts.length;
  return (facts, out) => {
    const results: NodeResult[] = new Array<NodeResult>(n);
    const codes: OutcomeCode[] = new Array<OutcomeCode>(n);
    for (let i = 0; i < n; i++) {
      const r = parts[i](facts, out);
      results[i] = r;
      codes[i] = r.outcome;
    }
    if (kind === 'not') return notResult(results[0]);
    const outcome = kind === 'all' ? combineAll(codes) : combineAny(codes);
    return groupReasons(kind, outcome, results);
  };
}

function prepareLeaf(leaf: LeafCondition): NodeFn {
  const op = parseOperator(leaf.operator);
  if (!op) throw new Error(`unknown operator ${leaf.operator}`);
  return (facts, out) => {
    const actual = facts[leaf.fact];
    const outcome: OutcomeCode =
      actual === undefined || actual === null ? UNKNOWN : op.fn(actual, leaf.value) ? PASS : FAIL;
    const evaluation = { leaf, actual: actual ?? null, outcome };
    out.push(evaluation);
    return {
      outcome,
      unknowns: outcome === UNKNOWN ? [evaluation] : NONE,
      failures: outcome === FAIL ? [evaluation] : NONE,
    };
  };
}

function notResult(inner: NodeResult): NodeResult {
  const outcome = negate(inner.outcome);
  // not(x) fails when x passes: no failing leaf to fix, so no near miss can be computed.
  return { outcome, unknowns: inner.unknowns, failures: outcome === FAIL ? null : NONE };
}

/** Every list in `results` whose node has `outcome`, joined (the lists themselves when only one has entries). */
function joined(results: NodeResult[], outcome: OutcomeCode, list: (r: NodeResult) => LeafEvaluation[]) {
  let all: LeafEvaluation[] = NONE;
  for (const r of results) {
    if (r.outcome !== outcome) continue;
    const l = list(r);
    if (l.length === 0) continue;
    all = all.length === 0 ? l : all.concat(l);
  }
  return all;
}

function groupReasons(kind: 'all' | 'any', outcome: OutcomeCode, results: NodeResult[]): NodeResult {
  const unknowns = outcome === UNKNOWN ? joined(results, UNKNOWN, (r) => r.unknowns) : NONE;
  if (outcome !== FAIL) return { outcome, unknowns, failures: NONE };
  if (kind === 'any') return { outcome, unknowns, failures: closestAlternative(results) };
  // all: every failing child blocks, and all of them must be fixed.
  for (const r of results) if (r.outcome === FAIL && r.failures === null) return { outcome, unknowns, failures: null };
  return { outcome, unknowns, failures: joined(results, FAIL, (r) => r.failures!) };
}

/**
 * A failed `any` passes when any one child does, so its near miss is the child needing the fewest fixes
 * (the first written on a tie: rule authors put the main requirement first). Listing every child's gaps
 * would read as if all were needed. Null when no child can be put down to failing leaves.
 */
function closestAlternative(results: NodeResult[]): LeafEvaluation[] | null {
  let best: LeafEvaluation[] | null = null;
  for (const r of results) if (r.failures && (best === null || r.failures.length < best.length)) best = r.failures;
  return best;
}
