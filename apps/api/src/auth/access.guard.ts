import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { UsersService } from '../users/users.service';
import { Access, ACCESS_KEY, RequestWithActor } from './access.decorators';
import { AccessDeniedError, NotAuthenticatedError } from './auth.errors';
import { CredentialThrottle } from './credential-throttle';
import { credentialsOf, isCsrfSafe } from './credentials';
import type { Actor } from './principal';
import { SessionsService } from './sessions.service';

/**
 * The one gate every route passes (registered as APP_GUARD). It resolves who is asking from a Bearer token
 * or the session cookie (a server-side session), then applies the route's rule: @Public(), or @Allow(policy rule). A route with
 * neither is closed to everyone — new endpoints are private until someone decides otherwise.
 * Per-object checks (this screening, this submission) are the policies' other functions, called by services.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly throttle: CredentialThrottle,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const req = context.switchToHttp().getRequest<RequestWithActor>();
    const access = this.reflector.getAllAndOverride<Access | undefined>(ACCESS_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    req.actor = await this.resolveActor(req, access === 'public');
    if (access === 'public') return true;
    if (!req.actor) throw new NotAuthenticatedError('not-signed-in', 'sign in first: Authorization: Bearer <token>');
    if (typeof access !== 'function' || !access(req.actor))
      throw new AccessDeniedError('role-forbidden', 'your role may not do this');
    return true;
  }

  private async resolveActor(req: RequestWithActor, publicRoute: boolean): Promise<Actor> {
    const credentials = credentialsOf(req);
    if (!credentials) return null;
    if (credentials.via === 'cookie') {
      // On a public route a cookie that fails the CSRF check or no longer works is simply not used: the
      // request goes on as the anonymous company (a signed-in caseworker can still use the company form).
      if (!isCsrfSafe(req)) {
        if (publicRoute) return null;
        throw new AccessDeniedError(
          'csrf-header-missing',
          'cookie-authenticated requests that change state need the X-Requested-With header',
        );
      }
      const user = await this.sessions.resolve(credentials.token);
      if (!user && !publicRoute) {
        await this.throttle.afterFailure(req);
        throw new NotAuthenticatedError('session-ended', 'your session has ended: sign in again');
      }
      return user;
    }
    const user = credentials.token
      ? await this.users.authenticate(credentials.token, (userId) => this.throttle.beforeHashCheck(req, userId))
      : null;
    if (!user) {
      await this.throttle.afterFailure(req);
      throw new NotAuthenticatedError('invalid-token', 'invalid or revoked token');
    }
    return user;
  }
}
