import { createHash, randomBytes } from 'node:crypto';

/**
 * A token is `<userId>.<secret>`: the id finds the user row with one primary-key read, the 256-bit secret
 * is checked against its argon2id hash. Nothing else about the user is in the token, so revoking the row
 * revokes the token.
 */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function formatToken(userId: string, secret: string): string {
  return `${userId}.${secret}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SECRET = /^[A-Za-z0-9_-]{43}$/;

/** Null for anything that is not shaped like a token we issued: no database read, no argon2 for junk. */
export function parseToken(token: string): { userId: string; secret: string } | null {
  const dot = token.indexOf('.');
  if (dot < 0) return null;
  const userId = token.slice(0, dot);
  const secret = token.slice(dot + 1);
  return UUID.test(userId) && SECRET.test(secret) ? { userId, secret } : null;
}

/**
 * Remembers, for a short time, tokens argon2 has already accepted, so a signed-in caseworker's requests
 * do not each pay ~100 ms of argon2 (nor count against the rate limit of token checks) while they keep using it. Keyed by a SHA-256 of the token, so the memory never holds a token.
 * A hit only skips the hash check: the user row (and its revokedAt) is still read on every request.
 */
export class VerifiedTokenCache {
  private readonly entries = new Map<string, { userId: string; until: number }>();

  constructor(
    private readonly ttlMs = 60_000,
    private readonly maxEntries = 1000,
    private readonly now = () => Date.now(),
  ) {}

  has(token: string, userId: string): boolean {
    const key = digest(token);
    const hit = this.entries.get(key);
    if (!hit) return false;
    if (hit.until <= this.now() || hit.userId !== userId) {
      this.entries.delete(key);
      return false;
    }
    hit.until = this.now() + this.ttlMs; // sliding: a token in use stays verified (and its user out of the flood limit)
    return true;
  }

  add(token: string, userId: string): void {
    if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(digest(token), { userId, until: this.now() + this.ttlMs });
  }

  forgetUser(userId: string): void {
    for (const [key, entry] of this.entries) if (entry.userId === userId) this.entries.delete(key);
  }
}

const digest = (token: string) => createHash('sha256').update(token).digest('hex');
