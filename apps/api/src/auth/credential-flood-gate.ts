import type { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { UsersService } from '../users/users.service';
import { CredentialThrottle, TOO_MANY_CHECKS } from './credential-throttle';
import { credentialsOf } from './credentials';

/**
 * The cheap way out for a flood of wrong secrets, installed first of all middleware: a Bearer token this process has
 * not verified lately, whose claimed user id or client address is already blocked, gets its 429 here — before
 * security headers, body parsing, routing, guards and the database. Tokens verified lately (the real user's) pass
 * through untouched; everything else is decided by AccessGuard and CredentialThrottle as before.
 */
export function credentialFloodGate(app: INestApplication) {
  const throttle = app.get(CredentialThrottle);
  const users = app.get(UsersService);
  return (req: Request, res: Response, next: NextFunction): void => {
    const credentials = credentialsOf(req);
    if (credentials?.via !== 'bearer' || users.isVerified(credentials.token)) return next();
    const dot = credentials.token.indexOf('.');
    const wait = throttle.blockedFor(dot > 0 ? credentials.token.slice(0, dot) : null, req);
    if (wait === null) return next();
    res.status(429).setHeader('Retry-After', wait);
    res.json({ message: TOO_MANY_CHECKS }); // the body the exception filter gives a ThrottlerException
  };
}
