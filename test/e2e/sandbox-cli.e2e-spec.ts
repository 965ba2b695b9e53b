import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeSyntheticTenantCsv } from '@app/batch';
import { loadRulePack } from '@app/engine';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { RulePackEntity } from '../../apps/api/src/rule-packs/entities/rule-pack.entity';
import { RulePackStore } from '../../apps/api/src/rule-packs/rule-pack-store';
import { startTestApp, TestApp } from '../support/test-app';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist/apps/cli/src/main.js');
const RD_FILE = 'measures/gd-precision-instruments-2021-2025/pi-rd-intensity-benchmark.json';

describe('rules diff and sandbox on the command line', () => {
  let dir: string;
  let fivePercentRules: string;
  let env: NodeJS.ProcessEnv;
  let app: TestApp | undefined;
  const cli = (args: string[]) =>
    spawnSync('node', [CLI, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 120_000, env });

  beforeAll(() => {
    execFileSync('node', [path.join(ROOT, 'scripts/build.js'), '--quiet'], { cwd: ROOT, stdio: 'inherit' });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gdpm-sandbox-cli-'));
    fivePercentRules = path.join(dir, 'rules-5');
    fs.cpSync(path.join(ROOT, 'rules'), fivePercentRules, { recursive: true });
    const file = path.join(fivePercentRules, RD_FILE);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"value": 0.06,', '"value": 0.05,'));
    env = { ...process.env, SQLITE_PATH: path.join(dir, 'app.sqlite') };
    delete env.DATABASE_URL; // the CLI and the test app share this SQLite file
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('rules diff prints a changed threshold in words, the fixture cases whose outcome changed, and the reference tenants', () => {
    const run = cli(['rules', 'diff', 'rules', fivePercentRules]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('~ pi-rd-intensity-benchmark');
    expect(run.stdout).toContain('· 研发投入强度 ≥ 6% → ≥ 5%');
    expect(run.stdout).toContain(
      '✗ fixtures/rules/pi-rd-intensity-benchmark.yaml: A Shenzhen key backbone enterprise spending 5% misses the 6% benchmark',
    );
    expect(run.stdout).toContain('用例的预期在新规则下不成立');
    expect(run.stdout).toMatch(/参考企业名单 fixtures\/populations\/reference\.csv：结果改变的 \d+ 家/);
    const json = JSON.parse(cli(['rules', 'diff', 'current', fivePercentRules, '--json', '--lang', 'en']).stdout);
    expect(json.diff.changed[0].changes[0].text).toBe('R&D intensity ≥ 6% → ≥ 5%');
    expect(json.population.population.tenants).toBe(500);
  });

  it('rules diff finds a pack the service stored by a prefix of its version', async () => {
    // The service stores its own pack at start-up; a pack served earlier is stored the same way.
    app = await startTestApp({ env: { SQLITE_PATH: env.SQLITE_PATH! } });
    const older = loadRulePack(fivePercentRules);
    await new RulePackStore(app.app.get(DataSource).getRepository(RulePackEntity)).store(older);
    const run = cli(['rules', 'diff', older.version.slice(0, 19), 'current', '--lang', 'en']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('R&D intensity ≥ 5% → ≥ 6%');
    const unknown = cli(['rules', 'diff', 'sha256:00000000', 'current']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('no stored rule pack "sha256:00000000"');
  });

  it('sandbox writes the per-tenant changes and refuses a bad scenario naming the field', async () => {
    const tenants = path.join(dir, 'tenants.csv');
    writeSyntheticTenantCsv(tenants, { rows: 4000, seed: 11 });
    const scenario = path.join(dir, 'five.json');
    fs.writeFileSync(
      scenario,
      JSON.stringify({
        name: '6% → 5%',
        changes: [{ measureId: 'pi-rd-intensity-benchmark', fact: 'rdIntensity', value: 0.05 }],
      }),
    );
    const out = path.join(dir, 'changes.xlsx');
    const run = cli(['sandbox', scenario, tenants, '--out', out, '--as-of', '2025-06-30', '--json']);
    expect(run.status).toBe(0);
    const totals = JSON.parse(run.stdout);
    expect(totals).toMatchObject({
      asOf: '2025-06-30',
      lost: 0,
      population: { tenants: 4000, rejected: 0 },
      digest: expect.stringMatching(/^sha256:/),
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(out);
    expect(workbook.worksheets[0].rowCount).toBe(totals.changedTenants + 1);
    const words = cli(['sandbox', scenario, tenants, '--out', path.join(dir, 'changes.csv'), '--as-of', '2025-06-30']);
    expect(words.stdout).toContain('· 研发投入强度 ≥ 6% → ≥ 5%');
    expect(words.stdout).toContain(`获益 ${totals.gained} 家，受损 0 家`);

    fs.writeFileSync(
      scenario,
      JSON.stringify({
        name: 'bad',
        changes: [{ measureId: 'pi-rd-intensity-benchmark', fact: 'rdIntensity', value: 'five' }],
      }),
    );
    const bad = cli(['sandbox', scenario, tenants, '--out', out]);
    expect(bad.status).toBe(2);
    expect(Object.keys(JSON.parse(bad.stderr).errors)).toEqual(['changes[0].value']);
  });
});
