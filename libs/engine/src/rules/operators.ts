/**
 * json-rules-engine's built-in operators and operator decorators, with the same semantics
 * (see node_modules/json-rules-engine/dist/engine-default-operators.js). The differential test in
 * evaluator/differential.spec.ts runs both on generated rules to keep them identical.
 */
export type OperatorFn = (factValue: unknown, jsonValue: unknown) => boolean;

/** json-rules-engine's `numberValidator`, kept character for character: `parseFloat([1])` is valid there too. */
export function isNumberLike(factValue: unknown): boolean {
  return Number.parseFloat(factValue as string).toString() !== 'NaN';
}

type Indexable = { indexOf(x: unknown): number };
const lt = (a: unknown, b: unknown) => (a as number) < (b as number);
const lte = (a: unknown, b: unknown) => (a as number) <= (b as number);
const gt = (a: unknown, b: unknown) => (a as number) > (b as number);
const gte = (a: unknown, b: unknown) => (a as number) >= (b as number);

export const BASE_OPERATORS: Readonly<Record<string, OperatorFn>> = {
  equal: (a, b) => a === b,
  notEqual: (a, b) => a !== b,
  in: (a, b) => (b as Indexable).indexOf(a) > -1,
  notIn: (a, b) => (b as Indexable).indexOf(a) === -1,
  contains: (a, b) => Array.isArray(a) && a.indexOf(b) > -1,
  doesNotContain: (a, b) => Array.isArray(a) && a.indexOf(b) === -1,
  lessThan: (a, b) => isNumberLike(a) && lt(a, b),
  lessThanInclusive: (a, b) => isNumberLike(a) && lte(a, b),
  greaterThan: (a, b) => isNumberLike(a) && gt(a, b),
  greaterThanInclusive: (a, b) => isNumberLike(a) && gte(a, b),
};
export const NUMERIC_OPERATORS = ['lessThan', 'lessThanInclusive', 'greaterThan', 'greaterThanInclusive'];
/** Operators whose `value` must be a list. */
export const LIST_VALUE_OPERATORS = ['in', 'notIn'];

type Decorator = (inner: OperatorFn) => OperatorFn;
export const DECORATORS: Readonly<Record<string, Decorator>> = {
  someFact: (next) => (fv, jv) => Array.isArray(fv) && fv.some((x) => next(x, jv)),
  someValue: (next) => (fv, jv) => (jv as unknown[]).some((x) => next(fv, x)),
  everyFact: (next) => (fv, jv) => Array.isArray(fv) && fv.every((x) => next(x, jv)),
  everyValue: (next) => (fv, jv) => (jv as unknown[]).every((x) => next(fv, x)),
  swap: (next) => (fv, jv) => next(jv, fv),
  not: (next) => (fv, jv) => !next(fv, jv),
};

export interface ParsedOperator {
  name: string;
  base: string;
  /** Outermost first, as written: `not:someFact:equal` → ['not', 'someFact']. */
  decorators: string[];
  fn: OperatorFn;
}

/** Resolves `equal` or a decorated `not:someFact:equal`; null when any part is unknown. */
export function parseOperator(name: string): ParsedOperator | null {
  const parts = name.split(':');
  const base = parts.pop()!;
  let fn = BASE_OPERATORS[base];
  if (!fn || !Object.prototype.hasOwnProperty.call(BASE_OPERATORS, base)) return null;
  for (let i = parts.length - 1; i >= 0; i--) {
    const decorate = Object.prototype.hasOwnProperty.call(DECORATORS, parts[i]) ? DECORATORS[parts[i]] : undefined;
    if (!decorate) return null;
    fn = decorate(fn);
  }
  return { name, base, decorators: parts, fn };
}

export const ALL_OPERATOR_NAMES = Object.keys(BASE_OPERATORS);
export const ALL_DECORATOR_NAMES = Object.keys(DECORATORS);
