import * as os from 'node:os';
import { compilePack, loadRulePack } from '@app/engine';
import { benchDir, benchEndToEnd } from './e2e-bench';
import { benchEvaluator } from './evaluator-bench';
import { benchMatch } from './match-bench';
import { benchSandbox, sandboxVerdict, SANDBOX_TARGET_SECONDS } from './sandbox-bench';

/**
 * `npm run bench [-- --quick] [--profiles n] [--rows 100000,1000000] [--keep] [--skip-e2e] [--skip-evaluator] [--skip-sandbox] [--skip-match]`:
 * prints the performance table of the batch screening issue. Figures, not a test: nothing here fails a build.
 */
interface Args {
  quick: boolean;
  profiles: number;
  rows: number[];
  keep: boolean;
  e2e: boolean;
  evaluator: boolean;
  sandbox: boolean;
  match: boolean;
}

function parseArgs(argv: string[]): Args {
  const quick = argv.includes('--quick');
  const value = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  return {
    quick,
    profiles: Number(value('--profiles') ?? (quick ? 2000 : 20_000)),
    rows: (value('--rows') ?? (quick ? '20000,100000' : '100000,1000000')).split(',').map(Number),
    keep: argv.includes('--keep'),
    e2e: !argv.includes('--skip-e2e'),
    evaluator: !argv.includes('--skip-evaluator'),
    sandbox: !argv.includes('--skip-sandbox'),
    match: !argv.includes('--skip-match'),
  };
}

const TARGETS = [
  'compiled evaluator ≥ 300× faster than json-rules-engine, and within 3× of the hand-written closures',
  'end to end ≤ 3× the parse-only time; 1,000,000 rows in under 60 s with under 500 MB peak RSS',
  `sandbox: base + scenario over 100,000 tenants in under ${SANDBOX_TARGET_SECONDS} s`,
];

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const log = (s: string) => process.stderr.write(`${s}\n`);
  const compiled = compilePack(loadRulePack());
  const out: string[] = [
    `gd-policy-match bench — ${new Date().toISOString()} — node ${process.version}, ${os.availableParallelism()} cores (${os.cpus()[0]?.model ?? '?'}), ` +
      `load average ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    `rule pack ${compiled.pack.version.slice(0, 19)}…: ${compiled.measures.length} measures`,
    '',
  ];
  let verdicts: string[] = [];
  if (args.evaluator) {
    log('evaluator …');
    const ev = await benchEvaluator(compiled, args.profiles, log);
    out.push(ev.text, '');
    const speedup = (ns: number) =>
      `${(ev.jreNs / ns).toFixed(0)}× (target ≥ 300×) — ${ev.jreNs / ns >= 300 ? 'met' : 'MISSED'}`;
    verdicts.push(
      `vs json-rules-engine: the whole pack in one function, status only ${speedup(ev.statusNs)}; ` +
        `the compiled pack's function with near-miss codes ${speedup(ev.packNs)}; the batch screener ${speedup(ev.screenerNs)}`,
    );
    if (ev.handNs !== null && ev.compiledSubsetNs !== null) {
      const ratio = ev.compiledSubsetNs / ev.handNs;
      verdicts.push(
        `vs hand-written closures: whole-pack style ${ratio.toFixed(2)}× (target ≤ 3×) — ${ratio <= 3 ? 'met' : 'MISSED'}`,
      );
    }
  }
  if (args.match) {
    log('match …');
    const m = benchMatch(compiled, Math.min(args.profiles, 2000), log);
    out.push(m.text, '');
    verdicts.push(
      `match path: the ladder alone takes ${m.ladderOnlyUs.toFixed(1)} µs per profile, ${((100 * m.ladderOnlyUs) / m.matchUs).toFixed(0)}% of matchProfile's ${m.matchUs.toFixed(0)} µs`,
    );
  }
  if (args.e2e) {
    log('end to end …');
    const e2e = benchEndToEnd(args.rows, benchDir(), log, args.keep);
    out.push(e2e.text, '');
    for (const r of e2e.runs) {
      const ratio = r.cliSeconds / r.parseSeconds;
      verdicts.push(
        `${r.rows.toLocaleString('en-US')} rows: CLI ${ratio.toFixed(2)}× parse-only (target ≤ 3×) — ${ratio <= 3 ? 'met' : 'MISSED'}` +
          (r.rows >= 1_000_000
            ? `; ${r.cliSeconds.toFixed(1)} s (< 60 s: ${r.cliSeconds < 60 ? 'met' : 'MISSED'}), peak RSS ${r.cliRssMb} MB (< 500 MB: ${r.cliRssMb < 500 ? 'met' : 'MISSED'})`
            : ''),
      );
    }
  }
  if (args.sandbox) {
    log('sandbox …');
    const sb = benchSandbox(100_000, `${benchDir()}-sandbox`, log, args.keep);
    out.push(sb.text, '');
    verdicts.push(sandboxVerdict(sb.run));
  }
  verdicts = verdicts.map((v) => `  ${v}`);
  out.push('Targets:', ...TARGETS.map((t) => `  - ${t}`), 'Measured:', ...verdicts);
  console.log(out.join('\n'));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
