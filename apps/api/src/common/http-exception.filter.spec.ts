import { ArgumentsHost, Logger, NotFoundException } from '@nestjs/common';
import { MeasureNotFoundError, RulePackError } from '@app/engine';
import { ScreeningNotDoneError } from '../screenings/screening.errors';
import { UserError } from '../users/users.errors';
import { InvalidInputError } from './errors';
import { HttpExceptionFilter } from './http-exception.filter';

interface Captured {
  status?: number;
  body?: Record<string, unknown>;
  headers?: Record<string, string>;
}

function hostFor(query: Record<string, string> = {}): { host: ArgumentsHost; out: Captured } {
  const out: Captured = {};
  const res = {
    headersSent: false,
    status(s: number) {
      out.status = s;
      return this;
    },
    json(b: Record<string, unknown>) {
      out.body = b;
      return this;
    },
    setHeader(name: string, value: string) {
      out.headers = { ...out.headers, [name]: value };
    },
  };
  const req = { method: 'POST', url: '/api/match', originalUrl: '/api/match', query };
  const host = { switchToHttp: () => ({ getRequest: () => req, getResponse: () => res }) } as unknown as ArgumentsHost;
  return { host, out };
}

describe(HttpExceptionFilter.name, () => {
  const sut = new HttpExceptionFilter();
  let logged: jest.SpyInstance;
  beforeEach(() => {
    logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => logged.mockRestore());

  const reply = (e: unknown, query?: Record<string, string>) => {
    const { host, out } = hostFor(query);
    sut.catch(e, host);
    return out;
  };

  it('answers bad input with 400 and every field, the message listing them in the request language', () => {
    const e = new InvalidInputError((lang) => ({ revenue: [lang === 'zh' ? '营业收入…' : 'revenue …'] }));
    expect(reply(e)).toEqual({
      status: 400,
      body: { message: '输入有误：revenue', code: 'invalid-input', errors: { revenue: ['营业收入…'] } },
    });
    expect(reply(e, { lang: 'en' }).body).toMatchObject({
      message: 'invalid input: revenue',
      errors: { revenue: ['revenue …'] },
    });
  });

  it('answers 503 database-unavailable when the database cannot be reached, not a 500', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const terminated = Object.assign(new Error('QueryFailedError'), {
      driverError: Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
    });
    for (const e of [refused, terminated, new Error('Connection terminated unexpectedly')]) {
      expect(reply(e)).toMatchObject({
        status: 503,
        headers: { 'Retry-After': '5' },
        body: { code: 'database-unavailable' },
      });
    }
    expect(logged).not.toHaveBeenCalled();
    expect(reply(new Error('something else')).status).toBe(500);
  });

  it('maps feature and engine errors by their code, with their details', () => {
    expect(reply(new ScreeningNotDoneError('running'))).toEqual({
      status: 409,
      body: {
        status: 'running',
        message: 'the screening is running: results are available when it is done',
        code: 'screening-not-done',
      },
    });
    expect(reply(new MeasureNotFoundError('x')).status).toBe(404);
    expect(reply(new UserError('name-taken', 'taken', 'name'))).toMatchObject({
      status: 409,
      body: { errors: { name: ['taken'] } },
    });
    expect(logged).not.toHaveBeenCalled();
  });

  it("keeps the framework's own 4xx with a message that is never null", () => {
    expect(reply(new NotFoundException('Cannot GET /nope'))).toEqual({
      status: 404,
      body: { message: 'Cannot GET /nope' },
    });
  });

  it('answers anything unexpected with 500 and an error id only, logged once with that id and the stack', () => {
    const out = reply(new TypeError('boom'));
    expect(out.status).toBe(500);
    expect(out.body).toEqual({ message: 'internal error', errorId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(logged).toHaveBeenCalledTimes(1);
    const line = String(logged.mock.calls[0][0]);
    expect(line).toContain(String(out.body!.errorId));
    expect(line).toContain('TypeError: boom');
    expect(line).toMatch(/\n\s+at /); // the stack
  });

  it("treats a rule pack error during a request as unexpected, not as the client's fault", () => {
    expect(reply(new RulePackError([{ file: 'x', problem: 'y' }])).status).toBe(500);
    expect(logged).toHaveBeenCalledTimes(1);
  });
});
