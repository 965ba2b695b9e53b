import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerOptions, ThrottlerRequest } from '@nestjs/throttler';
import type { AppConfig } from '../config/app-config';
import { Access, ACCESS_KEY, RequestWithActor } from './access.decorators';
import { clientAddress } from './credential-throttle';

/** The request limits, all in the throttler's one storage (memory, or Redis with REDIS_URL). */
export function throttlers(config: AppConfig): ThrottlerOptions[] {
  const ttl = config.throttle.ttlSeconds * 1000;
  const acrossRoutes = (_: ExecutionContext, tracker: string, name: string) => `${name}:${tracker}`;
  return [
    // @Public() routes: per route and client address (the throttler's default key), THROTTLE_LIMIT.
    { name: 'anonymous', limit: config.throttle.limit, ttl },
    // Signed-in routes: per user, and per client address (several people behind one office NAT: 4×).
    {
      name: 'user',
      limit: config.userThrottle.limit,
      ttl,
      getTracker: (req) => (req as RequestWithActor).actor?.id ?? 'none',
      generateKey: acrossRoutes,
    },
    {
      name: 'ip',
      limit: config.userThrottle.limit * 4,
      ttl,
      getTracker: (req) => clientAddress(req as RequestWithActor),
      generateKey: acrossRoutes,
    },
  ];
}

/**
 * Runs after AccessGuard (which resolves the user and rate-limits token checks itself): `anonymous` applies to
 * @Public() routes, `user` and `ip` to the routes behind a token, whose user is known by then.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return context.getType() !== 'http';
  }

  protected override async handleRequest(props: ThrottlerRequest): Promise<boolean> {
    const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS_KEY, [
      props.context.getHandler(),
      props.context.getClass(),
    ]);
    const publicRoute = access === 'public';
    if ((props.throttler.name === 'anonymous') !== publicRoute) return true;
    return super.handleRequest(props);
  }
}
