import type { Request } from 'express';

export const SESSION_COOKIE = 'gdpm_session';
/** Cookie-authenticated requests that change state must carry this header (see isCsrfSafe). */
export const CSRF_HEADER = 'x-requested-with';

export interface Credentials {
  token: string;
  via: 'bearer' | 'cookie';
}

/** A Bearer header wins over the session cookie. */
export function credentialsOf(req: Request): Credentials | null {
  const auth = req.headers.authorization;
  if (auth !== undefined) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    return { token: m ? m[1] : '', via: 'bearer' };
  }
  const cookie = (req.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
  return cookie ? { token: cookie, via: 'cookie' } : null;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence for the session cookie (Bearer requests are not CSRF-prone: a browser never adds the header
 * by itself). The cookie is SameSite=Strict already; on top, a state-changing request must carry a custom
 * header, which another origin cannot send without a CORS preflight this service never grants, and an
 * Origin header, when present, must be this host.
 */
export function isCsrfSafe(req: Request): boolean {
  if (SAFE_METHODS.has(req.method)) return true;
  if (!req.headers[CSRF_HEADER]) return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}
