import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThanOrEqual, Repository } from 'typeorm';
import { AppConfig, APP_CONFIG } from '../config/app-config';
import { UsersService } from '../users/users.service';
import { SessionEntity } from './entities/session.entity';
import type { Principal } from './principal';

/** A session id as we issue them: 256 random bits, base64url. Anything else is refused without a read. */
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

export interface StartedSession {
  /** Goes into the cookie; stored only as its SHA-256. */
  sessionId: string;
  expiresAt: Date;
}

/**
 * Web sessions kept server-side (table `sessions`), so signing out ends a session for good: a copy of the old
 * cookie replayed later finds no row and gets 401. The user row is read on each request too, so revoking a user
 * ends their sessions at once.
 */
@Injectable()
export class SessionsService {
  constructor(
    @InjectRepository(SessionEntity) private readonly repo: Repository<SessionEntity>,
    private readonly users: UsersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get ttlSeconds(): number {
    return this.config.sessionTtlSeconds;
  }

  async start(userId: string, now = new Date()): Promise<StartedSession> {
    // Expired rows go when someone signs in: the table holds live sessions and the last few hours' leftovers.
    await this.repo.delete({ expiresAt: LessThanOrEqual(now.toISOString()) });
    const sessionId = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + this.config.sessionTtlSeconds * 1000);
    await this.repo.insert({
      id: digest(sessionId),
      userId,
      createdAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
    });
    return { sessionId, expiresAt };
  }

  /** The signed-in user, or null for a malformed, unknown, ended or expired session or a revoked user. */
  async resolve(sessionId: string, now = new Date()): Promise<Principal | null> {
    if (!SESSION_ID.test(sessionId)) return null;
    const session = await this.repo.findOneBy({ id: digest(sessionId) });
    if (!session || session.expiresAt <= now.toISOString()) return null;
    return this.users.principalById(session.userId);
  }

  /** Signs out: the row goes, so the cookie is worthless even if a copy of it survives. */
  async end(sessionId: string): Promise<void> {
    if (SESSION_ID.test(sessionId)) await this.repo.delete({ id: digest(sessionId) });
  }
}

const digest = (sessionId: string) => createHash('sha256').update(sessionId).digest('hex');
