import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeSyntheticTenantCsv } from '@app/batch';
import { fixed, table } from './bench-table';

export interface E2eRun {
  rows: number;
  fileMb: number;
  parseSeconds: number;
  cliSeconds: number;
  cliThreads: number;
  cliRssMb: number;
  /** Wall time before the screen command started working (node, module loading): the CLI's fixed cost. */
  cliStartupSeconds: number;
  /** The other choice of threads (1 if the default used workers, else 2), to show what workers buy. */
  altThreads: number;
  altSeconds: number;
  altRssMb: number;
}

const CLI = path.resolve(__dirname, '../main.js');
const PARSE_ONLY = path.resolve(__dirname, 'parse-only.js');

interface ChildResult {
  wallSeconds: number;
  json: Record<string, unknown>;
}

/** Runs a node script as a child process; wall time measured here (start-up included). */
function child(script: string, args: string[]): ChildResult {
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
 * End-to-end: the CLI screening a generated CSV (child process, default threads, then --threads 1) against
 * merely parsing the same file with csv-parse (child process). Peak RSS as the children report it
 * (process.resourceUsage().maxRSS: the whole process, worker threads included).
 */
export function benchEndToEnd(
  sizes: number[],
  dir: string,
  log: (s: string) => void,
  keep: boolean,
): { runs: E2eRun[]; text: string } {
  fs.mkdirSync(dir, { recursive: true });
  const runs: E2eRun[] = [];
  for (const rows of sizes) {
    const input = path.join(dir, `tenants-${rows}.csv`);
    if (!fs.existsSync(input)) {
      log(`  generating ${rows.toLocaleString('en-US')} rows → ${input} …`);
      writeSyntheticTenantCsv(input, { rows, badEvery: 997, seed: 42 });
    }
    const fileMb = fs.statSync(input).size / (1 << 20);
    const out = path.join(dir, `results-${rows}.csv`);
    log(`  ${rows.toLocaleString('en-US')} rows: parse only …`);
    const parsed = child(PARSE_ONLY, [input]);
    log(`  ${rows.toLocaleString('en-US')} rows: CLI screen …`);
    const cli = child(CLI, ['screen', input, '--out', out, '--no-progress', '--json']);
    if (cli.json.rowsIn !== rows) throw new Error(`the CLI read ${cli.json.rowsIn as number} rows of ${rows}`);
    const altThreads = (cli.json.threads as number) > 1 ? 1 : 2;
    log(`  ${rows.toLocaleString('en-US')} rows: CLI screen --threads ${altThreads} …`);
    const alt = child(CLI, ['screen', input, '--out', out, '--no-progress', '--json', '--threads', String(altThreads)]);
    for (const f of [out, out.replace(/\.csv$/, '.rejected.csv')]) fs.rmSync(f, { force: true });
    if (!keep) fs.rmSync(input, { force: true });
    runs.push({
      rows,
      fileMb,
      parseSeconds: parsed.wallSeconds,
      cliSeconds: cli.wallSeconds,
      cliThreads: cli.json.threads as number,
      cliStartupSeconds: cli.wallSeconds - (cli.json.seconds as number),
      cliRssMb: cli.json.peakRssMb as number,
      altThreads,
      altSeconds: alt.wallSeconds,
      altRssMb: alt.json.peakRssMb as number,
    });
  }
  const head = [
    'rows',
    'file MB',
    'parse only s',
    'CLI s (threads)',
    'CLI / parse',
    'of which start-up s',
    'peak RSS MB',
    'rows/s',
    'other: s (threads)',
    'other / parse',
    'other RSS MB',
  ];
  const body = runs.map((r) => [
    r.rows.toLocaleString('en-US'),
    fixed(r.fileMb, 0),
    fixed(r.parseSeconds, 2),
    `${fixed(r.cliSeconds, 2)} (${r.cliThreads})`,
    `${fixed(r.cliSeconds / r.parseSeconds, 2)}×`,
    fixed(r.cliStartupSeconds, 2),
    r.cliRssMb,
    Math.round(r.rows / r.cliSeconds).toLocaleString('en-US'),
    `${fixed(r.altSeconds, 2)} (${r.altThreads})`,
    `${fixed(r.altSeconds / r.parseSeconds, 2)}×`,
    r.altRssMb,
  ]);
  return {
    runs,
    text: [
      'End to end: `screen <file> --out <file>.csv` (child process, start-up included) vs parsing the same file with csv-parse (child process).',
      'CLI = default threads (workers for files over 48 MB); other = the other choice, to show what worker threads buy.',
      'start-up = wall time before the screen command runs (node + loading every CLI command module).',
      table(head, body),
    ].join('\n'),
  };
}

export const benchDir = () => path.join(os.tmpdir(), 'gdpm-bench');
