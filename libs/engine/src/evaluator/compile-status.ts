import { ConditionNode, LeafCondition } from '../types';
import { children, groupKind, isLeaf } from '../rules/condition-tree';
import { isNumberLike, OperatorFn, parseOperator } from '../rules/operators';
import type { FactValues } from '../facts/fact-registry';
import { OutcomeCode } from './outcome';

/** A compiled condition tree: facts in, 0 = fail, 1 = pass, 2 = unknown out. Synchronous, allocation-free. */
export type StatusFn = (facts: FactValues) => OutcomeCode;

/**
 * Compiles a condition tree into one plain JavaScript function, generated once per measure at start-up.
 * Why generate source rather than nest closures: V8 then sees one straight-line function per measure,
 * within a small factor of a hand-written one (see `npm run bench`). Nothing from the rule file is
 * spliced into the source as code: fact names are checked against the fact registry before this runs and
 * are emitted with JSON.stringify; every value and operator is passed in through the `k` array.
 */
export function compileStatus(root: ConditionNode): StatusFn {
  const constants: unknown[] = [];
  const functions: string[] = [];
  const constant = (value: unknown): string => `k[${constants.push(value) - 1}]`;

  const emitLeaf = (leaf: LeafCondition): string => {
    const value = constant(leaf.value);
    const test = leafTest(leaf, value, constant);
    const id = `n${functions.length}`;
    functions.push(
      `function ${id}(f){const v=f[${JSON.stringify(leaf.fact)}];` +
        `if(v===undefined||v===null)return 2;return (${test})?1:0;}`,
    );
    return id;
  };

  const emit = (node: ConditionNode): string => {
    if (isLeaf(node)) return emitLeaf(node);
    const kind = groupKind(node);
    const ids = children(node).map(emit);
    const id = `n${functions.length}`;
    if (kind === 'not') {
      functions.push(`function ${id}(f){const r=${ids[0]}(f);return r===2?2:(r===1?0:1);}`);
    } else if (kind === 'all') {
      const body = ids.map((c) => `r=${c}(f);if(r===0)return 0;if(r===2)u=1;`).join('');
      functions.push(`function ${id}(f){let u=0,r;${body}return u?2:1;}`);
    } else {
      if (ids.length === 0) functions.push(`function ${id}(f){return 1;}`);
      else {
        const body = ids.map((c) => `r=${c}(f);if(r===1)return 1;if(r===2)u=1;`).join('');
        functions.push(`function ${id}(f){let u=0,r;${body}return u?2:0;}`);
      }
    }
    return id;
  };

  const rootId = emit(root);
  const source = `"use strict";${functions.join('\n')}\nreturn ${rootId};`;
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const factory = new Function('k', 'isNumberLike', source) as (k: unknown[], n: typeof isNumberLike) => StatusFn;
  return factory(constants, isNumberLike);
}

/** The boolean expression for one leaf, over `v` (the fact value, known to be present). */
function leafTest(leaf: LeafCondition, value: string, constant: (v: unknown) => string): string {
  switch (leaf.operator) {
    case 'equal': return `v===${value}`;
    case 'notEqual': return `v!==${value}`;
    case 'in': return `${value}.indexOf(v)>-1`;
    case 'notIn': return `${value}.indexOf(v)===-1`;
    case 'contains': return `Array.isArray(v)&&v.indexOf(${value})>-1`;
    case 'doesNotContain': return `Array.isArray(v)&&v.indexOf(${value})===-1`;
    case 'lessThan': return numeric('<', value);
    case 'lessThanInclusive': return numeric('<=', value);
    case 'greaterThan': return numeric('>', value);
    case 'greaterThanInclusive': return numeric('>=', value);
    default: {
      const parsed = parseOperator(leaf.operator);
      if (!parsed) throw new Error(`unknown operator ${leaf.operator}`);
      const fn: OperatorFn = parsed.fn;
      return `${constant(fn)}(v,${value})`;
    }
  }
}

/** Numbers take the fast branch; anything else goes through json-rules-engine's validator. */
function numeric(op: string, value: string): string {
  return `(typeof v==="number"?v${op}${value}:(isNumberLike(v)&&v${op}${value}))`;
}
