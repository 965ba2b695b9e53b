import * as fs from 'node:fs';
import * as path from 'node:path';
import { openTenantFile, RowValidator } from '@app/batch';
import {
  buildFacts,
  defaultFixturesDir,
  defaultRulesDir,
  FactValues,
  loadFixtureFiles,
  seededRandom,
  syntheticProfile,
  validateProfile,
} from '@app/engine';

const FIXTURES = path.resolve(__dirname, '../../fixtures');

export interface FixtureProfile {
  /** Where it comes from, for a failure message. */
  source: string;
  /** The facts a screening holds for it: what the writer stores. */
  facts: FactValues;
}

/**
 * Every profile the fixtures hold, as a screening would hold it: `fixtures/profiles/*.json`, every case of
 * `fixtures/rules/*.yaml` (the ones the validator accepts), every row of the tenant files in `fixtures/tenants/ok`
 * and of `fixtures/populations/reference.csv` that the batch reader accepts, and `synthetic` generated ones.
 */
export async function fixtureProfiles(synthetic = 2000): Promise<FixtureProfile[]> {
  const out: FixtureProfile[] = [];
  const accept = (source: string, input: unknown) => {
    const checked = validateProfile(input, 'zh');
    if (checked.profile) out.push({ source, facts: buildFacts(checked.profile) });
  };
  const profilesDir = path.join(FIXTURES, 'profiles');
  for (const name of fs.readdirSync(profilesDir).filter((n) => n.endsWith('.json')))
    accept(`profiles/${name}`, JSON.parse(fs.readFileSync(path.join(profilesDir, name), 'utf8')));
  for (const file of loadFixtureFiles(defaultFixturesDir(defaultRulesDir())))
    file.cases.forEach((c, i) => accept(`rules/${file.measure}.yaml case ${i + 1}`, c.profile));
  const tenantFiles = [
    ...fs.readdirSync(path.join(FIXTURES, 'tenants/ok')).map((n) => `tenants/ok/${n}`),
    'populations/reference.csv',
  ];
  for (const name of tenantFiles) {
    const file = await openTenantFile(path.join(FIXTURES, name));
    const validator = new RowValidator(file.columns, 'zh');
    for await (const row of file.rows()) {
      const checked = validator.check(row.cells);
      if (checked.ok) out.push({ source: `${name} row ${row.rowNumber}`, facts: checked.facts });
    }
    file.close();
  }
  const rng = seededRandom(12);
  for (let i = 0; i < synthetic; i++)
    out.push({ source: `synthetic ${i}`, facts: buildFacts(syntheticProfile(rng, i)) });
  return out;
}
