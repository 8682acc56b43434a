import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { findSession, setUserLanguage, type SessionViewer } from '../../identity/sessions';
import type { PortalEnv } from '../env';
import { isLanguage } from '../../lib/language';
import { uiFor } from '../i18n/ui';
import { readLangCookie, readSessionCookie, writeLangCookie } from './cookies';
import { renderCsrfRejected } from '../views/errors';
import type { Language } from '../../lib/language';

/**
 * Language for this request: `?lang=` (remembered in a cookie, and on the user once signed in),
 * then the signed-in user's choice, then the cookie, then French.
 */
export const withUi: MiddlewareHandler<PortalEnv> = async (c, next) => {
  const asked = c.req.query('lang');
  if (isLanguage(asked)) writeLangCookie(c, asked);
  const cookie = readLangCookie(c);
  c.set('ui', uiFor(isLanguage(asked) ? asked : isLanguage(cookie) ? cookie : 'fr'));
  await next();
};

/** A signed-in person or a redirect to the sign-in page that brings them back here. */
export const requireViewer: MiddlewareHandler<PortalEnv> = async (c, next) => {
  const db = c.get('deps').db;
  const viewer = await findSession(db, readSessionCookie(c));
  if (!viewer) {
    const url = new URL(c.req.url);
    const back = c.req.method === 'GET' ? `?next=${encodeURIComponent(url.pathname + url.search)}` : '';
    return c.redirect(`/login${back}`, c.req.method === 'GET' ? 302 : 303);
  }
  await attachViewer(c, viewer);
  await next();
};

/** The signed-in person, when there is one, with nothing refused (pages that anyone may see). */
export const optionalViewer: MiddlewareHandler<PortalEnv> = async (c, next) => {
  const viewer = await findSession(c.get('deps').db, readSessionCookie(c));
  if (viewer) await attachViewer(c, viewer);
  await next();
};

/** Who is looking, in their language (a `?lang=` is remembered on them), and their CRM scope. */
async function attachViewer(c: Context<PortalEnv>, viewer: SessionViewer) {
  const db = c.get('deps').db;
  const asked = c.req.query('lang');
  let lang: Language = viewer.language;
  if (isLanguage(asked)) {
    lang = asked;
    if (asked !== viewer.language) await setUserLanguage(db, viewer.userId, asked);
  }
  c.set('viewer', { ...viewer, language: lang });
  c.set('ui', uiFor(lang));
  c.set('crm', { db, jobs: c.get('deps').jobs, workspaceId: viewer.workspaceId, actor: { type: 'user', id: viewer.userId }, role: viewer.role });
  c.get('log').setBindings?.({ userId: viewer.userId, workspaceId: viewer.workspaceId });
}

/** Constant-time equality of two secrets (the CSRF tokens). */
export const sameToken = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** Every state-changing request carries the session's CSRF token (form field or header). */
export const requireCsrf: MiddlewareHandler<PortalEnv> = async (c, next) => {
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
    let token = c.req.header('x-csrf-token');
    if (!token) {
      const type = c.req.header('content-type') ?? '';
      if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) {
        const body = await c.req.parseBody();
        token = typeof body._csrf === 'string' ? body._csrf : undefined;
      }
    }
    if (!token || !sameToken(token, c.get('viewer').csrf)) return renderCsrfRejected(c);
  }
  await next();
};
