import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

import { SESSION_DAYS } from '../../identity/sessions';
import type { Language } from '../../lib/language';

export const SESSION_COOKIE = 'relais_session';
export const LANG_COOKIE = 'relais_lang';

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
