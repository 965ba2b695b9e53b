import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { isIsoDate, todayInShanghai } from '@app/engine';
import type { Request } from 'express';
import { InvalidInputError } from './errors';

/**
 * `?asOf=YYYY-MM-DD`: the date validity is judged at (CONTRACT §2 Version 2); default today in Asia/Shanghai.
 * Anything else is a 400 naming `asOf`.
 */
export function asOfOf(req: Request): string {
  const value = req.query?.asOf;
  if (value === undefined) return todayInShanghai();
  if (isIsoDate(value)) return value;
  throw new InvalidInputError((lang) => ({
    asOf: [
      lang === 'zh'
        ? 'asOf（判断日期）须为 YYYY-MM-DD 格式的日期'
        : 'asOf (the date validity is judged at) must be a date written YYYY-MM-DD',
    ],
  }));
}

export const RequestAsOf = createParamDecorator((_: unknown, ctx: ExecutionContext): string =>
  asOfOf(ctx.switchToHttp().getRequest<Request>()),
);
