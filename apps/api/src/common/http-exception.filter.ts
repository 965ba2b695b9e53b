import { randomUUID } from 'node:crypto';
import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { EngineError, EngineErrorCode, Lang } from '@app/engine';
import type { Request, Response } from 'express';
import { DatabaseUnavailableError, isDatabaseUnreachable, RETRY_AFTER_SECONDS } from '../database/database-faults';
import { AppError, AppErrorCode, INVALID_INPUT } from './errors';
import { langOf } from './lang';

/** Body-parser's errors carry `type` and `status`; they reach us before any controller runs. */
interface BodyParserError {
  type: string;
  status: number;
  message: string;
}
const isBodyParserError = (e: unknown): e is BodyParserError =>
  typeof e === 'object' &&
  e !== null &&
  typeof (e as BodyParserError).type === 'string' &&
  typeof (e as BodyParserError).status === 'number';

interface Reply {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

/** The one map from error codes to HTTP statuses. Exhaustive: a new code does not compile without a status. */
export function statusOf(code: AppErrorCode | EngineErrorCode): number {
  switch (code) {
    case 'invalid-input':
    case 'invalid-user':
    case 'scenario-invalid':
      return 400;
    case 'not-signed-in':
    case 'invalid-token':
    case 'session-ended':
      return 401;
    case 'role-forbidden':
    case 'csrf-header-missing':
    case 'other-park':
      return 403;
    case 'screening-not-found':
    case 'screening-item-not-found':
    case 'submission-not-found':
    case 'review-item-not-found':
    case 'case-not-found':
    case 'review-source-gone':
    case 'user-not-found':
    case 'measure-not-found':
    case 'document-not-found':
    case 'rule-pack-not-found':
    case 'scenario-not-found':
    case 'scenario-run-not-found':
      return 404;
    case 'screening-not-done':
    case 'decision-conflict':
    case 'name-taken':
    case 'scenario-run-not-done':
      return 409;
    case 'upload-too-large':
      return 413;
    case 'database-unavailable':
    case 'queue-unavailable':
      return 503;
    case 'rule-pack-invalid':
    case 'rule-invalid': // a stored rule snapshot that fails the loader's checks: our data, not the caller's input
      return 500;
    default: {
      const unhandled: never = code;
      throw new Error(`no HTTP status for error code ${String(unhandled)}`);
    }
  }
}

/**
 * The one place errors become HTTP responses, always `{ message, code?, errors? }` (CONTRACT §1): feature and
 * engine errors by their code, the framework's own (unknown route, rate limit, upload limits) and body-parser's
 * by their status. Anything else is unexpected: a 500 whose body holds only an error id, logged once with that
 * id and the stack.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    const reply = this.toReply(exception, req);
    if (res.headersSent)
      res.destroy(); // a download failed half-way: cut it rather than end it as if complete
    else {
      for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
      res.status(reply.status).json(reply.body);
    }
  }

  private toReply(exception: unknown, req: Request): Reply {
    const lang = langOf(req);
    if (exception instanceof DatabaseUnavailableError || isDatabaseUnreachable(exception)) {
      // Not this request's fault and not a bug: the client may retry once the pool reconnects.
      const e = exception instanceof DatabaseUnavailableError ? exception : new DatabaseUnavailableError();
      const headers = { 'Retry-After': String(RETRY_AFTER_SECONDS) };
      return { status: statusOf(e.code), body: codedBody(e, lang), headers };
    }
    if (exception instanceof AppError || exception instanceof EngineError) {
      const status = statusOf(exception.code);
      if (status < 500) return { status, body: codedBody(exception, lang) };
      if (status === 503) {
        // A service the request needs (the screening queue) does not answer: retry, like the database above.
        return { status, body: codedBody(exception, lang), headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) } };
      }
    } else if (exception instanceof HttpException) {
      if (exception.getStatus() < 500) return frameworkReply(exception);
    } else if (isBodyParserError(exception) && exception.status < 500) {
      return bodyParserReply(exception);
    }
    return this.unexpected(exception, req);
  }

  private unexpected(exception: unknown, req: Request): Reply {
    const errorId = randomUUID();
    const what = exception instanceof Error ? (exception.stack ?? exception.message) : String(exception);
    this.logger.error(`error ${errorId} on ${req.method} ${req.originalUrl ?? req.url}: ${what}`);
    return { status: 500, body: { message: 'internal error', errorId } };
  }
}

function codedBody(e: AppError | EngineError, lang: Lang): Record<string, unknown> {
  const errors = e instanceof AppError ? e.errorsIn(lang) : undefined;
  if (e.code === 'invalid-input' && errors && e.message === INVALID_INPUT) {
    const fields = Object.keys(errors).join(', ');
    return { message: lang === 'zh' ? `输入有误：${fields}` : `invalid input: ${fields}`, code: e.code, errors };
  }
  const details = e instanceof AppError ? e.details : {};
  return { ...details, message: e.message, code: e.code, ...(errors ? { errors } : {}) };
}

/** Errors Nest raises itself (no route, rate limit, multer's limits): their status and message, never null. */
function frameworkReply(e: HttpException): Reply {
  const response = e.getResponse();
  const raw = typeof response === 'string' ? response : (response as { message?: unknown }).message;
  const message = Array.isArray(raw)
    ? raw.filter((m) => typeof m === 'string').join('; ')
    : typeof raw === 'string'
      ? raw
      : e.message;
  return { status: e.getStatus(), body: { message: message || e.message } };
}

function bodyParserReply(e: BodyParserError): Reply {
  if (e.type === 'entity.too.large') return { status: 413, body: { message: 'request body too large' } };
  if (e.type === 'entity.parse.failed')
    return { status: 400, body: { message: 'malformed JSON', errors: { body: [e.message] } } };
  return { status: e.status >= 400 ? e.status : 400, body: { message: e.message } };
}
