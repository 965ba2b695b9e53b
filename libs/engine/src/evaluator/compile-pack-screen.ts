import type { FactValues } from '../facts/fact-registry';
import { children, groupKind, isLeaf } from '../rules/condition-tree';
import { isNumberLike, OPERATOR_TESTS, parseOperator } from '../rules/operators';
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
  /** The measures' ids, in the order of the trees: each measure's code is headed by a comment naming it. */
  ids?: readonly string[];
  /** Names the generated code in stack traces and debuggers (`//# sourceURL=…`), e.g. `rule-pack-<version>.js`. */
  sourceURL?: string;
  /** A first comment line (what was compiled). */
  title?: string;
}

/** The generated source: the body of `new Function('k', 'isNumberLike', source)`, and the `k` it needs. */
export interface PackScreenSource {
  source: string;
  constants: readonly unknown[];
}

/**
 * Compiles a whole rule pack into ONE generated function: the batch hot path (`CompiledPack.screen`, run by
 * `screenFacts` and the batch screener). It
 *  - reads each fact once per tenant into a local,
 *  - evaluates each distinct condition leaf at most once per tenant, however many measures share it
 *    (115 measures have 458 leaves but only 72 distinct ones: `inGuangdong equal true` alone is in every one),
 *  - makes no call per measure, so V8 optimises it as one straight-line function.
 * The near-miss analysis of a failed measure is a separate small function per measure (called only then), which
 * keeps the main function small enough for the optimising compiler.
 * Leaf tests come from the operator table (`OPERATOR_TESTS`), the same expressions the explainer runs; groups
 * follow Kleene's all/any/not as json-rules-engine does. `pack-screen.spec.ts`, `near-miss-screen.spec.ts` and
 * `differential.spec.ts` check it against the explainer and json-rules-engine on random trees and facts.
 * Nothing from the rule files is spliced in as code: fact names and primitive values are JSON-encoded,
 * anything else (lists, decorated operators) is passed in through the `k` array, and comments quoting rule values
 * have their line breaks (U+2028 and U+2029 included) blanked.
 */
export function compilePackScreen(trees: readonly ConditionNode[], options: PackScreenOptions = {}): PackScreenFn {
  return screenFunction(packScreenSource(trees, options));
}

/** Runs generated source (from `packScreenSource`) into the function it defines. */
export function screenFunction({ source, constants }: PackScreenSource): PackScreenFn {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- rule data reaches the source only JSON-encoded
  const build = new Function('k', 'isNumberLike', source) as (
    k: readonly unknown[],
    n: typeof isNumberLike,
  ) => PackScreenFn;
  return build(constants, isNumberLike);
}

/** The source `compilePackScreen` runs, readable: a comment per measure, facts and conditions named. */
export function packScreenSource(trees: readonly ConditionNode[], options: PackScreenOptions = {}): PackScreenSource {
  const constants = new Constants();
  const main = new FunctionWriter(constants);
  const helpers: string[] = [];
  const measures = trees.map((tree, i) => {
    const name = measureComment(i, options.ids);
    const body = main.outcome(tree, 'r', 2);
    if (options.nearMiss && hasThreshold(tree)) {
      helpers.push(nearMissHelper(tree, i, name, constants));
      body.push(`${indent(2)}if (r === 0 && nearMiss${i}(f)) r = 3;`);
    }
    return [`  // ${name}`, '  {', '    let r;', ...body, `    out[${i}] = r;`, '  }'].join('\n');
  });
  const head = [
    `// ${commentText(options.title ?? `${trees.length} measures`)}: screenPack(f, out) writes each measure's outcome to out[i]`,
    `// (0 fail, 1 pass, 2 unknown${options.nearMiss ? ', 3 a near miss' : ''}). Conditions: 3 = not evaluated yet for this tenant.`,
    ...constants.notes(),
  ];
  const source = [
    '"use strict";',
    ...head,
    ...helpers,
    'return function screenPack(f, out) {',
    ...main.prologue(1),
    ...measures,
    '};',
    ...(options.sourceURL ? [`//# sourceURL=${options.sourceURL}`] : []),
  ].join('\n');
  return { source, constants: constants.values };
}

function measureComment(i: number, ids: readonly string[] | undefined): string {
  const id = ids?.[i];
  // A measure id is lower-case letters, digits and dashes; anything else (a test tree's) is left out of the comment.
  return id !== undefined && /^[A-Za-z0-9_.:-]+$/.test(id) ? `[${i}] ${id}` : `[${i}]`;
}

function nearMissHelper(tree: ConditionNode, i: number, name: string, constants: Constants): string {
  const w = new FunctionWriter(constants);
  const body = w.blocking(tree, 'q', 1);
  return [
    `// ${name}, failed: is every blocking condition a lower bound within reach?`,
    `function nearMiss${i}(f) {`,
    ...w.prologue(1),
    '  let q;',
    ...body,
    '  return q !== -1 && (q & 1) === 1;',
    '}',
  ].join('\n');
}

/** A lower bound on a number: the only kind of leaf a near miss can be made of (CONTRACT §2). */
function isThresholdLeaf(leaf: LeafCondition): boolean {
  return LOWER_BOUND_OPERATORS.includes(leaf.operator) && typeof leaf.value === 'number';
}

function hasThreshold(node: ConditionNode): boolean {
  return isLeaf(node) ? isThresholdLeaf(node) : children(node).some(hasThreshold);
}

const indent = (depth: number) => '  '.repeat(depth);
const identifierPart = (s: string) => s.replace(/[^A-Za-z0-9_]/g, '_');

/** The `k` array: values that are not inlined (lists, NaN, decorated operators), each described in a comment. */
class Constants {
  readonly values: unknown[] = [];
  private readonly descriptions: string[] = [];

  private readonly shared = new Map<unknown, string>();

  ref(value: unknown, description: string): string {
    this.descriptions.push(commentText(description).slice(0, 100));
    return `k[${this.values.push(value) - 1}]`;
  }

  /** One entry for a value referenced from many places (a function). */
  sharedRef(value: unknown, description: string): string {
    let ref = this.shared.get(value);
    if (!ref) {
      ref = this.ref(value, description);
      this.shared.set(value, ref);
    }
    return ref;
  }

  notes(): string[] {
    return this.descriptions.map((d, i) => `// k[${i}]: ${d}`);
  }
}

/** Source of one generated function: its fact locals, its memoised leaves, and the code over them. */
class FunctionWriter {
  private readonly facts = new Map<string, string>();
  private readonly leaves = new Map<string, { id: string; expr: string; note: string }>();
  private label = 0;

  constructor(private readonly constants: Constants) {}

  /** Reads every fact used once; every leaf starts "not evaluated yet" (3). */
  prologue(depth: number): string[] {
    const reads = [...this.facts].map(([name, v]) => `${indent(depth)}const ${v} = f[${JSON.stringify(name)}];`);
    const memo = [...this.leaves.values()].map((l) => `${indent(depth)}let ${l.id} = 3; // ${l.note}`);
    return [...reads, ...memo];
  }

  /** Lines that leave the node's outcome (0 fail, 1 pass, 2 unknown) in `target` (declared by the caller). */
  outcome(node: ConditionNode, target: string, depth: number): string[] {
    const at = indent(depth);
    if (isLeaf(node)) {
      const l = this.leaf(node);
      return [`${at}${target} = ${l.id} !== 3 ? ${l.id} : (${l.id} = ${l.expr});`];
    }
    const kind = groupKind(node);
    const parts = children(node);
    const t = `t${depth}`;
    if (kind === 'not') {
      return [
        `${at}{ // not`,
        `${at}  let ${t};`,
        ...this.outcome(parts[0], t, depth + 1),
        `${at}  ${target} = ${t} === 2 ? 2 : (${t} === 1 ? 0 : 1);`,
        `${at}}`,
      ];
    }
    if (parts.length === 0) return [`${at}${target} = 1; // json-rules-engine: an empty ${kind} passes`];
    const name = `${kind}${this.label++}`;
    const [start, decisive] = kind === 'all' ? ['1', '0'] : ['0', '1'];
    const body = parts.flatMap((c) => [
      ...this.outcome(c, t, depth + 1),
      `${at}  if (${t} === ${decisive}) { ${target} = ${decisive}; break ${name}; }`,
      `${at}  if (${t} === 2) ${target} = 2;`,
    ]);
    return [`${at}${target} = ${start};`, `${at}${name}: {`, `${at}  let ${t};`, ...body, `${at}}`];
  }

  /**
   * Lines that leave in `target`, for a node known to fail, what blocks it: -1 when no leaf can be fixed (a
   * failing `not`), else count * 2 + (1 when every blocking leaf is a numeric threshold on a number).
   */
  blocking(node: ConditionNode, target: string, depth: number): string[] {
    const at = indent(depth);
    if (isLeaf(node)) {
      if (!isThresholdLeaf(node)) return [`${at}${target} = 2; // ${describe(node)}: not a threshold`];
      const v = this.fact(node.fact);
      const reach = this.constants.sharedRef(withinNearMissReach, 'withinNearMissReach (near-miss.ts)');
      return [
        `${at}${target} = typeof ${v} === "number" && ${reach}(${v}, ${this.literal(node.value)}) ? 3 : 2; // ${describe(node)}`,
      ];
    }
    const kind = groupKind(node);
    if (kind === 'not') return [`${at}${target} = -1; // a failing not: nothing to fix`];
    const o = `o${depth}`;
    const b = `q${depth}`;
    if (kind === 'any') {
      // Every child of a failed `any` failed; the closest alternative is the one with the fewest failures.
      const body = children(node).flatMap((c) => [
        ...this.blocking(c, b, depth + 1),
        `${at}  if (${b} !== -1 && (${target} === -1 || (${b} >> 1) < (${target} >> 1))) ${target} = ${b};`,
      ]);
      return [
        `${at}${target} = -1; // any: the alternative needing the fewest fixes`,
        `${at}{`,
        `${at}  let ${b};`,
        ...body,
        `${at}}`,
      ];
    }
    const name = `all${this.label++}`;
    const body = children(node).flatMap((c) => [
      ...this.outcome(c, o, depth + 1),
      `${at}  if (${o} === 0) {`,
      ...this.blocking(c, b, depth + 2),
      `${at}    if (${b} === -1) { ${target} = -1; break ${name}; }`,
      `${at}    ${target} = (((${target} >> 1) + (${b} >> 1)) << 1) | (${target} & ${b} & 1);`,
      `${at}  }`,
    ]);
    return [
      `${at}${target} = 1; // all: every failing child blocks`,
      `${at}${name}: {`,
      `${at}  let ${o}, ${b};`,
      ...body,
      `${at}}`,
    ];
  }

  private fact(name: string): string {
    let local = this.facts.get(name);
    if (!local) {
      local = `f${this.facts.size}_${identifierPart(name)}`;
      this.facts.set(name, local);
    }
    return local;
  }

  private leaf(leaf: LeafCondition): { id: string; expr: string } {
    const key = JSON.stringify([leaf.fact, leaf.operator, leaf.value]);
    let entry = this.leaves.get(key);
    if (!entry) {
      const v = this.fact(leaf.fact);
      const id = `c${this.leaves.size}_${identifierPart(leaf.fact)}_${identifierPart(leaf.operator)}`;
      entry = {
        id,
        expr: `(${v} === undefined || ${v} === null) ? 2 : ((${this.test(leaf, v)}) ? 1 : 0)`,
        note: describe(leaf),
      };
      this.leaves.set(key, entry);
    }
    return entry;
  }

  /** A primitive as a literal; anything else (lists, NaN, -0) through `k`. */
  private literal(value: unknown): string {
    if (typeof value === 'string' || typeof value === 'boolean' || value === null) return JSON.stringify(value);
    if (typeof value === 'number' && Number.isFinite(value) && !Object.is(value, -0)) return JSON.stringify(value);
    return this.constants.ref(value, valueText(value));
  }

  /** The operator table's expression over the local `v` (known to be present); a decorated operator by reference. */
  private test(leaf: LeafCondition, v: string): string {
    const parsed = parseOperator(leaf.operator);
    if (!parsed) throw new Error(`unknown operator ${leaf.operator}`);
    if (parsed.decorators.length === 0) return OPERATOR_TESTS[parsed.base](v, this.literal(leaf.value));
    return `${this.constants.ref(parsed.fn, `operator ${leaf.operator}`)}(${v}, ${this.literal(leaf.value)})`;
  }
}

function describe(leaf: LeafCondition): string {
  return commentText(`${leaf.fact} ${leaf.operator} ${valueText(leaf.value)}`).slice(0, 120);
}

/** Safe inside a `//` comment: JavaScript also ends a line at U+2028 and U+2029. */
function commentText(s: string): string {
  return s.replace(/[\r\n\u2028\u2029]/g, ' ');
}

function valueText(value: unknown): string {
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  if (Object.is(value, -0)) return '-0';
  try {
    // JSON.stringify gives undefined (not the string its type says) for undefined and functions.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
