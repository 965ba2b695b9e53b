/**
 * json-rules-engine's built-in operators and operator decorators, with the same semantics
 * (see node_modules/json-rules-engine/dist/engine-default-operators.js). The differential test in
 * evaluator/differential.spec.ts runs both on generated rules to keep them identical.
 *
 * The operator table is the one definition of each leaf test. Each base operator is a JavaScript expression
 * over the fact value `a` and the rule's value `b`: the compiler splices it into the generated pack function
 * (with the fact's local and the value's literal), and the explainer runs the function built from the very
 * same expression. So the batch path and the explanation cannot drift apart.
 */
export type OperatorFn = (factValue: unknown, jsonValue: unknown) => boolean;

/** json-rules-engine's `numberValidator`, kept character for character: `parseFloat([1])` is valid there too. */
export function isNumberLike(factValue: unknown): boolean {
  return Number.parseFloat(factValue as string).toString() !== 'NaN';
}

/**
 * Source of a leaf test: a JavaScript expression over two operands, each an identifier or a literal. It may use
 * `isNumberLike`; everything else must be plain JavaScript. Operands may appear more than once.
 */
export type TestSource = (a: string, b: string) => string;

/**
 * json-rules-engine's `numberValidator(a) && a < b`, with numbers taking a fast branch that gives the same answer:
 * for a number, `isNumberLike` is false only for NaN, and every comparison with NaN is false anyway.
 */
const numeric = (op: string): TestSource => (a, b) => `(typeof ${a}==="number"?${a}${op}${b}:(isNumberLike(${a})&&${a}${op}${b}))`;

/** The base operators (json-rules-engine's `engine-default-operators.js`), one expression each. */
export const OPERATOR_TESTS: Readonly<Record<string, TestSource>> = {
  equal: (a, b) => `${a}===${b}`,
  notEqual: (a, b) => `${a}!==${b}`,
  // Parenthesised: a number literal as list (`5.indexOf`) would not even parse, where the engine throws when it runs.
  in: (a, b) => `(${b}).indexOf(${a})>-1`,
  notIn: (a, b) => `(${b}).indexOf(${a})===-1`,
  contains: (a, b) => `Array.isArray(${a})&&${a}.indexOf(${b})>-1`,
  doesNotContain: (a, b) => `Array.isArray(${a})&&${a}.indexOf(${b})===-1`,
  lessThan: numeric('<'),
  lessThanInclusive: numeric('<='),
  greaterThan: numeric('>'),
  greaterThanInclusive: numeric('>='),
};

/** The function form of a test, for the explainer and the decorators: built from the same source, once. */
function operatorFunction(test: TestSource): OperatorFn {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the source is the fixed table above, never rule data
  const build = new Function('isNumberLike', `"use strict";return function(a,b){return ${test('a', 'b')};};`) as (
    n: typeof isNumberLike,
  ) => OperatorFn;
  return build(isNumberLike);
}

export const BASE_OPERATORS: Readonly<Record<string, OperatorFn>> = Object.freeze(
  Object.fromEntries(Object.entries(OPERATOR_TESTS).map(([name, test]) => [name, operatorFunction(test)])),
);
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

const own = (table: object, key: string) => Object.prototype.hasOwnProperty.call(table, key);

/** Resolves `equal` or a decorated `not:someFact:equal`; null when any part is unknown. */
export function parseOperator(name: string): ParsedOperator | null {
  const parts = name.split(':');
  const base = parts.pop()!;
  if (!own(BASE_OPERATORS, base)) return null;
  let fn = BASE_OPERATORS[base];
  for (let i = parts.length - 1; i >= 0; i--) {
    if (!own(DECORATORS, parts[i])) return null;
    fn = DECORATORS[parts[i]](fn);
  }
  return { name, base, decorators: parts, fn };
}

export const ALL_OPERATOR_NAMES = Object.keys(BASE_OPERATORS);
export const ALL_DECORATOR_NAMES = Object.keys(DECORATORS);
