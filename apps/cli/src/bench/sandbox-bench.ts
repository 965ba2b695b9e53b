import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeSyntheticTenantCsv } from '@app/batch';
import { fixed, table } from './bench-table';

const CLI = path.resolve(__dirname, '../main.js');
const PARSE_ONLY = path.resolve(__dirname, 'parse-only.js');
/** CONTRACT §3's example scenario: the R&D intensity benchmark lowered from 6% to 5%, judged inside the plan's period. */
const SCENARIO = {
  name: 'bench: 研发投入强度门槛 6% → 5%',
  changes: [{ measureId: 'pi-rd-intensity-benchmark', fact: 'rdIntensity', value: 0.05 }],
};
export const SANDBOX_TARGET_SECONDS = 5;

export interface SandboxRun {
  rows: number;
  parseSeconds: number;
  sandboxSeconds: number;
  peakRssMb: number;
  /** The sandbox process's own user + system CPU time. */
  cpuSeconds: number;
  changedTenants: number;
}

function child(script: string, args: string[]): { wallSeconds: number; json: Record<string, unknown> } {
  const start = process.hrtime.bigint();
  const run = spawnSync(process.execPath, [script, ...args], {
    encoding: 'utf8',
    env: { ...process.env, GDPM_REPORT_RSS: '1' },
    maxBuffer: 64 << 20,
  });
  const wallSeconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (run.status !== 0)
    throw new Error(`${path.basename(script)} ${args.join(' ')} failed (${run.status}): ${run.stderr}`);
  return { wallSeconds, json: JSON.parse(run.stdout) as Record<string, unknown> };
}

/**
 * The sandbox row: `sandbox <scenario.json> <tenants.csv> --out <changes.csv>` (child process, start-up included) —
 * base pack and scenario over the same file with the compiled whole-pack evaluators — against parsing the file.
 */
export function benchSandbox(
  rows: number,
  dir: string,
  log: (s: string) => void,
  keep: boolean,
): { run: SandboxRun; text: string } {
  fs.mkdirSync(dir, { recursive: true });
  const input = path.join(dir, `tenants-${rows}.csv`);
  if (!fs.existsSync(input)) {
    log(`  generating ${rows.toLocaleString('en-US')} rows → ${input} …`);
    writeSyntheticTenantCsv(input, { rows, badEvery: 997, seed: 42 });
  }
  const scenario = path.join(dir, 'scenario-rd-5.json');
  fs.writeFileSync(scenario, JSON.stringify(SCENARIO));
  const out = path.join(dir, `sandbox-changes-${rows}.csv`);
  log(`  ${rows.toLocaleString('en-US')} rows: parse only …`);
  const parsed = child(PARSE_ONLY, [input]);
  log(`  ${rows.toLocaleString('en-US')} rows: sandbox (base + scenario) …`);
  const sandbox = child(CLI, ['sandbox', scenario, input, '--out', out, '--as-of', '2025-06-30', '--json']);
  const population = sandbox.json.population as { tenants: number; rejected: number };
  if (population.tenants + population.rejected !== rows)
    throw new Error(`the sandbox read ${population.tenants + population.rejected} rows of ${rows}`);
  fs.rmSync(out, { force: true });
  if (!keep) fs.rmSync(input, { force: true });
  const run = {
    rows,
    parseSeconds: parsed.wallSeconds,
    sandboxSeconds: sandbox.wallSeconds,
    peakRssMb: sandbox.json.peakRssMb as number,
    cpuSeconds: sandbox.json.cpuSeconds as number,
    changedTenants: sandbox.json.changedTenants as number,
  };
  const head = [
    'rows',
    'parse only s',
    'sandbox s',
    'sandbox / parse',
    'sandbox CPU s',
    'peak RSS MB',
    'tenants changed',
  ];
  const body = [
    [
      rows.toLocaleString('en-US'),
      fixed(run.parseSeconds, 2),
      fixed(run.sandboxSeconds, 2),
      `${fixed(run.sandboxSeconds / run.parseSeconds, 2)}×`,
      fixed(run.cpuSeconds, 2),
      run.peakRssMb,
      run.changedTenants,
    ],
  ];
  return {
    run,
    text: [
      'Sandbox: `sandbox <6%→5% scenario> <file> --out <changes>.csv --as-of 2025-06-30` — base and scenario over every tenant (child process, start-up included) vs parsing the same file.',
      "sandbox CPU = the child's own user + system time: on a busy machine it moves less than the wall time.",
      table(head, body),
    ].join('\n'),
  };
}

export function sandboxVerdict(r: SandboxRun): string {
  return (
    `${r.rows.toLocaleString('en-US')} rows: sandbox base + scenario ${fixed(r.sandboxSeconds, 2)} s (< ${SANDBOX_TARGET_SECONDS} s: ` +
    `${r.sandboxSeconds < SANDBOX_TARGET_SECONDS ? 'met' : 'MISSED'}), ${fixed(r.sandboxSeconds / r.parseSeconds, 2)}× parse-only`
  );
}
