import { ExecutionContext, Injectable } from '@nestjs/common';
import { normalizeIp, ThrottlerGuard, ThrottlerOptions, ThrottlerRequest } from '@nestjs/throttler';
import type { Request } from 'express';
import type { AppConfig } from '../config/app-config';
import { Access, ACCESS_KEY, RequestWithActor } from './access.decorators';
import { clientAddress } from './credential-throttle';

/** The request limits, all in the throttler's one storage (memory, or Redis with REDIS_URL). */
export function throttlers(config: AppConfig): ThrottlerOptions[] {
  const ttl = config.throttle.ttlSeconds * 1000;
  const acrossRoutes = (_: ExecutionContext, tracker: string, name: string) => `${name}:${tracker}`;
  return [
    // @Public() routes: per route and client address (an IPv6 address by its /64, as the throttler's default), THROTTLE_LIMIT.
    { name: 'anonymous', limit: config.throttle.limit, ttl, getTracker: clientSubnet, generateKey: perRoute },
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
 * The throttler's default key for a route and client, without its SHA-256: `anonymous:<Class>.<handler>:<address>`.
 * Hashing it was ~1% of POST /api/match's CPU; a key holds at most an IPv6 address, so its length stays bounded.
 */
function perRoute(context: ExecutionContext, tracker: string, name: string): string {
  return `${name}:${context.getClass().name}.${context.getHandler().name}:${tracker}`;
}

/** Client addresses seen lately, each with the throttler's normalised form (the same /64 default). */
const subnets = new Map<string, string>();
const SUBNETS_KEPT = 10_000;

/** The throttler's default tracker (normalizeIp of req.ip), remembered: parsing an IPv6 address was another 1%. */
function clientSubnet(req: Record<string, unknown>): Promise<string> {
  const ip = (req as unknown as Request).ip ?? '';
  let subnet = subnets.get(ip);
  if (subnet === undefined) {
    if (subnets.size >= SUBNETS_KEPT) subnets.clear();
    subnet = normalizeIp(ip) ?? ip;
    subnets.set(ip, subnet);
  }
  return Promise.resolve(subnet);
}

/**
 * Runs after AccessGuard (which resolves the user and rate-limits token checks itself): `anonymous` applies to
 * @Public() routes, `user` and `ip` to the routes behind a token, whose user is known by then.
 */
@Injectable()
export class RateLimitGuard extends ThrottlerGuard {
  /** Whether each handler is @Public(), read from its metadata once (it is asked once per throttler per request). */
  private readonly publicHandlers = new WeakMap<object, boolean>();

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    return context.getType() !== 'http';
  }

  protected override async handleRequest(props: ThrottlerRequest): Promise<boolean> {
    const handler = props.context.getHandler();
    let publicRoute = this.publicHandlers.get(handler);
    if (publicRoute === undefined) {
      const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS_KEY, [
        handler,
        props.context.getClass(),
      ]);
      publicRoute = access === 'public';
      this.publicHandlers.set(handler, publicRoute);
    }
    if ((props.throttler.name === 'anonymous') !== publicRoute) return true;
    return super.handleRequest(props);
  }
}
