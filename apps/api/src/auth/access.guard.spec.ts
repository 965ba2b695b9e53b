import { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { UsersService } from '../users/users.service';
import type { CredentialThrottle } from './credential-throttle';
import type { SessionsService } from './sessions.service';
import { AccessDeniedError, NotAuthenticatedError } from './auth.errors';
import { AccessGuard } from './access.guard';
import { Allow, Public, RequestWithActor } from './access.decorators';
import type { Principal } from './principal';

const caseworker: Principal = { id: 'u1', name: 'cw', role: 'caseworker', parkId: null };
const TOKEN = 'good-token';
const SESSION = 'live-session-id';

class Routes {
  @Public() open() {}
  @Allow((u) => u.role === 'caseworker') casework() {}
  forgotten() {}
}

function contextFor(handler: keyof Routes, req: Partial<RequestWithActor>): ExecutionContext {
  const request = { method: 'GET', headers: {}, cookies: {}, ...req } as RequestWithActor;
  return {
    getType: () => 'http',
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

describe(AccessGuard.name, () => {
  const users = {
    authenticate: jest.fn(async (t: string) => (t === TOKEN ? caseworker : null)),
  } as unknown as UsersService;
  const sessions = {
    resolve: jest.fn(async (id: string) => (id === SESSION ? caseworker : null)),
  } as unknown as SessionsService;
  const throttle = {
    beforeHashCheck: jest.fn(async () => undefined),
    afterFailure: jest.fn(async () => undefined),
  } as unknown as CredentialThrottle;
  const sut = new AccessGuard(new Reflector(), users, sessions, throttle);
  const bearer = { headers: { authorization: `Bearer ${TOKEN}` } };

  it('lets anyone through a @Public() route, as the anonymous company when no token is sent', async () => {
    const ctx = contextFor('open', {});
    await expect(sut.canActivate(ctx)).resolves.toBe(true);
    expect(ctx.switchToHttp().getRequest<RequestWithActor>().actor).toBeNull();
  });

  it('applies the @Allow rule: 401 without a token, 403 when the rule refuses, through when it accepts', async () => {
    await expect(sut.canActivate(contextFor('casework', {}))).rejects.toBeInstanceOf(NotAuthenticatedError);
    await expect(sut.canActivate(contextFor('casework', bearer))).resolves.toBe(true);
    (users.authenticate as jest.Mock).mockResolvedValueOnce({ ...caseworker, role: 'admin' });
    await expect(sut.canActivate(contextFor('casework', bearer))).rejects.toBeInstanceOf(AccessDeniedError);
  });

  it('closes a route that has neither @Public() nor @Allow() to everyone', async () => {
    await expect(sut.canActivate(contextFor('forgotten', {}))).rejects.toBeInstanceOf(NotAuthenticatedError);
    await expect(sut.canActivate(contextFor('forgotten', bearer))).rejects.toBeInstanceOf(AccessDeniedError);
  });

  it('refuses a bad Bearer token with 401 even on a public route, and counts the failed check', async () => {
    await expect(
      sut.canActivate(contextFor('open', { headers: { authorization: 'Bearer nope' } })),
    ).rejects.toBeInstanceOf(NotAuthenticatedError);
    expect(throttle.afterFailure).toHaveBeenCalled();
  });

  it('takes the session cookie as a session id, never as a token: a token in the cookie is refused', async () => {
    const asCookie = (value: string) => contextFor('casework', { cookies: { gdpm_session: value } });
    await expect(sut.canActivate(asCookie(SESSION))).resolves.toBe(true);
    await expect(sut.canActivate(asCookie(TOKEN))).rejects.toBeInstanceOf(NotAuthenticatedError);
  });

  it('refuses a cookie-authenticated POST without X-Requested-With (CSRF) on a private route, and ignores the cookie on a public one', async () => {
    const cookie = { method: 'POST', cookies: { gdpm_session: SESSION } };
    await expect(sut.canActivate(contextFor('casework', cookie))).rejects.toBeInstanceOf(AccessDeniedError);
    const open = contextFor('open', cookie);
    await expect(sut.canActivate(open)).resolves.toBe(true);
    expect(open.switchToHttp().getRequest<RequestWithActor>().actor).toBeNull();
    await expect(
      sut.canActivate(contextFor('casework', { ...cookie, headers: { 'x-requested-with': 'fetch', host: 'h' } })),
    ).resolves.toBe(true);
  });
});
