import * as fs from 'node:fs';

// The generator is a plain Node script (scripts/), shared with `npm run generate:api-schemas`.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS script without type declarations
const { generatedSource, OUTPUT_FILE } = require('../../scripts/generate-api-schemas') as {
  generatedSource(): string;
  OUTPUT_FILE: string;
};

describe('apps/api/src/openapi/response-schemas.generated.ts', () => {
  it('is what ts-json-schema-generator makes of the response types today (else: npm run generate:api-schemas)', () => {
    const committed = fs.readFileSync(OUTPUT_FILE, 'utf8');
    const fresh = generatedSource();
    // Compared as text so the failure shows which schema drifted.
    expect(committed).toBe(fresh);
  });
});
