import { Body, Controller, Delete, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CookieOptions, Request, Response } from 'express';
import { AppConfig, APP_CONFIG } from '../config/app-config';
import { UsersService } from '../users/users.service';
import { Allow, CurrentUser, Public } from './access.decorators';
import { AccessDeniedError, NotAuthenticatedError } from './auth.errors';
import { CredentialThrottle } from './credential-throttle';
import { isCsrfSafe, SESSION_COOKIE } from './credentials';
import { CreateSessionDto } from './dto/session.dto';
import { ApiEmptyResponse, ApiErrors, ApiJsonResponse, BODY_ERRORS } from '../openapi/api-responses';
import type { Principal } from './principal';
import { SessionsService } from './sessions.service';

/**
 * Sign-in for the web pages: the token is checked once and a server-side session starts; the HttpOnly,
 * SameSite=Strict cookie holds the session id, never the token, so page scripts never hold either. Signing out
 * deletes the session. API clients skip this and send `Authorization: Bearer <token>`.
 */
@ApiTags('access')
@Controller('api/session')
export class SessionController {
  constructor(
    private readonly users: UsersService,
    private readonly sessions: SessionsService,
    private readonly throttle: CredentialThrottle,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post()
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with a token: sets the session cookie (send X-Requested-With)' })
  @ApiBody({ type: CreateSessionDto })
  @ApiJsonResponse(200, 'Principal', 'Signed in: the user the token belongs to; the session cookie is set')
  @ApiErrors([...BODY_ERRORS, 429, 500], {
    401: 'Invalid or revoked token',
    403: 'Send the X-Requested-With header (login CSRF)',
  })
  async signIn(
    @Body() { token }: CreateSessionDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Principal> {
    // Login CSRF: another site must not sign a browser in under its own token.
    if (!isCsrfSafe(req)) throw new AccessDeniedError('csrf-header-missing', 'send the X-Requested-With header');
    const user = await this.users.authenticate(token, (userId) => this.throttle.beforeHashCheck(req, userId));
    if (!user) {
      await this.throttle.afterFailure(req);
      throw new NotAuthenticatedError('invalid-token', 'invalid or revoked token');
    }
    const { sessionId } = await this.sessions.start(user.id);
    res.cookie(SESSION_COOKIE, sessionId, { ...this.cookieOptions(req), maxAge: this.sessions.ttlSeconds * 1000 });
    return user;
  }

  @Get()
  @Allow(() => true)
  @ApiOperation({ summary: 'Who is signed in (401 when nobody)' })
  @ApiJsonResponse(200, 'Principal', 'The signed-in user')
  @ApiErrors([401, 403, 429, 500])
  whoAmI(@CurrentUser() user: Principal): Principal {
    return user;
  }

  @Delete()
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out: ends the session server-side and clears the cookie' })
  @ApiEmptyResponse(204, 'Signed out: the old cookie no longer works anywhere')
  @ApiErrors([401, 429, 500])
  async signOut(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    const sessionId = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    if (sessionId) await this.sessions.end(sessionId);
    res.clearCookie(SESSION_COOKIE, this.cookieOptions(req));
  }

  /**
   * Secure when the request came over HTTPS, or always under TRUST_PROXY (a TLS-terminating proxy in front: the
   * browser's side is HTTPS even when the proxy forgets X-Forwarded-Proto).
   */
  private cookieOptions(req: Request): CookieOptions {
    return { httpOnly: true, sameSite: 'strict', secure: req.secure || !!this.config.trustProxy, path: '/' };
  }
}
