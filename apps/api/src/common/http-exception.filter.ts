import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { DocumentNotFoundError, EngineError, MeasureNotFoundError, renderFieldError } from '@app/engine';
import type { Request, Response } from 'express';
import { langOf } from './lang';
import { ProfileValidationException } from './validation';

/** Body-parser's errors carry `type` and `status`; they reach us before any controller runs. */
interface BodyParserError {
  type: string;
  status: number;
  message: string;
}
const isBodyParserError = (e: unknown): e is BodyParserError =>
  typeof e === 'object' && e !== null && typeof (e as BodyParserError).type === 'string' && typeof (e as BodyParserError).status === 'number';

/**
 * The one place errors become HTTP responses, always `{ message, errors? }` (CONTRACT §1).
 * Input problems are 4xx with the field named; anything unexpected is a bare 500, logged with its stack.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    const res = ctx.getResponse<Response>();
    const { status, body } = this.toResponse(exception, req);
    if (status >= 500) this.logger.error(`${req.method} ${req.url}: ${(exception as Error)?.stack ?? String(exception)}`);
    if (!res.headersSent) res.status(status).json(body);
  }

  private toResponse(exception: unknown, req: Request): { status: number; body: Record<string, unknown> } {
    const lang = langOf(req);
    if (exception instanceof ProfileValidationException) {
      const errors = Object.fromEntries(Object.entries(exception.fieldCodes).map(([field, code]) => [field, [renderFieldError(field, code, lang)]]));
      const fields = Object.keys(errors).join(', ');
      return { status: 400, body: { message: lang === 'zh' ? `输入有误：${fields}` : `invalid input: ${fields}`, errors } };
    }
    if (exception instanceof EngineError) return this.fromEngineError(exception);
    if (exception instanceof HttpException) {
      const response = exception.getResponse();
      const body = typeof response === 'string' ? { message: response } : { ...(response as object) };
      return { status: exception.getStatus(), body: { message: (body as { message?: unknown }).message ?? exception.message, ...pickErrors(body) } };
    }
    if (isBodyParserError(exception)) {
      if (exception.type === 'entity.too.large') return { status: 413, body: { message: 'request body too large' } };
      if (exception.type === 'entity.parse.failed') {
        return { status: 400, body: { message: 'malformed JSON', errors: { body: [exception.message] } } };
      }
      return { status: exception.status >= 400 && exception.status < 500 ? exception.status : 400, body: { message: exception.message } };
    }
    return { status: HttpStatus.INTERNAL_SERVER_ERROR, body: { message: 'internal error' } };
  }

  private fromEngineError(e: EngineError): { status: number; body: Record<string, unknown> } {
    switch (true) {
      case e instanceof MeasureNotFoundError:
      case e instanceof DocumentNotFoundError:
        return { status: 404, body: { message: e.message, code: e.code } };
      default:
        return { status: 500, body: { message: 'internal error' } };
    }
  }
}

function pickErrors(body: object): { errors?: unknown } {
  return 'errors' in body ? { errors: (body as { errors: unknown }).errors } : {};
}
