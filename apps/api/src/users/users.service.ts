import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import * as argon2 from 'argon2';
import { hasControlCharacter } from '@app/engine';
import { Repository } from 'typeorm';
import { Principal, Role, ROLES } from '../auth/principal';
import { UserEntity } from './user.entity';
import { UserError } from './users.errors';
import { formatToken, newSecret, parseToken, VerifiedTokenCache } from './user-token';

/**
 * argon2id at OWASP's minimum (19 MiB, 2 passes): the secret is 256 random bits, so the hash guards a stolen
 * database, not a guessable password; heavier settings would only make each verification a bigger target.
 */
const HASH_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
/**
 * One argon2 verification at a time: wrong secrets sent in bulk queue up instead of exhausting memory or the CPU, and
 * libuv's other threads stay free for SQLite and the file system (argon2 runs there too). A real user pays argon2 once
 * per token and process (VerifiedTokenCache); the rate limit of token checks keeps the queue short.
 */
const MAX_CONCURRENT_VERIFICATIONS = 1;

export interface NewUser {
  name: string;
  role: string;
  parkId?: string | null;
}

export interface UserView {
  id: string;
  name: string;
  role: Role;
  parkId: string | null;
  createdAt: string;
  revokedAt: string | null;
}

/** `POST /api/users`: the new user, and its token (shown this once; only its hash is stored). */
export interface CreatedUser {
  user: UserView;
  token: string;
}

/** Users and their tokens. The CLI (`users create|revoke|list`), the admin endpoints and the tests all use this. */
@Injectable()
export class UsersService {
  private readonly verified = new VerifiedTokenCache();
  private readonly verifySlots = new Semaphore(MAX_CONCURRENT_VERIFICATIONS);

  constructor(@InjectRepository(UserEntity) private readonly repo: Repository<UserEntity>) {}

  /** Creates the user and returns its token: shown this once, stored only as an argon2id hash. */
  async create(input: NewUser): Promise<CreatedUser> {
    const { name, role, parkId } = checkNewUser(input);
    if (await this.repo.existsBy({ name }))
      throw new UserError('name-taken', `a user named "${name}" already exists`, 'name');
    const secret = newSecret();
    const entity = this.repo.create({
      id: randomUUID(),
      name,
      role,
      parkId,
      tokenHash: await argon2.hash(secret, HASH_OPTIONS),
      createdAt: new Date().toISOString(),
      revokedAt: null,
    });
    await this.repo.insert(entity);
    return { user: toUserView(entity), token: formatToken(entity.id, secret) };
  }

  /** Revokes by name or id. Takes effect on the next request, in every process: each request reads revokedAt. */
  async revoke(nameOrId: string): Promise<UserView> {
    const user = await this.repo.findOneBy([{ name: nameOrId }, ...(isUuid(nameOrId) ? [{ id: nameOrId }] : [])]);
    if (!user) throw new UserError('user-not-found', `no user "${nameOrId}"`);
    if (!user.revokedAt) {
      user.revokedAt = new Date().toISOString();
      await this.repo.update({ id: user.id }, { revokedAt: user.revokedAt });
    }
    this.verified.forgetUser(user.id);
    return toUserView(user);
  }

  async list(): Promise<UserView[]> {
    return (await this.repo.find({ order: { createdAt: 'ASC', name: 'ASC' } })).map(toUserView);
  }

  /** Whether this process verified the token lately (a SHA-256 lookup: no database read, no argon2). */
  isVerified(token: string): boolean {
    const parsed = parseToken(token);
    return !!parsed && this.verified.has(token, parsed.userId);
  }

  /**
   * The user a token belongs to, or null (malformed, unknown, revoked, wrong secret: the caller cannot tell which).
   * `beforeHashCheck` runs before anything is read for a token this process has not verified lately (the rate limit
   * of token checks: it may throw), so a flood of wrong secrets is refused before it costs a database read or argon2.
   */
  async authenticate(
    token: string,
    beforeHashCheck?: (claimedUserId: string) => Promise<void>,
  ): Promise<Principal | null> {
    const parsed = parseToken(token);
    if (!parsed) return null;
    const known = this.verified.has(token, parsed.userId);
    if (!known) await beforeHashCheck?.(parsed.userId);
    const user = await this.repo.findOneBy({ id: parsed.userId });
    if (!user || user.revokedAt) return null;
    if (!known) {
      if (!(await this.verifySlots.run(() => argon2.verify(user.tokenHash, parsed.secret)))) return null;
      this.verified.add(token, user.id);
    }
    return toPrincipal(user);
  }

  /** The user behind a web session (no secret to check: the session store vouches), or null if unknown or revoked. */
  async principalById(id: string): Promise<Principal | null> {
    const user = await this.repo.findOneBy({ id });
    return user && !user.revokedAt ? toPrincipal(user) : null;
  }
}

const toPrincipal = (user: UserEntity): Principal => ({
  id: user.id,
  name: user.name,
  role: user.role,
  parkId: user.parkId,
});

function checkNewUser(input: NewUser): { name: string; role: Role; parkId: string | null } {
  const name = input.name?.trim();
  if (!name || name.length > 100) throw new UserError('invalid-user', 'name must be 1 to 100 characters', 'name');
  // The CLI reaches here without the API's input guard; PostgreSQL refuses NUL in text.
  if (hasControlCharacter(name))
    throw new UserError('invalid-user', 'name must not contain control characters', 'name');
  if (!(ROLES as readonly string[]).includes(input.role)) {
    throw new UserError('invalid-user', `role must be one of: ${ROLES.join(', ')}`, 'role');
  }
  const role = input.role as Role;
  const parkId = input.parkId?.trim() || null;
  if (role === 'park-admin' && !parkId)
    throw new UserError('invalid-user', 'a park-admin needs --park <parkId>', 'parkId');
  if (role !== 'park-admin' && parkId)
    throw new UserError('invalid-user', 'only a park-admin is bound to a park', 'parkId');
  if (parkId && parkId.length > 100)
    throw new UserError('invalid-user', 'parkId must be at most 100 characters', 'parkId');
  if (parkId && hasControlCharacter(parkId))
    throw new UserError('invalid-user', 'parkId must not contain control characters', 'parkId');
  return { name, role, parkId };
}

/** A counting semaphore: a finishing task hands its slot straight to the next waiter. */
class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly size: number) {}

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active < this.size) this.active++;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

export function toUserView(e: UserEntity): UserView {
  return { id: e.id, name: e.name, role: e.role, parkId: e.parkId, createdAt: e.createdAt, revokedAt: e.revokedAt };
}
