import type { NextFunction, Request, Response } from 'express';
import { OpenApiResponseCheck, SentResponse } from './openapi-response-check';

/**
 * Every response a test app sends — to supertest, to fetch, to the browser — is checked against the app's own
 * /api/docs-json. What does not match is collected here and fails the test that caused it (the afterEach below,
 * registered in every test file that imports the test app) or, for responses sent in a beforeAll/afterAll, the
 * app's close().
 */
const violations: string[] = [];
const checks = new Map<string, OpenApiResponseCheck>();

export function takeViolations(): string[] {
  return violations.splice(0);
}

export function failOnViolations(when: string): void {
  const found = takeViolations();
  if (found.length > 0)
    throw new Error(`${found.length} response(s) ${when} do not match /api/docs-json:\n- ${found.join('\n- ')}`);
}

if (typeof afterEach === 'function') afterEach(() => failOnViolations('sent during this test'));

/** The check for a spec, compiled once per distinct spec text (every test app serves the same one). */
export function checkFor(specText: string): OpenApiResponseCheck {
  let check = checks.get(specText);
  if (!check) {
    check = new OpenApiResponseCheck(JSON.parse(specText));
    checks.set(specText, check);
  }
  return check;
}

/**
 * Express middleware, installed before anything else: keeps what a response writes (JSON and bodies without a
 * content type only — files are checked by content type alone) and checks it once the response has finished.
 * `check()` is null until the app has served its spec.
 */
export function conformanceRecorder(check: () => OpenApiResponseCheck | null) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const chunks: Buffer[] = [];
    const keep = (chunk: unknown, encoding?: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
      const type = String(res.getHeader('content-type') ?? '');
      if (type !== '' && !type.includes('json')) return;
      chunks.push(
        Buffer.isBuffer(chunk)
          ? chunk
          : Buffer.from(chunk as string, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8'),
      );
    };
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    res.write = ((chunk: unknown, ...rest: unknown[]) => (
      keep(chunk, rest[0]),
      write(chunk, ...rest)
    )) as Response['write'];
    res.end = ((chunk?: unknown, ...rest: unknown[]) => (keep(chunk, rest[0]), end(chunk, ...rest))) as Response['end'];
    res.on('finish', () => {
      const sent: SentResponse = {
        method: req.method,
        path: req.originalUrl.split('?')[0],
        status: res.statusCode,
        contentType: String(res.getHeader('content-type') ?? ''),
        body: Buffer.concat(chunks),
      };
      const problem = check()?.check(sent);
      if (problem) violations.push(problem);
    });
    next();
  };
}
