import { addFieldError, FieldErrors, hasControlCharacter, Lang } from '@app/engine';

/** JSON deeper than this is refused before any validator walks it (no input of this API nests past 3). */
export const MAX_INPUT_DEPTH = 32;
/** Keys that would reach an object's prototype; refused as unknown fields rather than silently dropped. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

type Problem = 'too-deep' | 'control-character' | 'prototype-key';

/**
 * What is wrong with raw input (a JSON body, a query, a multipart form, a route parameter) before it is
 * validated: nesting deeper than MAX_INPUT_DEPTH, a control character in a string, a `__proto__`/`constructor`
 * key. Fields are named by their object keys (`profile.clusters`; list positions left out), `root` naming a
 * value that has no key of its own. Iterative, so no input can exhaust the stack. Null when all is well.
 */
export function inputProblems(value: unknown, lang: Lang, root = ''): FieldErrors | null {
  const errors: FieldErrors = {};
  let found = false;
  const report = (path: string, problem: Problem) => {
    const field = path || 'body';
    if (!Object.prototype.hasOwnProperty.call(errors, field))
      addFieldError(errors, field, describe(field, problem, lang));
    found = true;
  };
  const stack: [unknown, string, number][] = [[value, root, 0]];
  while (stack.length > 0) {
    const [v, path, depth] = stack.pop()!;
    if (typeof v === 'string') {
      if (hasControlCharacter(v)) report(path, 'control-character');
    } else if (typeof v === 'object' && v !== null) {
      if (depth >= MAX_INPUT_DEPTH) {
        report(path, 'too-deep');
        continue;
      }
      if (Array.isArray(v)) {
        for (const item of v) stack.push([item, path, depth + 1]);
        continue;
      }
      for (const key of Object.keys(v)) {
        const at = path ? `${path}.${key}` : key;
        if (PROTOTYPE_KEYS.has(key) || hasControlCharacter(key))
          report(at, PROTOTYPE_KEYS.has(key) ? 'prototype-key' : 'control-character');
        else stack.push([(v as Record<string, unknown>)[key], at, depth + 1]);
      }
    }
  }
  return found ? errors : null;
}

/** Only the nesting depth, for JSON bodies as soon as they are parsed (profile routes check the rest in the engine). */
export function nestingProblem(value: unknown, lang: Lang): FieldErrors | null {
  const stack: [unknown, string, number][] = [[value, '', 0]];
  while (stack.length > 0) {
    const [v, path, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    const field = path || 'body';
    if (depth >= MAX_INPUT_DEPTH) return { [field]: [describe(field, 'too-deep', lang)] };
    if (Array.isArray(v)) for (const item of v) stack.push([item, path, depth + 1]);
    else
      for (const key of Object.keys(v))
        stack.push([(v as Record<string, unknown>)[key], path ? `${path}.${key}` : key, depth + 1]);
  }
  return null;
}

function describe(field: string, problem: Problem, lang: Lang): string {
  switch (problem) {
    case 'too-deep':
      return lang === 'zh'
        ? `${field} 嵌套超过 ${MAX_INPUT_DEPTH} 层`
        : `${field} is nested more than ${MAX_INPUT_DEPTH} levels deep`;
    case 'control-character':
      return lang === 'zh'
        ? `${field} 含有控制字符（如 NUL），请删除`
        : `${field} contains a control character (such as NUL); remove it`;
    case 'prototype-key':
      return lang === 'zh' ? `未知字段 ${field}` : `${field} is not an accepted field`;
  }
}
