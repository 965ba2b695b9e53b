import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import type { Actor, Principal } from './principal';

/** A route rule: which signed-in users may call it. Rules live in ./policies, one file per resource. */
export type AccessRule = (user: Principal) => boolean;
export type Access = 'public' | AccessRule;

export const ACCESS_KEY = 'gdpm:access';

/** Anyone, the anonymous company included. Such routes are rate-limited per client IP. */
export const Public = () => SetMetadata(ACCESS_KEY, 'public' satisfies Access);

/** Signed-in users the rule accepts; no token → 401, a token the rule refuses → 403. */
export const Allow = (rule: AccessRule) => SetMetadata(ACCESS_KEY, rule satisfies Access);

export interface RequestWithActor extends Request {
  actor?: Actor;
}

/** The user the guard resolved, or null for the anonymous company. */
export const CurrentActor = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Actor => ctx.switchToHttp().getRequest<RequestWithActor>().actor ?? null,
);

/** The signed-in user, on routes whose rule already required one. */
export const CurrentUser = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): Principal => ctx.switchToHttp().getRequest<RequestWithActor>().actor!,
);
