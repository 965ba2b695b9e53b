import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const MAIN = path.join(ROOT, 'dist/apps/api/src/main.js');

describe('service start-up', () => {
  beforeAll(() => {
    execFileSync('node', [path.join(ROOT, 'scripts/build.js'), '--quiet'], { cwd: ROOT, stdio: 'inherit' });
  }, 180_000);

  it('refuses to start on a rule pack with a bad quote, naming the file and the problem', () => {
    const rules = fs.mkdtempSync(path.join(os.tmpdir(), 'bad-pack-'));
    fs.cpSync(path.join(ROOT, 'rules'), rules, { recursive: true });
    const file = path.join(rules, 'measures/gd-precision-instruments-2021-2025/pi-rd-intensity-benchmark.json');
    const measure = JSON.parse(fs.readFileSync(file, 'utf8'));
    measure.citations[0].quote = '产业重点骨干企业年研发投入占销售收入的比重达到8%以上';
    fs.writeFileSync(file, JSON.stringify(measure));

    const run = spawnSync('node', [MAIN], {
      env: { ...process.env, RULES_DIR: rules, PORT: '0', SQLITE_PATH: path.join(rules, 'app.sqlite') },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      'measures/gd-precision-instruments-2021-2025/pi-rd-intensity-benchmark.json: citations[0]: quote not found verbatim',
    );
  });

  it('refuses to start on an invalid environment variable, naming it', () => {
    const run = spawnSync('node', [MAIN], {
      env: { ...process.env, PORT: 'eighty' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('PORT');
  });

  it('refuses to start a screening worker without REDIS_URL, or with a bad queue setting, naming the variable', () => {
    const { REDIS_URL: _unset, ...base } = process.env;
    const worker = (env: NodeJS.ProcessEnv) =>
      spawnSync('node', [path.join(ROOT, 'dist/apps/api/src/worker.js')], {
        env: { ...base, ...env },
        encoding: 'utf8',
        timeout: 30_000,
      });
    const noRedis = worker({});
    expect(noRedis.status).toBe(1);
    expect(noRedis.stderr).toContain('REDIS_URL: a screening worker takes its jobs from Redis');
    const badLock = worker({ REDIS_URL: 'redis://127.0.0.1:6379', SCREENING_LOCK_MS: '10' });
    expect(badLock.status).toBe(1);
    expect(badLock.stderr).toContain('SCREENING_LOCK_MS');
    const badChunk = worker({ REDIS_URL: 'redis://127.0.0.1:6379', SCREENING_CHUNK_ROWS: 'many' });
    expect(badChunk.status).toBe(1);
    expect(badChunk.stderr).toContain('SCREENING_CHUNK_ROWS');
  });
});
