import fc from 'fast-check';
import request from 'supertest';
import { FieldSpec, PROFILE_FIELD_NAMES, PROFILE_FIELDS, ProfileField } from '@app/engine';
import { mapHeaders, profileJson, RowValidator } from '@app/batch';
import { loadProfileBundle, ProfileBundle } from '../support/browser-bundle';
import { jsonBody, ProfileCase, profileCase } from '../support/profile-cases';
import { propertyRuns } from '../support/property-runs';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * One validator, three front doors: the same profile gets the same verdict and the same words
 * - from the API (POST /api/match, as JSON values),
 * - from the batch reader (one row of cells, as text),
 * - from the web form's bundle (/engine/profile.js, run in a bare vm: text boxes read with its readFieldText,
 *   selects and checkboxes giving ids), and the text is read as the JSON says ("1000万" = 10000000).
 */
const TEXT_BOXES = new Set<FieldSpec['type']>(['creditCode', 'string', 'integer', 'number']);

describe('one profile validator for the API, the batch reader and the web form', () => {
  let sut: TestApp;
  let bundle: ProfileBundle;
  const batch = {
    zh: new RowValidator(mapHeaders(PROFILE_FIELD_NAMES), 'zh'),
    en: new RowValidator(mapHeaders(PROFILE_FIELD_NAMES), 'en'),
  };

  beforeAll(async () => {
    sut = await startTestApp({ env: { THROTTLE_LIMIT: '1000000' } });
    bundle = loadProfileBundle();
  });
  afterAll(async () => {
    await sut?.close();
  });

  /** What the form's readProfile yields: a text box through the bundle's reader, a select or checkbox as its value. */
  function formProfile(c: ProfileCase): Record<string, unknown> {
    const profile: Record<string, unknown> = {};
    for (const [field, fc_] of Object.entries(c)) {
      if (!fc_) continue;
      const typed = TEXT_BOXES.has((PROFILE_FIELDS[field as ProfileField] as FieldSpec).type);
      const value = typed ? (fc_.text.trim() === '' ? undefined : bundle.readFieldText(field, fc_.text)) : fc_.json;
      if (value !== undefined) profile[field] = value;
    }
    return JSON.parse(JSON.stringify(profile)) as Record<string, unknown>; // as the page sends it
  }

  it(`gives the same verdict and message on ${propertyRuns(3000)} generated profiles ("1000万", full-width digits, separators, NUL, 1e308 …)`, async () => {
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(profileCase, fc.constantFrom('zh' as const, 'en' as const), async (c, lang) => {
        const body = jsonBody(c);
        const api = await request(sut.app.getHttpServer()).post(`/api/match?lang=${lang}`).send(body);
        expect([200, 400]).toContain(api.status);
        const apiErrors = api.status === 400 ? api.body.errors : {};

        const row = batch[lang].check(PROFILE_FIELD_NAMES.map((f) => c[f]?.text ?? ''));
        const form = formProfile(c);
        const browser = JSON.parse(JSON.stringify(bundle.validateProfile(form, lang))) as {
          errors: Record<string, string[]>;
        };

        expect({ body, batch: row.ok ? {} : row.errors }).toEqual({ body, batch: apiErrors });
        expect({ body, browser: browser.errors }).toEqual({ body, browser: apiErrors });
        if (api.status !== 200 || !row.ok) return;
        accepted++;
        // Read as the JSON says: the batch row's facts and the form's values are the API body.
        expect(JSON.parse(profileJson(row.facts))).toEqual(body);
        expect(form).toEqual(body);
        expect(row.warnings).toEqual(api.body.warnings);
        expect(JSON.parse(JSON.stringify(bundle.profileWarnings(form, lang)))).toEqual(api.body.warnings);
      }),
      { numRuns: propertyRuns(3000), seed: 20261126 },
    );
    // The property must not pass by refusing everything (about a third of the profiles are valid).
    expect(accepted).toBeGreaterThan(propertyRuns(3000) / 5);
  }, 600_000);
});
