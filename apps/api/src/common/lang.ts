import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { Lang } from '@app/engine';
import type { Request } from 'express';

/** `?lang=en` gives English; anything else (or nothing) Chinese, the default. */
export function langOf(req: Request): Lang {
  return req.query?.lang === 'en' ? 'en' : 'zh';
}

export const RequestLang = createParamDecorator((_: unknown, ctx: ExecutionContext): Lang =>
  langOf(ctx.switchToHttp().getRequest<Request>()),
);
