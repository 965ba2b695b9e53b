import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import autocannon from 'autocannon';
import { CompiledPack, compilePack, loadRulePack, matchProfile, todayInShanghai } from '@app/engine';
import { startService } from './api-service';
import { fixed, table } from './bench-table';
import { summarizeCpuProfile } from './cpu-profile-summary';
import { InProcessRate, inProcessRate, MatchCase, matchCases } from './in-process-rate';

/**
 * `npm run bench:api [-- --seconds 20] [--connections 50] [--warmup 5] [--profiles 200] [--cpu-prof <dir>]`:
 * autocannon against POST /api/match of the built service (SQLite temp file, rate limit lifted), beside the
 * engine's match + JSON.stringify of the same profiles in this process, measured in the same run (before and after
 * the load). Figures, not a test: nothing here fails a build.
 */
interface Args {
  seconds: number;
  connections: number;
  warmup: number;
  profiles: number;
  inProcessSeconds: number;
  cpuProfDir?: string;
}

const P99_TARGET_MS = 100;
const RATIO_TARGET = 1.5;

function parseArgs(argv: string[]): Args {
  const value = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const cpuProf = value('--cpu-prof');
  return {
    seconds: Number(value('--seconds') ?? 20),
    connections: Number(value('--connections') ?? 50),
    warmup: Number(value('--warmup') ?? 5),
    profiles: Number(value('--profiles') ?? 200),
    inProcessSeconds: Number(value('--in-process-seconds') ?? 5),
    cpuProfDir: cpuProf ? path.resolve(cpuProf) : undefined,
  };
}

interface HttpRun {
  result: autocannon.Result;
  serverCpuMs: number | null;
  rssMb: [number | null, number | null];
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const log = (s: string) => process.stderr.write(`${s}\n`);
  const compiled = compilePack(loadRulePack());
  const cases = matchCases(args.profiles);
  log(`in-process match + JSON.stringify, ${args.inProcessSeconds} s …`);
  const before = inProcessRate(compiled, cases, args.inProcessSeconds);
  if (args.cpuProfDir) fs.mkdirSync(args.cpuProfDir, { recursive: true });
  const service = await startService({ cpuProfDir: args.cpuProfDir });
  let http: HttpRun;
  let sameBody: string;
  try {
    sameBody = await compareBodies(service.url, compiled, cases.slice(0, 8));
    log(`warm-up ${args.warmup} s …`);
    await load(service.url, cases, args.connections, args.warmup);
    log(`POST /api/match, ${args.connections} connections, ${args.seconds} s …`);
    const rss0 = service.rssMb();
    const cpu0 = service.cpuMs();
    const result = await load(service.url, cases, args.connections, args.seconds);
    const cpu1 = service.cpuMs();
    http = { result, serverCpuMs: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0, rssMb: [rss0, service.rssMb()] };
  } finally {
    await service.stop();
  }
  log(`in-process again, ${args.inProcessSeconds} s …`);
  const after = inProcessRate(compiled, cases, args.inProcessSeconds);
  console.log(report(args, http, before, after, sameBody, cases[0].body.length));
  if (args.cpuProfDir) {
    const profiles = fs.readdirSync(args.cpuProfDir).filter((f) => f.endsWith('.cpuprofile'));
    const newest = profiles
      .map((f) => path.join(args.cpuProfDir!, f))
      .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
    if (newest) console.log(`\n${summarizeCpuProfile(newest, args.seconds + 1)}`);
  }
}

function load(url: string, cases: MatchCase[], connections: number, seconds: number): Promise<autocannon.Result> {
  return autocannon({
    url,
    connections,
    duration: seconds,
    requests: cases.map((c) => ({
      method: 'POST' as const,
      path: c.path,
      headers: { 'content-type': 'application/json' },
      body: c.body,
    })),
  });
}

/** The HTTP body must be the in-process JSON's content, or the comparison means nothing. */
async function compareBodies(url: string, compiled: CompiledPack, cases: MatchCase[]): Promise<string> {
  const asOf = todayInShanghai();
  let same = 0;
  for (const c of cases) {
    const res = await fetch(`${url}${c.path}`, {
      method: 'POST',
      body: c.body,
      headers: { 'content-type': 'application/json' },
    });
    const http = await res.text();
    const local = JSON.stringify(matchProfile(compiled, c.profile, { lang: c.lang, asOf }));
    if (res.status === 200 && http === local) same++; // byte for byte
  }
  return `${same} of ${cases.length} HTTP bodies equal the in-process JSON byte for byte`;
}

function report(
  args: Args,
  http: HttpRun,
  before: InProcessRate,
  after: InProcessRate,
  sameBody: string,
  bodyBytes: number,
): string {
  const r = http.result;
  const rps = r.requests.average;
  const inMs = (before.msPerMatch + after.msPerMatch) / 2;
  const inCpuMs = (before.cpuMsPerMatch + after.cpuMsPerMatch) / 2;
  const httpMs = 1000 / rps;
  const serverCpuPerReq = http.serverCpuMs === null ? null : http.serverCpuMs / r.requests.total;
  const ratio = httpMs / inMs;
  const cpuRatio = serverCpuPerReq === null ? null : serverCpuPerReq / inCpuMs;
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
  return [
    `gd-policy-match bench:api — ${new Date().toISOString()} — node ${process.version}, ${os.availableParallelism()} cores, load average ${load}`,
    `POST /api/match: ${args.connections} connections, ${args.seconds} s after ${args.warmup} s warm-up, ${args.profiles} profiles ` +
      `(1 in 4 ?lang=en), request body ~${bodyBytes} B, response ~${fixed(before.bytes / 1024, 0)} KB; ${sameBody}`,
    '',
    table(
      ['', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'ms/req (1/rate)', 'CPU ms/req'],
      [
        [
          `HTTP (${r.requests.total} requests; errors ${r.errors}, timeouts ${r.timeouts}, non-2xx ${r.non2xx})`,
          fixed(rps, 0),
          fixed(r.latency.p50, 0),
          fixed(r.latency.p99, 0),
          fixed(r.latency.max, 0),
          fixed(httpMs, 2),
          serverCpuPerReq === null ? '?' : fixed(serverCpuPerReq, 2),
        ],
        [
          'in-process match + JSON.stringify, before',
          fixed(before.perSecond, 0),
          '',
          '',
          '',
          fixed(before.msPerMatch, 2),
          fixed(before.cpuMsPerMatch, 2),
        ],
        [
          'in-process match + JSON.stringify, after',
          fixed(after.perSecond, 0),
          '',
          '',
          '',
          fixed(after.msPerMatch, 2),
          fixed(after.cpuMsPerMatch, 2),
        ],
      ],
    ),
    '',
    `HTTP cost / in-process cost: ${fixed(ratio, 2)}× by rate (target ≤ ${RATIO_TARGET}×) — ${ratio <= RATIO_TARGET ? 'met' : 'MISSED'}; ` +
      `${cpuRatio === null ? '?' : `${fixed(cpuRatio, 2)}×`} by CPU time (the service's CPU per request ÷ in-process CPU per match)`,
    `p99 ${fixed(r.latency.p99, 0)} ms at ${args.connections} connections (target < ${P99_TARGET_MS} ms) — ${r.latency.p99 < P99_TARGET_MS ? 'met' : 'MISSED'}`,
    `service RSS ${http.rssMb[0] ?? '?'} MB → ${http.rssMb[1] ?? '?'} MB over the measured run`,
  ].join('\n');
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
