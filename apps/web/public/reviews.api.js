/**
 * fetch for the caseworker pages. The session is an HttpOnly cookie the browser sends by itself; every
 * request carries X-Requested-With, which the server requires of cookie-authenticated changes (CSRF).
 */
import { getLang } from './reviews.i18n.js';

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message ? String(body.message) : `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

export async function api(path, { method = 'GET', body, lang = true } = {}) {
  const url = lang ? `${path}${path.includes('?') ? '&' : '?'}lang=${getLang()}` : path;
  const res = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers: {
      'X-Requested-With': 'fetch',
      Accept: 'application/json',
      ...(body ? { 'Content-Type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  const data = text ? JSON.parse(text) : null;
  if (!res.ok) throw new ApiError(res.status, data);
  return data;
}

/** Sends the browser to the sign-in page, to come back here afterwards. */
export function toSignIn() {
  const next = location.pathname.replace(/^\//, '') + location.hash;
  location.assign(`signin.html?next=${encodeURIComponent(next)}`);
}

/** Who is signed in, or null. */
export async function currentUser() {
  try {
    return await api('/api/session', { lang: false });
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) return null;
    throw e;
  }
}

export async function signOut() {
  await api('/api/session', { method: 'DELETE', lang: false });
}
