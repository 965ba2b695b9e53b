import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { compilePack, loadRulePack, packSourceUrl } from '@app/engine';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist/apps/cli/src/main.js');
const cli = (args: string[], input?: string) =>
  spawnSync('node', [CLI, ...args], { cwd: ROOT, encoding: 'utf8', input, timeout: 60_000 });

describe('command line', () => {
  beforeAll(() => {
    execFileSync('node', [path.join(ROOT, 'scripts/build.js'), '--quiet'], { cwd: ROOT, stdio: 'inherit' });
  }, 180_000);

  it('matches a profile file and prints the same result shape as the API, judged at --as-of', () => {
    const run = cli(['match', 'fixtures/profiles/shenzhen-instrument-maker.json', '--as-of', '2025-06-30']);
    expect(run.status).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.rulePackVersion).toMatch(/^sha256:/);
    expect(result.asOf).toBe('2025-06-30');
    expect(result.summary).toEqual(
      expect.objectContaining({ eligible: expect.any(Number), notInForce: expect.any(Number) }),
    );
    const benchmark = result.results.find((r: { measureId: string }) => r.measureId === 'pi-rd-intensity-benchmark');
    expect(benchmark).toMatchObject({
      status: 'ineligible',
      inForce: true,
      nearMiss: [expect.objectContaining({ extraAmount: 2_000_000 })],
    });
    const later = JSON.parse(
      cli(['match', 'fixtures/profiles/shenzhen-instrument-maker.json', '--as-of', '2026-11-26']).stdout,
    );
    expect(later.results.find((r: { measureId: string }) => r.measureId === 'pi-rd-intensity-benchmark')).toMatchObject(
      { inForce: false, nearMiss: [] },
    );
  });

  it('refuses an --as-of that is not a date', () => {
    const run = cli(['match', 'fixtures/profiles/shenzhen-instrument-maker.json', '--as-of', '26/11/2026']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--as-of must be a date written YYYY-MM-DD');
  });

  it('reads a profile from standard input and filters by status', () => {
    const run = cli(
      ['match', '-', '--status', 'eligible'],
      JSON.stringify({ city: 'guangzhou', entityType: 'research-institution', domesticInstrumentPurchases: 3_000_000 }),
    );
    expect(run.status).toBe(0);
    const ids = JSON.parse(run.stdout).results.map((r: { measureId: string }) => r.measureId);
    expect(ids).toContain('pi-rd-institution-vat-refund');
    expect(JSON.parse(run.stdout).results.every((r: { status: string }) => r.status === 'eligible')).toBe(true);
  });

  it('rejects a bad profile naming the field, with exit code 2', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cli-')), 'bad.json');
    fs.writeFileSync(file, JSON.stringify({ revenue: -5 }));
    const run = cli(['match', file, '--lang', 'en']);
    expect(run.status).toBe(2);
    expect(JSON.parse(run.stderr).errors.revenue[0]).toMatch(/must not be less than 0/);
  });

  it('says which file it cannot read', () => {
    const run = cli(['match', 'no/such/profile.json']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('no/such/profile.json');
  });

  it('checks the rule pack', () => {
    const run = cli(['rules', 'check']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^rules check: OK — 5 documents, \d+ measures/);
    expect(run.status).toBe(0);
  });

  it('runs the rule fixtures and ends with the count', () => {
    const run = cli(['rules', 'test']);
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split('\n').pop()).toMatch(/^\d+ passed, 0 failed$/);
  });

  it('writes the JavaScript the rule pack compiles into: one commented block per measure, named for stack traces', () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cli-')), 'generated', 'pack.js');
    const run = cli(['rules', 'compile', '--out', out]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const compiled = compilePack(loadRulePack());
    expect(run.stdout).toContain(`rules compile: wrote ${out} — ${compiled.measures.length} measures`);
    const text = fs.readFileSync(out, 'utf8');
    compiled.measures.forEach((m, i) => expect(text).toContain(`  // [${i}] ${m.measure.id}\n`));
    expect(text).toContain(`//# sourceURL=${packSourceUrl(compiled.pack.version)}`);
    expect(text).toMatch(/^function anonymous\(k,isNumberLike\n\) \{\n"use strict";/);
    expect(() => new vm.Script(text)).not.toThrow(); // a whole, valid script
    expect(cli(['rules', 'compile']).stdout).toBe(text);
  });
});
