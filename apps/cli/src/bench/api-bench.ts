import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import autocannon from 'autocannon';
import { CompiledPack, compilePack, loadRulePack, todayInShanghai } from '@app/engine';
import { startService } from './api-service';
import { fixed, table } from './bench-table';
import { summarizeCpuProfile } from './cpu-profile-summary';
import { inProcessJson, InProcessRate, inProcessRate, MatchCase, matchCases } from './in-process-rate';

/**
 * `npm run bench:api [-- --seconds 20] [--connections 50] [--warmup 5] [--profiles 200] [--cpu-prof <dir>] [--service <main.js>]`:
 * autocannon against POST /api/match of the built service (SQLite temp file, rate limit lifted), beside the
 * engine's match with the ladder (what the route computes) + JSON.stringify of the same profiles in this process, measured in the same run (before and after
 * the load). Figures, not a test: nothing here fails a build.
 */
interface Args {
  seconds: number;
  connections: number;
  warmup: number;
  profiles: number;
  inProcessSeconds: number;
  cpuProfDir?: string;
  /** Another build's service entry point (dist/apps/api/src/main.js), e.g. the commit before a change. */
  service?: string;
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
    service: value('--service') ? path.resolve(value('--service')!) : undefined,
  };
}

interface HttpRun {
  result: autocannon.Result;
  serverCpuMs: number | null;
  /** Of which kernel time (system). */
  serverSystemCpuMs: number | null;
  rssMb: [number | null, number | null];
  /** The in-process rate measured in a child process during the load. */
  during: InProcessRate;
  /** CPU time of this process (autocannon) during the load, ms. */
  clientCpuMs: number;
}

/** The in-process measurement run beside the load, in its own process (in-process-child.ts). */
function startInProcessChild(seconds: number, profiles: number) {
  const child = spawn(
    process.execPath,
    [path.join(__dirname, 'in-process-child.js'), String(seconds), String(profiles)],
    {
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    child.stderr.on('data', (d: Buffer) => (d.toString().includes('ready') ? resolve() : process.stderr.write(d)));
    child.once('exit', (code) => reject(new Error(`the in-process child exited with ${code} before it was ready`)));
  });
  const done = new Promise<InProcessRate>((resolve, reject) =>
    child.once('exit', (code) =>
      code === 0 ? resolve(JSON.parse(out) as InProcessRate) : reject(new Error(`in-process child: ${code}`)),
    ),
  );
  return { ready, go: () => child.stdin.end('go\n'), done };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const log = (s: string) => process.stderr.write(`${s}\n`);
  const compiled = compilePack(loadRulePack());
  const cases = matchCases(args.profiles);
  log(`in-process matchWithLadder + JSON.stringify, ${args.inProcessSeconds} s …`);
  const before = inProcessRate(compiled, cases, args.inProcessSeconds);
  if (args.cpuProfDir) fs.mkdirSync(args.cpuProfDir, { recursive: true });
  const service = await startService({ cpuProfDir: args.cpuProfDir, main: args.service });
  let http: HttpRun;
  let sameBody: string;
  try {
    sameBody = await compareBodies(service.url, compiled, cases);
    log(`warm-up ${args.warmup} s …`);
    await load(service.url, cases, args.connections, args.warmup);
    const beside = startInProcessChild(args.seconds, args.profiles);
    await beside.ready;
    log(
      `POST /api/match, ${args.connections} connections, ${args.seconds} s, the in-process rate measured beside it …`,
    );
    const rss0 = service.rssMb();
    const cpu0 = service.cpuMs();
    const sys0 = service.systemCpuMs();
    const client0 = process.cpuUsage();
    beside.go();
    const result = await load(service.url, cases, args.connections, args.seconds);
    const cpu1 = service.cpuMs();
    const sys1 = service.systemCpuMs();
    const client = process.cpuUsage(client0);
    const during = await beside.done;
    http = {
      result,
      serverCpuMs: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0,
      serverSystemCpuMs: sys0 === null || sys1 === null ? null : sys1 - sys0,
      rssMb: [rss0, service.rssMb()],
      during,
      clientCpuMs: (client.user + client.system) / 1000,
    };
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

/**
 * The HTTP body must carry the in-process JSON's content, or the comparison means nothing: every case is sent once
 * and compared byte for byte with `inProcessJson` (the same engine call JSON.stringify'd); a body that differs is
 * parsed and compared as data too, and the first one is described.
 */
async function compareBodies(url: string, compiled: CompiledPack, cases: MatchCase[]): Promise<string> {
  const asOf = todayInShanghai();
  let same = 0;
  let sameContent = 0;
  let firstDifference = '';
  for (const c of cases) {
    const res = await fetch(`${url}${c.path}`, {
      method: 'POST',
      body: c.body,
      headers: { 'content-type': 'application/json' },
    });
    const http = await res.text();
    const local = inProcessJson(compiled, c, asOf);
    if (res.status === 200 && http === local) {
      same++;
      continue;
    }
    if (res.status === 200 && isDeepStrictEqual(JSON.parse(http), JSON.parse(local))) sameContent++;
    if (!firstDifference) {
      let at = 0;
      while (at < http.length && http[at] === local[at]) at++;
      firstDifference =
        `; first difference (${c.path}, status ${res.status}) at character ${at}: ` +
        `HTTP …${JSON.stringify(http.slice(Math.max(0, at - 40), at + 40))}… in-process …${JSON.stringify(local.slice(Math.max(0, at - 40), at + 40))}…`;
    }
  }
  const others = cases.length - same;
  return (
    `${same} of ${cases.length} HTTP bodies equal the in-process JSON byte for byte` +
    (others > 0 ? ` (${sameContent} of the other ${others} the same data in another order)${firstDifference}` : '')
  );
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
  const httpMs = 1000 / rps;
  const quietMs = (before.msPerMatch + after.msPerMatch) / 2;
  const serverCpuPerReq = http.serverCpuMs === null ? null : http.serverCpuMs / r.requests.total;
  const share = (ms: number | null) => (ms === null ? '?' : `${fixed((100 * ms) / (args.seconds * 1000), 0)}%`);
  const ratio = httpMs / quietMs;
  const cpuRatio = serverCpuPerReq === null ? null : serverCpuPerReq / http.during.cpuMsPerMatch;
  const row = (name: string, x: InProcessRate) => [
    name,
    fixed(x.perSecond, 0),
    '',
    '',
    '',
    fixed(x.msPerMatch, 2),
    fixed(x.cpuMsPerMatch, 2),
  ];
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
          `HTTP (${r.requests.total} requests; errors ${r.errors}, timeouts ${r.timeouts}, non-2xx ${r.non2xx}; service CPU ${share(http.serverCpuMs)}, autocannon CPU ${share(http.clientCpuMs)} of a core)`,
          fixed(rps, 0),
          fixed(r.latency.p50, 0),
          fixed(r.latency.p99, 0),
          fixed(r.latency.max, 0),
          fixed(httpMs, 2),
          serverCpuPerReq === null ? '?' : fixed(serverCpuPerReq, 2),
        ],
        row('in-process matchWithLadder + JSON.stringify, beside the load', http.during),
        row('in-process matchWithLadder + JSON.stringify, before the load', before),
        row('in-process matchWithLadder + JSON.stringify, after the load', after),
      ],
    ),
    '',
    `HTTP cost / in-process cost: ${cpuRatio === null ? '?' : `${fixed(cpuRatio, 2)}×`} by CPU time (the service's CPU per request ÷ ` +
      `the in-process CPU per match beside the load; target ≤ ${RATIO_TARGET}×) — ${cpuRatio !== null && cpuRatio <= RATIO_TARGET ? 'met' : 'MISSED'}`,
    `  by rate: ${fixed(ratio, 2)}× (1/req/s ÷ the quiet in-process ms per match; meaningful only when the service had a core to itself)`,
    `p99 ${fixed(r.latency.p99, 0)} ms at ${args.connections} connections (target < ${P99_TARGET_MS} ms) — ${r.latency.p99 < P99_TARGET_MS ? 'met' : 'MISSED'}`,
    `service CPU per request ${serverCpuPerReq === null ? '?' : fixed(serverCpuPerReq, 2)} ms, of which kernel ` +
      `${http.serverSystemCpuMs === null ? '?' : fixed(http.serverSystemCpuMs / r.requests.total, 2)} ms (socket writes, page faults); ` +
      `service RSS ${http.rssMb[0] ?? '?'} MB → ${http.rssMb[1] ?? '?'} MB over the measured run`,
  ].join('\n');
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
