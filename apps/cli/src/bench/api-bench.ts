import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import autocannon from 'autocannon';
import { CompiledPack, compilePack, loadRulePack, todayInShanghai } from '@app/engine';
import { freePort, procCpuMs, RunningService, startService } from './api-service';
import { fixed, table } from './bench-table';
import { summarizeCpuProfile } from './cpu-profile-summary';
import { inProcessJson, InProcessRate, inProcessRate, MatchCase, matchCases } from './in-process-rate';

/**
 * autocannon 8 appends every response body to a JS string (`PipelinedRequestsQueue.addBody`: `req.body += chunk`, a
 * UTF-8 decode and a concatenation of ~293 KB per answer) even when nothing reads it — no verifyBody, expectBody or
 * onResponse is set here. Measured on this machine: 1.45–1.54 ms of autocannon CPU per answer with it, 0.19 ms
 * without, so the load generator took most of the second core and its own queueing showed up as the service's
 * latency. The bodies are compared with the in-process JSON before the load (compareBodies), byte for byte; during
 * the load only their bytes are counted, as wrk does. `--decode-bodies` keeps autocannon's default, for comparison.
 */
function stopDecodingBodies(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- autocannon's internal queue, patched for the bench
  const queue = require('autocannon/lib/pipelinedRequestsQueue') as { prototype: { addBody(data: unknown): void } };
  queue.prototype.addBody = () => undefined;
}

/**
 * `npm run bench:api [-- --seconds 20] [--connections 50] [--warmup 5] [--profiles 200] [--workers 1] [--cpu-prof <dir>] [--service <main.js>] [--decode-bodies]`:
 * autocannon against POST /api/match of the built service (SQLite temp file, rate limit lifted), in two runs of
 * `--seconds`: alone (the service and autocannon only: throughput and latency), then beside the engine's match with
 * the ladder (what the route computes) + JSON.stringify of the same profiles in a child process (the cost ratio, both
 * sides under the same contention), with that in-process rate also measured quietly before and after; last, the same
 * load against a bare node:http server spending the service's CPU per request (reference-server.ts: the latency floor
 * of that cost on this machine). `--workers n`
 * runs the service as n processes on one port (node:cluster). Figures, not a test: nothing here fails a build.
 */
interface Args {
  seconds: number;
  connections: number;
  warmup: number;
  profiles: number;
  inProcessSeconds: number;
  workers: number;
  cpuProfDir?: string;
  /** Another build's service entry point (dist/apps/api/src/main.js), e.g. the commit before a change. */
  service?: string;
  /** Leave autocannon's body decoding on (its default; see stopDecodingBodies). */
  decodeBodies: boolean;
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
    workers: Number(value('--workers') ?? 1),
    cpuProfDir: cpuProf ? path.resolve(cpuProf) : undefined,
    service: value('--service') ? path.resolve(value('--service')!) : undefined,
    decodeBodies: argv.includes('--decode-bodies'),
  };
}

interface HttpRun {
  result: autocannon.Result;
  serverCpuMs: number | null;
  /** Of which kernel time (system). */
  serverSystemCpuMs: number | null;
  rssMb: [number | null, number | null];
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
  if (!args.decodeBodies) stopDecodingBodies();
  const log = (s: string) => process.stderr.write(`${s}\n`);
  const compiled = compilePack(loadRulePack());
  const cases = matchCases(args.profiles);
  log(`in-process matchWithLadder + JSON.stringify, ${args.inProcessSeconds} s …`);
  const before = inProcessRate(compiled, cases, args.inProcessSeconds);
  if (args.cpuProfDir) fs.mkdirSync(args.cpuProfDir, { recursive: true });
  const service = await startService({ cpuProfDir: args.cpuProfDir, main: args.service, workers: args.workers });
  let alone: HttpRun;
  let beside: HttpRun;
  let during: InProcessRate;
  let sameBody: string;
  try {
    sameBody = await compareBodies(service.url, compiled, cases);
    log(`warm-up ${args.warmup} s …`);
    await load(service.url, cases, args.connections, args.warmup);
    log(`POST /api/match, ${args.connections} connections, ${args.seconds} s, alone …`);
    alone = await measured(service, () => load(service.url, cases, args.connections, args.seconds));
    const child = startInProcessChild(args.seconds, args.profiles);
    await child.ready;
    log(`the same, ${args.seconds} s, the in-process rate measured beside it …`);
    beside = await measured(service, () => {
      child.go();
      return load(service.url, cases, args.connections, args.seconds);
    });
    during = await child.done;
  } finally {
    await service.stop();
  }
  log(`in-process again, ${args.inProcessSeconds} s …`);
  const after = inProcessRate(compiled, cases, args.inProcessSeconds);
  const userMsPerRequest =
    alone.serverCpuMs === null
      ? null
      : (alone.serverCpuMs - (alone.serverSystemCpuMs ?? 0)) / alone.result.requests.total;
  let reference: Reference | null = null;
  if (userMsPerRequest !== null && args.workers === 1) {
    log(
      `the reference server (${fixed(userMsPerRequest, 2)} ms of CPU per request, no framework), ${args.seconds} s …`,
    );
    reference = await referenceRun(args, cases, userMsPerRequest, Math.round(before.bytes));
  }
  console.log(report(args, { alone, beside, during, reference }, before, after, sameBody, cases[0].body.length));
  if (args.cpuProfDir) {
    const profiles = fs.readdirSync(args.cpuProfDir).filter((f) => f.endsWith('.cpuprofile'));
    const newest = profiles
      .map((f) => path.join(args.cpuProfDir!, f))
      .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
    // Both measured runs (the alone run and the run beside the in-process child), not the start-up.
    if (newest) console.log(`\n${summarizeCpuProfile(newest, 2 * args.seconds + 1)}`);
  }
}

interface Reference {
  result: autocannon.Result;
  spinMs: number;
  cpuMsPerRequest: number | null;
}

/**
 * The same load against reference-server.js: a bare node:http server spending `spinMs` of CPU per request (the
 * service's user CPU per request in the run alone) and answering as many bytes, so its kernel time is the service's
 * too. What it gives is the latency of that much work per request on this machine at this many connections.
 */
async function referenceRun(args: Args, cases: MatchCase[], spinMs: number, bodyBytes: number): Promise<Reference> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [path.join(__dirname, 'reference-server.js'), String(port), String(spinMs), String(bodyBytes)],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  try {
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (d: Buffer) => (d.toString().includes('ready') ? resolve() : undefined));
      child.once('exit', (code) => reject(new Error(`the reference server exited with ${code}`)));
    });
    const url = `http://127.0.0.1:${port}`;
    await load(url, cases, args.connections, Math.min(args.warmup, 2));
    const cpu0 = procCpuMs(child.pid!);
    const result = await load(url, cases, args.connections, args.seconds);
    const cpu1 = procCpuMs(child.pid!);
    const cpuMsPerRequest = cpu0 === null || cpu1 === null ? null : (cpu1 - cpu0) / result.requests.total;
    return { result, spinMs, cpuMsPerRequest };
  } finally {
    child.kill('SIGKILL');
  }
}

/** One load run with the service's CPU time and memory, and this process's (autocannon's) CPU time. */
async function measured(service: RunningService, run: () => Promise<autocannon.Result>): Promise<HttpRun> {
  const rss0 = service.rssMb();
  const cpu0 = service.cpuMs();
  const sys0 = service.systemCpuMs();
  const client0 = process.cpuUsage();
  const result = await run();
  const cpu1 = service.cpuMs();
  const sys1 = service.systemCpuMs();
  const client = process.cpuUsage(client0);
  return {
    result,
    serverCpuMs: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0,
    serverSystemCpuMs: sys0 === null || sys1 === null ? null : sys1 - sys0,
    rssMb: [rss0, service.rssMb()],
    clientCpuMs: (client.user + client.system) / 1000,
  };
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
  runs: { alone: HttpRun; beside: HttpRun; during: InProcessRate; reference: Reference | null },
  before: InProcessRate,
  after: InProcessRate,
  sameBody: string,
  bodyBytes: number,
): string {
  const { alone, beside, during, reference } = runs;
  const cpuPerRequest = (run: HttpRun) =>
    run.serverCpuMs === null ? null : run.serverCpuMs / run.result.requests.total;
  const kernelPerRequest = (run: HttpRun) =>
    run.serverSystemCpuMs === null ? null : run.serverSystemCpuMs / run.result.requests.total;
  const share = (ms: number | null) => (ms === null ? '?' : `${fixed((100 * ms) / (args.seconds * 1000), 0)}%`);
  const quietMs = (before.msPerMatch + after.msPerMatch) / 2;
  const besideCpu = cpuPerRequest(beside);
  const cpuRatio = besideCpu === null ? null : besideCpu / during.cpuMsPerMatch;
  const aloneCpu = cpuPerRequest(alone);
  const httpRow = (name: string, run: HttpRun) => {
    const r = run.result;
    const cpu = cpuPerRequest(run);
    return [
      `${name} (${r.requests.total} requests; errors ${r.errors}, timeouts ${r.timeouts}, non-2xx ${r.non2xx}; ` +
        `service CPU ${share(run.serverCpuMs)}, autocannon CPU ${share(run.clientCpuMs)} of a core)`,
      fixed(r.requests.average, 0),
      fixed(r.latency.p50, 0),
      fixed(r.latency.p99, 0),
      fixed(r.latency.max, 0),
      fixed(1000 / r.requests.average, 2),
      cpu === null ? '?' : `${fixed(cpu, 2)} (kernel ${fixed(kernelPerRequest(run) ?? NaN, 2)})`,
    ];
  };
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
  const p99 = (run: HttpRun) => run.result.latency.p99;
  const service = args.workers > 1 ? `${args.workers} service processes (node:cluster)` : 'one service process';
  return [
    `gd-policy-match bench:api — ${new Date().toISOString()} — node ${process.version}, ${os.availableParallelism()} cores, load average ${load}`,
    `POST /api/match, ${service}: ${args.connections} connections, 2 × ${args.seconds} s after ${args.warmup} s warm-up, ${args.profiles} profiles ` +
      `(1 in 4 ?lang=en), request body ~${bodyBytes} B, response ~${fixed(before.bytes / 1024, 0)} KB; ${sameBody}; ` +
      `autocannon ${args.decodeBodies ? 'decodes each body into a string (its default)' : 'counts body bytes without decoding them (--decode-bodies: its default)'}`,
    '',
    table(
      ['', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'ms/req (1/rate)', 'CPU ms/req'],
      [
        httpRow('HTTP alone', alone),
        httpRow('HTTP beside the in-process child', beside),
        row('in-process matchWithLadder + JSON.stringify, beside the load', during),
        row('in-process matchWithLadder + JSON.stringify, before the load', before),
        row('in-process matchWithLadder + JSON.stringify, after the load', after),
      ],
    ),
    '',
    `HTTP cost / in-process cost: ${cpuRatio === null ? '?' : `${fixed(cpuRatio, 2)}×`} by CPU time (the service's CPU per request ÷ ` +
      `the in-process CPU per match, both in the run beside each other; target ≤ ${RATIO_TARGET}×) — ${cpuRatio !== null && cpuRatio <= RATIO_TARGET ? 'met' : 'MISSED'}`,
    `  alone: ${aloneCpu === null ? '?' : fixed(aloneCpu / ((before.cpuMsPerMatch + after.cpuMsPerMatch) / 2), 2)}× (CPU per request alone ÷ the quiet in-process CPU per match); ` +
      `by rate alone: ${fixed(1000 / alone.result.requests.average / quietMs, 2)}× (1/req/s ÷ the quiet in-process ms per match: only meaningful when the service has a core to itself)`,
    `p99 at ${args.connections} connections (target < ${P99_TARGET_MS} ms): alone ${fixed(p99(alone), 0)} ms — ${p99(alone) < P99_TARGET_MS ? 'met' : 'MISSED'}; ` +
      `beside the in-process child (a core taken) ${fixed(p99(beside), 0)} ms — ${p99(beside) < P99_TARGET_MS ? 'met' : 'MISSED'}`,
    `  latency ≈ connections ÷ rate: ${args.connections} ÷ ${fixed(alone.result.requests.average, 0)} req/s = ` +
      `${fixed((1000 * args.connections) / alone.result.requests.average, 0)} ms mean alone; CPU per request alone: service ` +
      `${aloneCpu === null ? '?' : fixed(aloneCpu, 2)} ms + autocannon ${fixed(alone.clientCpuMs / alone.result.requests.total, 2)} ms ` +
      `on ${os.availableParallelism()} cores → at most ${aloneCpu === null ? '?' : fixed((os.availableParallelism() * 1000) / (aloneCpu + alone.clientCpuMs / alone.result.requests.total), 0)} req/s on this machine`,
    reference
      ? `  the floor for that cost: a bare node:http server spending ${fixed(reference.spinMs, 2)} ms of CPU per request ` +
        `(the service's user CPU per request alone; measured ${reference.cpuMsPerRequest === null ? '?' : fixed(reference.cpuMsPerRequest, 2)} ms with its kernel time) ` +
        `and answering as many bytes, no framework, engine or garbage, the work in turns as the service's matches: ${fixed(reference.result.requests.average, 0)} req/s, ` +
        `p50 ${fixed(reference.result.latency.p50, 0)} ms, p99 ${fixed(reference.result.latency.p99, 0)} ms (reference-server.ts)`
      : '  (no reference run: it needs the service as one process and its CPU time from /proc)',
    `service RSS ${alone.rssMb[0] ?? '?'} MB → ${beside.rssMb[1] ?? '?'} MB over the measured runs`,
  ].join('\n');
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
