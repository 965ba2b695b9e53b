import { readFieldText } from './field-text';
import { MAX_AMOUNT } from './profile-fields';
import { checkFieldValue, profileWarnings, validateProfile } from './profile-validator';
import { currentYearInShanghai } from './profile-fields';
import { PROFILE_FIELDS } from './profile-fields';

describe(validateProfile.name, () => {
  it('refuses an amount above 10^15 元 naming the field, instead of hints like "spend ∞ yuan"', () => {
    expect(validateProfile({ revenue: 1e308 }, 'en').errors).toEqual({
      revenue: ['revenue (Revenue) must not be greater than 1,000,000,000,000,000'],
    });
    expect(validateProfile({ rdExpense: MAX_AMOUNT }).errors).toEqual({});
    expect(validateProfile({ exportValue: Infinity }, 'en').errors.exportValue[0]).toMatch(/greater than/);
  });

  it('keeps whole numbers exact: no count beyond 2^53 - 1', () => {
    expect(validateProfile({ employees: Number.MAX_SAFE_INTEGER }).errors).toEqual({});
    expect(Object.keys(validateProfile({ employees: 2 ** 53, inventionPatents: 1e20 }).errors)).toEqual([
      'employees',
      'inventionPatents',
    ]);
  });

  it('refuses __proto__ and constructor as unknown fields instead of dropping them', () => {
    const body = JSON.parse(
      '{"__proto__": {"revenue": 1}, "constructor": 1, "toString": "x", "city": "shenzhen"}',
    ) as unknown;
    const checked = validateProfile(body, 'en');
    expect(checked.profile).toBeNull();
    expect(Object.keys(checked.errors).sort()).toEqual(['__proto__', 'constructor', 'toString']);
    expect(checked.errors.__proto__).toEqual(['__proto__ is not a profile field']);
  });

  it('refuses NUL and other control characters in text, naming the field; tabs and line breaks are fine', () => {
    expect(validateProfile({ name: 'A\u0000B', parkId: 'p\u001b1' }, 'zh').errors).toEqual({
      name: ['企业名称含有控制字符（如 NUL），请删除'],
      parkId: ['所在园区含有控制字符（如 NUL），请删除'],
    });
    expect(validateProfile({ name: '某公司\n（深圳）\t分部' }).errors).toEqual({});
    expect(checkFieldValue(PROFILE_FIELDS.creditCode, '91440300MA5G8XTK1\u0000')).toBe('credit-code-format');
  });

  it('refuses text with the replacement character a wrong decoding leaves behind', () => {
    expect(validateProfile({ name: '深圳\uFFFD\uFFFD公司' }, 'en').errors.name).toEqual([
      'name (Name) contains characters that could not be decoded (wrong file encoding?)',
    ]);
  });

  it('names a field by its Chinese label alone in a Chinese message, and by name and label in English', () => {
    expect(validateProfile({ revenue: -5 }, 'zh').errors.revenue).toEqual(['营业收入不能小于 0']);
    expect(validateProfile({ revenue: -5 }, 'en').errors.revenue).toEqual([
      'revenue (Revenue) must not be less than 0',
    ]);
  });

  it('takes figures of 2000 up to the current year in Guangdong, not a year that has not begun', () => {
    const year = currentYearInShanghai();
    expect(validateProfile({ fiscalYear: year }).errors).toEqual({});
    expect(validateProfile({ fiscalYear: 2000 }).errors).toEqual({});
    expect(validateProfile({ fiscalYear: year + 1 }).errors).toEqual({ fiscalYear: [`财务年度不能大于 ${year}`] });
    expect(validateProfile({ fiscalYear: 1999 }).errors).toEqual({ fiscalYear: ['财务年度不能小于 2000'] });
    // New Year's Eve in UTC is already New Year in Guangdong.
    expect(currentYearInShanghai(new Date('2026-12-31T16:30:00Z'))).toBe(2027);
  });

  it('warns, and accepts, R&D expense above revenue (an intensity over 100%), and only then', () => {
    expect(validateProfile({ revenue: 1000, rdExpense: 5000 }).warnings).toEqual([
      expect.objectContaining({ field: 'rdExpense', code: 'rd-exceeds-revenue' }),
    ]);
    expect(validateProfile({ revenue: 1000, rdExpense: 5000 }).errors).toEqual({});
    expect(profileWarnings({ revenue: 0, rdExpense: 1 }).map((w) => w.code)).toEqual(['rd-exceeds-revenue']);
    expect(profileWarnings({ revenue: 5000, rdExpense: 5000 })).toEqual([]);
    expect(profileWarnings({ rdExpense: 5000 })).toEqual([]);
  });

  it('treats null as unknown and keeps the rest', () => {
    expect(validateProfile({ revenue: null, city: 'shenzhen' }).profile).toEqual({ city: 'shenzhen' });
  });
});

describe(readFieldText.name, () => {
  it('reads what a person types the same for the form and a batch cell', () => {
    expect(readFieldText('revenue', '1000万')).toBe(10_000_000);
    expect(readFieldText('employees', '１２３')).toBe(123);
    expect(readFieldText('revenue', '1,2,3')).toBe('1,2,3');
    expect(readFieldText('city', '深圳市')).toBe('shenzhen');
    expect(readFieldText('clusters', '精密仪器设备；半导体与集成电路')).toEqual([
      'precision-instruments',
      'semiconductors-ic',
    ]);
    expect(readFieldText('clusters', ';')).toEqual([]);
    expect(readFieldText('listed', '是')).toBe(true);
    expect(readFieldText('listed', '也许')).toBe('也许');
    expect(readFieldText('creditCode', ' 91440300ma5g8xtk1a ')).toBe('91440300MA5G8XTK1A');
    expect(readFieldText('name', '   ')).toBeUndefined();
    expect(readFieldText('constructor', ' x ')).toBe('x');
  });
});
