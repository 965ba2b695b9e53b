import fc from 'fast-check';
import { PROFILE_FIELD_NAMES } from '@app/engine';

/**
 * Malformed request bodies as raw JSON text, built by hand so they can hold what JSON.stringify never writes:
 * `__proto__` keys, duplicate keys, 1e999, -0, lone surrogates, NUL in keys and strings, deep nesting,
 * and text that is not JSON at all.
 */
type Tree = { leaf: string } | { list: Tree[] } | { object: [string, Tree][] };

const KEYS = [
  ...PROFILE_FIELD_NAMES,
  'profile',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '',
  'a\u0000b',
  'revenue ',
];
const key = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...KEYS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }) },
);

const leaf: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'null',
    'true',
    'false',
    '0',
    '-0',
    '1e308',
    '-1e308',
    '1e999',
    '-1e999',
    '1e-999',
    '9007199254740993',
    '0.1',
    '2025',
    '""',
  ),
  fc.double().map((d) => JSON.stringify(d)),
  fc.integer().map(String),
  fc.string({ unit: 'binary', maxLength: 20 }).map((s) => JSON.stringify(s)),
  fc.constantFrom(
    '"\\u0000"',
    '"a\\u0000b"',
    '"\\ud800"',
    '"\\udfff\\ud800"',
    '"\\u001b[31m"',
    '"\\uFFFD"',
    '"1000万"',
    '"１２３"',
    '"1,2,3"',
    '"shenzhen"',
    '"precision-instruments"',
    `"${'x'.repeat(300)}"`,
  ),
);

const { tree } = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf.map((l) => ({ leaf: l })),
    fc.array(tie('tree'), { maxLength: 4 }).map((list) => ({ list })),
    fc.array(fc.tuple(key, tie('tree')), { maxLength: 5 }).map((object) => ({ object })),
  ),
}));

function serialize(t: Tree): string {
  if ('leaf' in t) return t.leaf;
  if ('list' in t) return `[${t.list.map(serialize).join(',')}]`;
  return `{${t.object.map(([k, v]) => `${JSON.stringify(k)}:${serialize(v)}`).join(',')}}`;
}

/** Wraps a body in `depth` arrays or objects: nesting far past the 32-level limit. */
const deep = fc
  .tuple(tree, fc.integer({ min: 20, max: 1500 }), fc.constantFrom('[', '{"clusters":'))
  .map(([t, depth, open]) => {
    const close = open === '[' ? ']' : '}';
    return `{"clusters":${open.repeat(depth)}${serialize(t)}${close.repeat(depth)}}`;
  });

const notJson = fc.oneof(
  fc.constantFrom(
    '',
    '{',
    '{"city":',
    '[1,2',
    '{"a":1,}',
    'NaN',
    "{'city':'x'}",
    '{"a" 1}',
    '\u0000',
    'null',
    '"text"',
    '42',
    '[]',
    '{}',
  ),
  fc.string({ maxLength: 30 }),
);

/** A profile-like object with some fields wrong: the bodies most likely to get past the first checks. */
const profileish = fc
  .array(fc.tuple(fc.constantFrom(...PROFILE_FIELD_NAMES, '__proto__', 'constructor'), tree), {
    minLength: 1,
    maxLength: 8,
  })
  .map((entries) => serialize({ object: entries }));

export const malformedBody: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: tree.map(serialize) },
  { weight: 4, arbitrary: profileish },
  { weight: 1, arbitrary: deep },
  { weight: 1, arbitrary: notJson },
);
