import { FieldSpec, PROFILE_FIELDS, PROFILE_FIELD_NAMES, profileWarnings, validateProfile } from '@app/engine';
import { runInWebModule } from './support/web-modules';

/** Bad (and a few good) values for a field of each type: what a form, a script or a tampered request might send. */
function samples(spec: FieldSpec): unknown[] {
  switch (spec.type) {
    case 'creditCode': return [123, 'abc', '91440300MA5G8XTK1', '91440300ma5g8xtk1k', '91440300MA5G8XTKIK', '91440300MA5G8XTK1K', '91440300MA5G8XTK1A'];
    case 'string': return [5, 'x'.repeat(spec.maxLength + 1), 'x'.repeat(spec.maxLength), ''];
    case 'enum': return ['atlantis', 3, spec.values[0]];
    case 'enumArray': return [spec.values[0], ['nope'], [1], [], [spec.values[0]]];
    case 'integer': return ['12', 1.5, spec.min - 1, ...(spec.max !== undefined ? [spec.max + 1] : []), spec.min, true];
    case 'number': return ['100', -1, -0.01, true, 0, 1.5];
    case 'boolean': return ['yes', 1, 'true', false];
  }
}

const CASES: Record<string, unknown>[] = [
  ...PROFILE_FIELD_NAMES.flatMap((field) => samples(PROFILE_FIELDS[field] as FieldSpec).map((value) => ({ [field]: value }))),
  { foo: 1, revenue: -5, city: 'nowhere', employees: 2.5 },
  {},
];

interface ClientVerdict {
  errors: Record<string, string[]>;
  warnings: unknown[];
}

describe('web form client-side checks (apps/web/public/validate.js)', () => {
  it.each(['zh', 'en'] as const)('reject the same fields with the same words as the server (%s)', (lang) => {
    const client = runInWebModule<ClientVerdict[]>('validate.js',
      'return input.cases.map((p) => ({ errors: m.validateProfile(p, input.lang), warnings: m.profileWarnings(p, input.lang) }));',
      { cases: CASES, lang });
    CASES.forEach((profile, i) => {
      const server = validateProfile(profile, lang);
      expect({ profile, errors: client[i].errors }).toEqual({ profile, errors: server.errors });
      if (Object.keys(server.errors).length === 0) {
        expect({ profile, warnings: client[i].warnings }).toEqual({ profile, warnings: profileWarnings(server.profile!, lang) });
      }
    });
  });

  it('reads what people type into number boxes: separators, full-width digits, 万 and 亿; anything else stays text and is flagged', () => {
    const inputs: [string, boolean][] = [
      ['200,000,000', true], ['2 000 000', true], ['１２３', false], ['1000万', true], ['1.2亿', true], ['1000万元', true], ['3.14159万', true],
      ['', true], ['  ', true], ['abc', true], ['12abc', false], ['1000万', false], ['-5', true], ['.5', false], ['1e6', false],
    ];
    const out = runInWebModule<unknown[]>('validate.js',
      'return input.map(([text, allowMultiplier]) => m.parseNumberText(text, { allowMultiplier }) ?? null);', inputs);
    expect(out).toEqual([200000000, 2000000, 123, 10000000, 120000000, 10000000, 31415.9, null, null, 'abc', '12abc', '1000万', -5, 0.5, '1e6']);
  });
});

describe('web page strings (apps/web/public/i18n.js)', () => {
  it('has every string in both Chinese and English', () => {
    const strings = runInWebModule<Record<'zh' | 'en', Record<string, string>>>('i18n.js', 'return m.UI_STRINGS;');
    expect(Object.keys(strings.en).sort()).toEqual(Object.keys(strings.zh).sort());
    const empty = (lang: 'zh' | 'en') => Object.entries(strings[lang]).filter(([k, v]) => !v && k !== 'docOriginalNote').map(([k]) => k);
    expect(empty('zh')).toEqual([]);
    expect(empty('en')).toEqual([]);
  });
});
