import {
  children, compileStatus, ConditionNode, FactValues, FAIL, groupKind, isLeaf, LeafCondition, NUMERIC_OPERATORS,
} from '@app/engine';

/** True when a failing measure is a near miss. Only defined for a tree whose outcome is fail. */
export type NearMissCheck = (facts: FactValues) => boolean;

const FAILED = FAIL; // bound once, not read through the package's re-export getter on every call

/**
 * What the engine's explainer would name as the failures blocking a failing node, in brief:
 * -1 when they cannot be put down to failing leaves (a failing `not`), else count * 2 + (1 if every one of
 * them is a numeric threshold on a numeric value, else 0).
 */
type Blocking = (facts: FactValues) => number;
const NONE = -1;

/**
 * The batch twin of the engine's near-miss rule (`explain` + `nearMisses`), without building explanations.
 * A failing measure is a near miss when every blocking leaf is a plain numeric threshold on a number, where
 * the blocking leaves are: for `all`, those of every failing child; for a failed `any`, those of the child
 * needing the fewest fixes (the first on a tie); a failing `not` has none that can be fixed.
 * `near-miss-check.spec.ts` checks it against `explainMeasure(...).nearMiss` on random facts.
 * Returns null when the tree has no threshold leaf at all: such a measure is never a near miss.
 */
export function compileNearMissCheck(root: ConditionNode): NearMissCheck | null {
  if (!hasThreshold(root)) return null;
  const blocking = build(root);
  return (facts) => {
    const b = blocking(facts);
    return b !== NONE && (b & 1) === 1;
  };
}

function isThresholdLeaf(leaf: LeafCondition): boolean {
  return NUMERIC_OPERATORS.includes(leaf.operator) && typeof leaf.value === 'number';
}

function hasThreshold(node: ConditionNode): boolean {
  return isLeaf(node) ? isThresholdLeaf(node) : children(node).some(hasThreshold);
}

/** Precondition of the returned function: `node` evaluates to fail on the facts it is given. */
function build(node: ConditionNode): Blocking {
  if (isLeaf(node)) {
    if (!isThresholdLeaf(node)) return () => 2; // one blocking leaf, not a threshold
    const fact = node.fact;
    return (f) => (typeof f[fact] === 'number' ? 3 : 2);
  }
  const kind = groupKind(node);
  if (kind === 'not') return () => NONE;
  const parts = children(node).map((child) => ({ status: compileStatus(child), blocking: build(child) }));
  if (kind === 'any') {
    // Every child of a failed `any` failed; the closest alternative is the one with the fewest failures.
    return (f) => {
      let best = NONE;
      for (const p of parts) {
        const b = p.blocking(f);
        if (b !== NONE && (best === NONE || b >> 1 < best >> 1)) best = b;
      }
      return best;
    };
  }
  return (f) => {
    let count = 0;
    let thresholds = 1;
    for (const p of parts) {
      if (p.status(f) !== FAILED) continue;
      const b = p.blocking(f);
      if (b === NONE) return NONE;
      count += b >> 1;
      thresholds &= b;
    }
    return count * 2 + thresholds;
  };
}
