import { Inject, Injectable } from '@nestjs/common';
import { InjectThrottlerStorage, normalizeIp, ThrottlerException, ThrottlerStorage } from '@nestjs/throttler';
import type { Request } from 'express';
import { AppConfig, APP_CONFIG } from '../config/app-config';

export const TOO_MANY_CHECKS = 'too many failed sign-in attempts: wait and try again';

/** Set on a request whose token check has already been counted (so a failure is not counted twice). */
const COUNTED = Symbol('credential-check-counted');
type CountedRequest = Request & { [COUNTED]?: true };

/**
 * The rate limit of token checks, kept in the throttler's storage (memory, or Redis with REDIS_URL, so every
 * instance sees the same counts). A token this process has not verified lately counts against the user id it
 * claims and against the client address BEFORE it is read or hashed; a cheap failure (malformed token, unknown
 * session) counts against the address. Past CREDENTIAL_THROTTLE_LIMIT per THROTTLE_TTL_SECONDS for a user id
 * (5× that for an address) the answer is 429 without any argon2 work, so a flood of wrong secrets for one user id
 * cannot queue up behind that user's real requests — which skip this check altogether (a token verified lately, or
 * a session cookie: no hashing at all).
 */
@Injectable()
export class CredentialThrottle {
  /** Per claimed user id; per client address 5× that (an office's people share one address). */
  private readonly limit: number;
  private readonly ttlMs: number;
  /** Keys the storage said are blocked, and until when (ms): a local short cut, never the only record. */
  private readonly blocked = new Map<string, number>();

  constructor(
    @InjectThrottlerStorage() private readonly storage: ThrottlerStorage,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.limit = config.userThrottle.credentialLimit;
    this.ttlMs = config.throttle.ttlSeconds * 1000;
  }

  /** Before a token not verified lately is looked up and hashed; throws ThrottlerException (429) when over. */
  async beforeHashCheck(req: Request, claimedUserId: string): Promise<void> {
    (req as CountedRequest)[COUNTED] = true;
    await this.count(req, [`user:${claimedUserId}`, `ip:${clientAddress(req)}`]);
  }

  /** After a failed check that was not counted before it; throws ThrottlerException (429) when over. */
  async afterFailure(req: Request): Promise<void> {
    if ((req as CountedRequest)[COUNTED]) return;
    await this.count(req, [`ip:${clientAddress(req)}`]);
  }

  /**
   * Seconds to wait when a key of this request is known (here, from an earlier answer of the storage) to be blocked:
   * lets CredentialFloodMiddleware answer 429 before any routing, parsing or database work.
   */
  blockedFor(claimedUserId: string | null, req: Request): number | null {
    const now = Date.now();
    let until = 0;
    for (const key of [claimedUserId && `user:${claimedUserId}`, `ip:${clientAddress(req)}`]) {
      const blockedUntil = key ? this.blocked.get(key) : undefined;
      if (blockedUntil === undefined) continue;
      if (blockedUntil <= now) this.blocked.delete(key as string);
      else until = Math.max(until, blockedUntil);
    }
    return until > now ? Math.ceil((until - now) / 1000) : null;
  }

  private async count(req: Request, keys: string[]): Promise<void> {
    const limitOf = (key: string) => (key.startsWith('ip:') ? this.limit * 5 : this.limit);
    const records = await Promise.all(
      keys.map((key) =>
        this.storage.increment(`credentials:${key}`, this.ttlMs, limitOf(key), this.ttlMs, 'credentials'),
      ),
    );
    const blocked = records.filter((r) => r.isBlocked);
    if (blocked.length === 0) return;
    records.forEach((r, i) => r.isBlocked && this.remember(keys[i], r.timeToBlockExpire));
    req.res?.setHeader('Retry-After', Math.max(...blocked.map((r) => r.timeToBlockExpire)));
    // The framework's own 429 (same body as the other rate limits); the exception filter keeps its status.
    throw new ThrottlerException(TOO_MANY_CHECKS);
  }

  private remember(key: string, seconds: number): void {
    if (this.blocked.size >= MAX_REMEMBERED_BLOCKS) this.blocked.delete(this.blocked.keys().next().value!);
    this.blocked.set(key, Date.now() + seconds * 1000);
  }
}

/** At most this many blocked keys are remembered locally (the storage keeps the authoritative count). */
const MAX_REMEMBERED_BLOCKS = 10_000;

/** The client's address as the rate limits see it (X-Forwarded-For only under TRUST_PROXY), IPv6 by its /64 subnet. */
export function clientAddress(req: Request): string {
  return normalizeIp(req.ip ?? req.socket?.remoteAddress ?? 'unknown');
}
