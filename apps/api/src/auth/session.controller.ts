import { Body, Controller, Delete, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { UsersService } from '../users/users.service';
import { Allow, CurrentUser, Public } from './access.decorators';
import { AccessDeniedError, NotAuthenticatedError } from './auth.errors';
import { isCsrfSafe, SESSION_COOKIE } from './credentials';
import { CreateSessionDto } from './dto/session.dto';
import { ApiEmptyResponse, ApiErrors, ApiJsonResponse, BODY_ERRORS } from '../openapi/api-responses';
import type { Principal } from './principal';

const EIGHT_HOURS_MS = 8 * 60 * 60 * 1000;

/**
 * Sign-in for the web pages: the token goes into an HttpOnly, SameSite=Strict cookie, so page scripts never
 * hold it. API clients skip this and send `Authorization: Bearer <token>`.
 */
@ApiTags('access')
@Controller('api/session')
export class SessionController {
  constructor(private readonly users: UsersService) {}

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
    const user = await this.users.authenticate(token);
    if (!user) throw new NotAuthenticatedError('invalid-token', 'invalid or revoked token');
    res.cookie(SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'strict',
      secure: req.secure,
      path: '/',
      maxAge: EIGHT_HOURS_MS,
    });
    return user;
  }

  @Get()
  @Allow(() => true)
  @ApiOperation({ summary: 'Who is signed in (401 when nobody)' })
  @ApiJsonResponse(200, 'Principal', 'The signed-in user')
  @ApiErrors([401, 403, 500])
  whoAmI(@CurrentUser() user: Principal): Principal {
    return user;
  }

  @Delete()
  @Public()
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out: clears the session cookie' })
  @ApiEmptyResponse(204, 'Signed out')
  @ApiErrors([401, 429, 500])
  signOut(@Req() req: Request, @Res({ passthrough: true }) res: Response): void {
    res.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'strict', secure: req.secure, path: '/' });
  }
}
