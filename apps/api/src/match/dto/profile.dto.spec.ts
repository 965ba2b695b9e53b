import fc from 'fast-check';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { CITIES, CLUSTERS, PROFILE_FIELD_NAMES, QUALIFICATIONS, renderFieldError, validateProfile } from '@app/engine';
import { toFieldCodes } from '../../common/validation';
import { ProfileDto } from './profile.dto';

/** What the API answers for a body: `{ field: [message] }`, as the exception filter renders it. */
async function apiErrors(body: Record<string, unknown>, lang: 'zh' | 'en') {
  const dto = plainToInstance(ProfileDto, body);
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  return Object.fromEntries(Object.entries(toFieldCodes(errors)).map(([f, code]) => [f, [renderFieldError(f, code, lang)]]));
}

const anyValue = fc.oneof(
  fc.constantFrom(...CITIES, ...CLUSTERS, ...QUALIFICATIONS, 'shenzen', '', 'x'.repeat(201), '91350100M000100Y43', '9135010OM000100Y43'),
  fc.constantFrom(0, -1, 1.5, 2025, 1999, 2101, 1e20, -0.0001, 3000000),
  fc.double(), fc.integer(), fc.boolean(), fc.constant(null),
  fc.array(fc.constantFrom(...CLUSTERS, ...QUALIFICATIONS, 'nope', 3), { maxLength: 3 }),
  fc.string({ maxLength: 5 }),
);
const body = fc.dictionary(fc.oneof({ weight: 9, arbitrary: fc.constantFrom(...PROFILE_FIELD_NAMES) }, { weight: 1, arbitrary: fc.constantFrom('foo', 'revenu', 'Revenue') }), anyValue, { maxKeys: 8 });

describe(ProfileDto.name, () => {
  it('reports exactly the fields and messages the batch validator reports, on 3,000 generated bodies', async () => {
    await fc.assert(
      fc.asyncProperty(body, fc.constantFrom('zh' as const, 'en' as const), async (b, lang) => {
        expect(await apiErrors(b, lang)).toEqual(validateProfile(b, lang).errors);
      }),
      { numRuns: 3_000, seed: 7 },
    );
  });

  it('accepts a complete valid profile', async () => {
    const valid = {
      creditCode: '91350100M000100Y43', name: '示例', city: 'shenzhen', fiscalYear: 2025, entityType: 'enterprise',
      clusters: ['precision-instruments'], employees: 10, revenue: 1, rdExpense: 0, exportValue: 0, qualifications: [],
      listed: false, inventionPatents: 0, domesticInstrumentPurchases: 0, firstSetEquipment: true, rdCenters: [], activities: ['listing'], parkId: 'p1',
    };
    expect(await apiErrors(valid, 'zh')).toEqual({});
    expect(validateProfile(valid).errors).toEqual({});
  });
});
