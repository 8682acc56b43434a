import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

import { SESSION_DAYS } from '../../identity/sessions';
import type { Language } from '../../lib/language';

export const SESSION_COOKIE = 'relais_session';
export const LANG_COOKIE = 'relais_lang';
/** the sign-in form's own CSRF secret, before any session exists (double submit, SameSite=Strict) */
export const LOGIN_CSRF_COOKIE = 'relais_login';

// Secure only when the public URL is https: a plain-http localhost must still be able to sign in.
const secure = (c: Context) => c.get('deps').config.publicUrl.startsWith('https:');

export function readSessionCookie(c: Context) {
  return getCookie(c, SESSION_COOKIE);
}

export function writeSessionCookie(c: Context, value: string) {
  setCookie(c, SESSION_COOKIE, value, { path: '/', httpOnly: true, sameSite: 'Lax', secure: secure(c), maxAge: SESSION_DAYS * 86_400 });
}

export function clearSessionCookie(c: Context) {
  deleteCookie(c, SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'Lax', secure: secure(c) });
}

export function readLangCookie(c: Context): string | undefined {
  return getCookie(c, LANG_COOKIE);
}

export function writeLangCookie(c: Context, lang: Language) {
  setCookie(c, LANG_COOKIE, lang, { path: '/', httpOnly: true, sameSite: 'Lax', secure: secure(c), maxAge: 365 * 86_400 });
}

/** The sign-in form's secret: kept while it is there, so two sign-in tabs both work. */
export function loginCsrfFor(c: Context): string {
  const current = getCookie(c, LOGIN_CSRF_COOKIE);
  if (current && /^[A-Za-z0-9_-]{43}$/.test(current)) return current;
  const value = randomBytes(32).toString('base64url');
  setCookie(c, LOGIN_CSRF_COOKIE, value, { path: '/login', httpOnly: true, sameSite: 'Strict', secure: secure(c), maxAge: 3600 });
  return value;
}

export function readLoginCsrfCookie(c: Context): string | undefined {
  return getCookie(c, LOGIN_CSRF_COOKIE);
}

export function clearLoginCsrfCookie(c: Context) {
  deleteCookie(c, LOGIN_CSRF_COOKIE, { path: '/login', httpOnly: true, sameSite: 'Strict', secure: secure(c) });
}
