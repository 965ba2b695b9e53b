import type { FactValues } from '../facts/fact-registry';
import { children, groupKind, isLeaf } from '../rules/condition-tree';
import { isNumberLike, OperatorFn, parseOperator } from '../rules/operators';
import { ConditionNode, LeafCondition } from '../types';
import { LOWER_BOUND_OPERATORS, withinNearMissReach } from './near-miss';

/**
 * Writes one outcome per measure into `out`, in the order the measures were given: 0 fail, 1 pass, 2 unknown
 * (the engine's codes) and, with `nearMiss`, 3 for a fail that is a near miss.
 */
export type PackScreenFn = (facts: FactValues, out: Uint8Array) => void;

export interface PackScreenOptions {
  /**
   * Also tell near misses (code 3) from other fails, by the engine's rule (`explain` + `nearMisses`): every leaf
   * blocking the measure is a lower bound on a number, within reach (`withinNearMissReach`). Blocking leaves: for `all`, those of each
   * failing child; for a failed `any`, those of the child needing the fewest fixes (the first on a tie); a
   * failing `not` has none that can be fixed. Worked out only for measures that failed and have a threshold.
   */
  nearMiss?: boolean;
}

/**
 * Compiles a whole rule pack into ONE generated function: the status-only hot path (`screenFacts`, batch
 * screening). Compared with calling `compileStatus`'s one function per measure in turn, it
 *  - reads each fact once per tenant into a local,
 *  - evaluates each distinct condition leaf at most once per tenant, however many measures share it
 *    (115 measures have 458 leaves but only 72 distinct ones: `inGuangdong equal true` alone is in every one),
 *  - makes no call per measure, so V8 optimises it as one straight-line function.
 * The near-miss analysis of a failed measure is a separate small function per measure (called only then), which
 * keeps the main function small enough for the optimising compiler.
 * Outcomes are the engine's, leaf for leaf and operator for operator (json-rules-engine semantics, Kleene
 * all/any/not); `pack-screen.spec.ts` and `near-miss.spec.ts` check it against the engine on random trees/facts.
 * Nothing from the rule files is spliced in as code: fact names and primitive values are JSON-encoded,
 * anything else (lists, operator functions) is passed in through the `k` array.
 */
export function compilePackScreen(trees: readonly ConditionNode[], options: PackScreenOptions = {}): PackScreenFn {
  const constants: unknown[] = [];
  const main = new FunctionWriter(constants);
  const helpers: string[] = [];
  const measures = trees.map((tree, i) => {
    let nearMiss = '';
    if (options.nearMiss && hasThreshold(tree)) {
      const w = new FunctionWriter(constants);
      const body = w.blocking(tree, 'q', 0);
      helpers.push(`function nm${i}(f){${w.prologue()}let q;${body}return q!==-1&&(q&1)===1;}`);
      nearMiss = `if(r===0&&nm${i}(f))r=3;`;
    }
    return `{let r;${main.outcome(tree, 'r', 0)}${nearMiss}out[${i}]=r;}`;
  });
  const source = `"use strict";${helpers.join('\n')}\nreturn function screenPack(f,out){${main.prologue()}\n${measures.join('\n')}\n};`;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return new Function('k', 'isNumberLike', source)(constants, isNumberLike) as PackScreenFn;
}

/** A lower bound on a number: the only kind of leaf a near miss can be made of (CONTRACT §2). */
function isThresholdLeaf(leaf: LeafCondition): boolean {
  return LOWER_BOUND_OPERATORS.includes(leaf.operator) && typeof leaf.value === 'number';
}

function hasThreshold(node: ConditionNode): boolean {
  return isLeaf(node) ? isThresholdLeaf(node) : children(node).some(hasThreshold);
}

/** Source of one generated function: its fact locals, its memoised leaves, and the code over them. */
class FunctionWriter {
  private readonly facts = new Map<string, string>();
  private readonly leaves = new Map<string, { id: string; expr: string }>();
  private label = 0;

  constructor(private readonly constants: unknown[]) {}

  /** Reads every fact used once; every leaf starts "not evaluated yet" (3). */
  prologue(): string {
    const reads = [...this.facts].map(([name, v]) => `const ${v}=f[${JSON.stringify(name)}];`).join('');
    const memo = this.leaves.size > 0 ? `let ${[...this.leaves.values()].map((l) => `${l.id}=3`).join(',')};` : '';
    return reads + memo;
  }

  /** Code that leaves the node's outcome (0 fail, 1 pass, 2 unknown) in `target` (declared by the caller). */
  outcome(node: ConditionNode, target: string, depth: number): string {
    if (isLeaf(node)) {
      const l = this.leaf(node);
      return `${target}=${l.id}!==3?${l.id}:(${l.id}=${l.expr});`;
    }
    const kind = groupKind(node);
    const parts = children(node);
    const t = `t${depth}`;
    if (kind === 'not') return `{let ${t};${this.outcome(parts[0], t, depth + 1)}${target}=${t}===2?2:(${t}===1?0:1);}`;
    if (parts.length === 0) return `${target}=1;`; // json-rules-engine: all: [] and any: [] both pass
    const name = `b${this.label++}`;
    const [start, decisive] = kind === 'all' ? ['1', '0'] : ['0', '1'];
    const body = parts.map((c) => `${this.outcome(c, t, depth + 1)}if(${t}===${decisive}){${target}=${decisive};break ${name};}if(${t}===2)${target}=2;`).join('');
    return `${target}=${start};${name}:{let ${t};${body}}`;
  }

  /**
   * Code that leaves in `target`, for a node known to fail, what blocks it: -1 when no leaf can be fixed (a
   * failing `not`), else count * 2 + (1 when every blocking leaf is a numeric threshold on a number).
   */
  blocking(node: ConditionNode, target: string, depth: number): string {
    if (isLeaf(node)) {
      if (!isThresholdLeaf(node)) return `${target}=2;`;
      const v = this.fact(node.fact);
      return `${target}=typeof ${v}==="number"&&${this.byRef(withinNearMissReach)}(${v},${this.constant(node.value)})?3:2;`;
    }
    const kind = groupKind(node);
    if (kind === 'not') return `${target}=-1;`;
    const o = `o${depth}`;
    const b = `q${depth}`;
    if (kind === 'any') {
      // Every child of a failed `any` failed; the closest alternative is the one with the fewest failures.
      const body = children(node).map((c) => `${this.blocking(c, b, depth + 1)}if(${b}!==-1&&(${target}===-1||(${b}>>1)<(${target}>>1)))${target}=${b};`).join('');
      return `${target}=-1;{let ${b};${body}}`;
    }
    const name = `b${this.label++}`;
    const body = children(node).map((c) => `${this.outcome(c, o, depth + 1)}if(${o}===0){${this.blocking(c, b, depth + 1)}` +
      `if(${b}===-1){${target}=-1;break ${name};}${target}=(((${target}>>1)+(${b}>>1))<<1)|(${target}&${b}&1);}`).join('');
    return `${target}=1;${name}:{let ${o},${b};${body}}`;
  }

  private fact(name: string): string {
    if (!this.facts.has(name)) this.facts.set(name, `f${this.facts.size}`);
    return this.facts.get(name)!;
  }

  private leaf(leaf: LeafCondition): { id: string; expr: string } {
    const key = JSON.stringify([leaf.fact, leaf.operator, leaf.value]);
    let entry = this.leaves.get(key);
    if (!entry) {
      const v = this.fact(leaf.fact);
      entry = { id: `l${this.leaves.size}`, expr: `(${v}===undefined||${v}===null)?2:((${this.test(leaf, v)})?1:0)` };
      this.leaves.set(key, entry);
    }
    return entry;
  }

  private byRef(value: unknown): string {
    return `k[${this.constants.push(value) - 1}]`;
  }

  private constant(value: unknown): string {
    if (typeof value === 'string' || typeof value === 'boolean' || value === null) return JSON.stringify(value);
    if (typeof value === 'number' && Number.isFinite(value) && !Object.is(value, -0)) return JSON.stringify(value);
    return this.byRef(value);
  }

  /** The same leaf tests as the engine's compileStatus, over the local `v` (known to be present). */
  private test(leaf: LeafCondition, v: string): string {
    const value = this.constant(leaf.value);
    const numeric = (op: string) => `(typeof ${v}==="number"?${v}${op}${value}:(isNumberLike(${v})&&${v}${op}${value}))`;
    switch (leaf.operator) {
      case 'equal': return `${v}===${value}`;
      case 'notEqual': return `${v}!==${value}`;
      // Through k, never inlined: `5.indexOf` would not even parse, where the engine throws when it runs.
      case 'in': return `${this.byRef(leaf.value)}.indexOf(${v})>-1`;
      case 'notIn': return `${this.byRef(leaf.value)}.indexOf(${v})===-1`;
      case 'contains': return `Array.isArray(${v})&&${v}.indexOf(${value})>-1`;
      case 'doesNotContain': return `Array.isArray(${v})&&${v}.indexOf(${value})===-1`;
      case 'lessThan': return numeric('<');
      case 'lessThanInclusive': return numeric('<=');
      case 'greaterThan': return numeric('>');
      case 'greaterThanInclusive': return numeric('>=');
      default: {
        const parsed = parseOperator(leaf.operator);
        if (!parsed) throw new Error(`unknown operator ${leaf.operator}`);
        const fn: OperatorFn = parsed.fn;
        return `${this.byRef(fn)}(${v},${value})`;
      }
    }
  }
}
