import * as http from 'node:http';
import { CpuTurns } from '@app/api/common/cpu-turns';

/**
 * `node reference-server.js <port> <cpuMsPerRequest> <bodyBytes>`: a bare node:http server that reads each request's
 * body, keeps the CPU busy for `cpuMsPerRequest` (a spin on the clock: no allocation, no GC) and answers
 * `bodyBytes` of JSON. `npm run bench:api` loads it as it loads the service, with the service's own CPU per request:
 * the latency this machine gives at that cost with no framework, engine or garbage at all — the floor the service's
 * p50 and p99 are compared with. The work runs as the service runs a match, in its turn (CpuTurns), not inside the
 * request handler; a fifth argument `--in-handler` runs it inside the handler, as the service did before.
 */
const [port, cpuMs, bodyBytes] = process.argv.slice(2).map(Number);
const body = Buffer.alloc(bodyBytes, 0x20);
body[0] = 0x5b; // "[ … ]": valid JSON of the right size
body[bodyBytes - 1] = 0x5d;
const spinNs = BigInt(Math.round(cpuMs * 1e6));
const inHandler = process.argv[5] === '--in-handler';
const turns = new CpuTurns();

function answer(res: http.ServerResponse): void {
  const start = process.hrtime.bigint();
  while (process.hrtime.bigint() - start < spinNs) {
    // the service's CPU per request, spent
  }
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': body.length });
  res.end(body);
}

http
  .createServer((req, res) => {
    req.on('data', () => undefined);
    req.on('end', () => {
      if (inHandler) answer(res);
      else void turns.run(() => answer(res));
    });
  })
  .listen(port, '127.0.0.1', () => process.stderr.write('ready\n'));
