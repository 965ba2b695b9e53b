import fc from 'fast-check';
import { FieldSpec, PROFILE_FIELD_NAMES, PROFILE_FIELDS, validateProfile } from '@app/engine';
import { mapHeaders } from './header-map';
import { RowValidator } from './row-validator';

const headers = [...PROFILE_FIELD_NAMES];
const sut = new RowValidator(mapHeaders(headers), 'zh');
const row = (values: Record<string, string>) => headers.map((h) => values[h] ?? '');

describe(RowValidator.name, () => {
  it('reads spreadsheet spellings: 是/否, thousands separators, Chinese city and cluster names, ; and ； lists', () => {
    const checked = sut.check(
      row({
        city: '深圳市',
        listed: '是',
        firstSetEquipment: 'N',
        revenue: '1,234,567.5',
        employees: ' 320 ',
        clusters: '精密仪器设备；半导体与集成电路',
        qualifications: 'key-backbone; 高新技术企业',
        entityType: '研发机构',
      }),
    );
    expect(checked.ok).toBe(true);
    if (!checked.ok) return;
    expect(checked.facts).toMatchObject({
      city: 'shenzhen',
      listed: true,
      firstSetEquipment: false,
      revenue: 1234567.5,
      employees: 320,
      clusters: ['precision-instruments', 'semiconductors-ic'],
      qualifications: ['key-backbone', 'high-tech-enterprise'],
      entityType: 'research-institution',
      inGuangdong: true,
    });
  });

  it('treats an empty or blank cell as unknown, never as zero', () => {
    const checked = sut.check(row({ revenue: '', rdExpense: '   ', city: 'guangzhou' }));
    expect(checked.ok && checked.facts.revenue === undefined && checked.facts.rdExpense === undefined).toBe(true);
    expect(checked.ok && checked.facts.rdIntensity).toBeUndefined();
  });

  it('does not guess: a hex number, a word in a number column, an unknown yes/no are errors', () => {
    const checked = sut.check(row({ revenue: '0x10', employees: 'about 30', listed: '也许' }));
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(Object.keys(checked.errors).sort()).toEqual(['employees', 'listed', 'revenue']);
  });

  it('warns (and accepts) a credit code whose check character does not match, as the API does', () => {
    const checked = sut.check(row({ creditCode: '91440300MA5F000601' }));
    expect(checked.ok && checked.warnings.map((w) => w.code)).toEqual(['checksum-mismatch']);
  });

  it('warns (and accepts) R&D expense above revenue with no credit code in the row, as the API and the form do', () => {
    const checked = sut.check(row({ revenue: '1,000', rdExpense: '5000' }));
    expect(checked.ok && checked.warnings.map((w) => w.code)).toEqual(['rd-exceeds-revenue']);
    const fine = sut.check(row({ revenue: '10000', rdExpense: '5000' }));
    expect(fine.ok && fine.warnings).toEqual([]);
  });

  it('rejects a value in a column without a header instead of dropping it', () => {
    const checked = new RowValidator(mapHeaders(['name', '']), 'en').check(['某公司', 'x']);
    expect(checked).toEqual({ ok: false, errors: { 'column 2': ['column 2 has a value but no header'] } });
  });

  /**
   * Property: a row and the API body that says the same thing (1/0 as true/false, a one-item list for a list
   * column) get the same verdict, field by field, word for word.
   */
  it('reports the same fields and reasons as validateProfile (the API body validator) for the same values', () => {
    const cellValue = (spec: FieldSpec) =>
      fc.oneof(
        fc.constantFrom(
          '',
          '-1',
          '1.5',
          '12',
          '2024',
          'abc',
          'true',
          'shenzhen',
          '91440300MA5F000108',
          'x'.repeat(201),
        ),
        'values' in spec ? fc.constantFrom(...spec.values) : fc.constant('0'),
      );
    const rowArb = fc.record(
      Object.fromEntries(PROFILE_FIELD_NAMES.map((f) => [f, cellValue(PROFILE_FIELDS[f] as FieldSpec)])),
    );
    fc.assert(
      fc.property(rowArb, (values) => {
        const apiBody: Record<string, unknown> = {};
        for (const [field, cell] of Object.entries(values)) {
          if (cell === '') continue;
          const spec = PROFILE_FIELDS[field as keyof typeof PROFILE_FIELDS] as FieldSpec;
          apiBody[field] =
            spec.type === 'enumArray'
              ? [cell]
              : spec.type === 'integer' || spec.type === 'number'
                ? Number.isNaN(Number(cell))
                  ? cell
                  : Number(cell)
                : spec.type === 'boolean'
                  ? (({ true: true, '1': true, '0': false } as Record<string, boolean>)[cell] ?? cell)
                  : cell;
        }
        const api = validateProfile(apiBody, 'zh');
        const batch = sut.check(row(values));
        expect(batch.ok ? {} : batch.errors).toEqual(api.errors);
      }),
      { numRuns: 2000 },
    );
  });
});
