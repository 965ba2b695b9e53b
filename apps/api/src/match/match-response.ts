import type { Response } from 'express';
import type { Lang, MatchJsonWriter, MatchResult } from '@app/engine';

/**
 * Body buffers of answers already handed to the kernel, reused: a fresh ~350 KB buffer costs its page faults (~0.1 ms
 * a request here). A buffer comes back in the response's 'finish' (every byte passed to the OS); 'finish' listeners
 * registered earlier (a test's response recorder) have read it by then, and the next request takes it only later.
 */
const spare: Buffer[] = [];
const SPARE_MAX = 16;
/** A body buffer smaller than this is not kept (the writer allocates at least the pack's fragments plus 64 KB). */
const SPARE_MIN_BYTES = 64 * 1024;

/**
 * Sends a match result as `res.json` would — the same bytes as JSON.stringify and the same content type — without
 * what Express's generic path costs on a ~300 KB body: the JSON comes from the pack's precomputed fragments
 * (`MatchJsonWriter`: only what depends on the profile is encoded per request), there is no ETag (a SHA-1 over the
 * whole body, of no use on a POST), and the body's buffer is reused once the response is finished (handed to the
 * kernel; an aborted response keeps its buffer). Measured with `npm run bench:api -- --cpu-prof <dir>`.
 */
export function sendMatchResult(res: Response, writer: MatchJsonWriter, result: MatchResult, lang: Lang): void {
  const body = writer.write(result, lang, spare.pop());
  res.statusCode = 200;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', body.length);
  res.end(body, () => {
    const whole = Buffer.from(body.buffer, body.byteOffset, body.buffer.byteLength - body.byteOffset);
    if (spare.length < SPARE_MAX && whole.length >= SPARE_MIN_BYTES) spare.push(whole);
  });
}
