import { Hono, type Context } from 'hono';
import { createSession, deleteSession, findSession, setUserLanguage, type SessionViewer } from '../../identity/sessions';
import { checkSignInToken, spendToken, type Principal } from '../../identity/tokens';
import type { PortalEnv } from '../env';
import { isLanguage } from '../../lib/language';
import { formStrings, type RawForm } from '../forms/values';
import { clearLoginCsrfCookie, clearSessionCookie, loginCsrfFor, readLangCookie, readLoginCsrfCookie, readSessionCookie, writeSessionCookie } from '../session/cookies';
import { sameToken } from '../session/middleware';
import { safeNext } from '../session/next';
import { renderPublic } from '../views/render';
import { Flash } from '../views/ui';

type Notice = 'invalid' | 'used' | 'expired' | 'signedOut' | 'required' | null;

function SignIn({ c, notice, next, csrf }: { c: Context<PortalEnv>; notice: Notice; next: string; csrf: string }) {
  const { t } = c.get('ui');
  return (
    <section class="signin">
      <h1>{t('login.title')}</h1>
      <p class="intro">{t('login.intro')}</p>
      {notice === 'invalid' || notice === 'used' || notice === 'expired' ? <Flash kind="error" text={t(`login.${notice}`)} /> : null}
      {notice === 'signedOut' ? <Flash text={t('login.signedOut')} /> : null}
      {notice === 'required' ? <Flash kind="warn" text={t('login.required')} /> : null}
      <h2>{t('login.how')}</h2>
      <ul class="steps">
        <li>{t('login.first')}</li>
        <li>{t('login.cli')}</li>
      </ul>
      <form method="post" action="/login" class="stack">
        <input type="hidden" name="_csrf" value={csrf} />
        {next !== '/' ? <input type="hidden" name="next" value={next} /> : null}
        <div class="field">
          <label for="f-token">{t('login.tokenLabel')}</label>
          <input id="f-token" name="token" type="password" autocomplete="off" spellcheck={false} required />
        </div>
        <button type="submit">{t('login.submit')}</button>
      </form>
    </section>
  );
}

function showSignIn(c: Context<PortalEnv>, notice: Notice, next: string, status: 200 | 401 = 200) {
  c.header('cache-control', 'no-store');
  return renderPublic(c, { title: c.get('ui').t('login.title'), status }, <SignIn c={c} notice={notice} next={next} csrf={loginCsrfFor(c)} />);
}

type Opening = { principal: Principal; workspaceName: string };

/**
 * Whose account and which workspace a link opens, said before anything happens (a link someone
 * else made would otherwise sign the visitor into their workspace), and the one button that signs in.
 */
function ConfirmSignIn(p: { c: Context<PortalEnv>; opening: Opening; token: string; next: string; current: SessionViewer | null; retry: boolean; csrf: string }) {
  const { t, quote } = p.c.get('ui');
  const { principal, workspaceName } = p.opening;
  const other = p.current && (p.current.userId !== principal.userId || p.current.workspaceId !== principal.workspaceId) ? p.current : null;
  return (
    <section class="signin" data-confirm-signin>
      <h1>{t('login.confirm.title')}</h1>
      {p.retry ? <Flash kind="warn" text={t('login.confirm.retry')} /> : null}
      <p class="intro" data-opens={principal.workspaceId}>
        {t('login.confirm.intro', { name: principal.displayName, workspace: quote(workspaceName) })}
      </p>
      {other ? <Flash kind="warn" text={t('login.confirm.other', { name: other.displayName, workspace: quote(other.workspaceName) })} /> : null}
      <p class="hint">{t('login.confirm.check')}</p>
      <form method="post" action="/login" class="stack">
        <input type="hidden" name="_csrf" value={p.csrf} />
        <input type="hidden" name="token" value={p.token} />
        {p.next !== '/' ? <input type="hidden" name="next" value={p.next} /> : null}
        <div class="form-actions">
          <button type="submit" class="primary">
            {t('login.confirm.submit', { name: principal.displayName })}
          </button>
          <a class="button quiet" href={other ? '/' : '/login'}>
            {t('login.confirm.cancel')}
          </a>
        </div>
      </form>
    </section>
  );
}

function showConfirm(c: Context<PortalEnv>, opening: Opening, token: string, next: string, current: SessionViewer | null, retry = false) {
  c.header('cache-control', 'no-store');
  return renderPublic(
    c,
    { title: c.get('ui').t('login.confirm.title'), status: retry ? 403 : 200 },
    <ConfirmSignIn c={c} opening={opening} token={token} next={next} current={current} retry={retry} csrf={loginCsrfFor(c)} />,
  );
}

/**
 * A sign-in form comes from our own page: the browser says so (Origin, Sec-Fetch-Site) when it can,
 * and the form carries the secret of a SameSite=Strict cookie that another site can neither read nor send.
 */
function fromOurPage(c: Context<PortalEnv>, posted: string | undefined): boolean {
  if (c.req.header('sec-fetch-site') === 'cross-site') return false;
  const origin = c.req.header('origin');
  if (origin && origin !== 'null') {
    let host: string;
    try {
      host = new URL(origin).host;
    } catch {
      return false;
    }
    const ours = [new URL(c.req.url).host, new URL(c.get('deps').config.publicUrl).host];
    if (!ours.includes(host)) return false;
  }
  const cookie = readLoginCsrfCookie(c);
  return Boolean(posted && cookie && sameToken(posted, cookie));
}

export const authRoutes = new Hono<PortalEnv>()
  /**
   * A sign-in link (a one-time login link, or an API token) only shows whose account and which
   * workspace it opens: nothing is spent and no session changes on a GET, which any site can make
   * a browser do. Signing in is the POST of that page's button.
   */
  .get('/login', async (c) => {
    const db = c.get('deps').db;
    const next = safeNext(c.req.query('next'));
    const token = c.req.query('token');
    c.header('referrer-policy', 'no-referrer');
    const current = await findSession(db, readSessionCookie(c));
    if (!token) {
      if (current) return c.redirect(next, 302);
      const notice: Notice = c.req.query('bye') ? 'signedOut' : c.req.query('next') ? 'required' : null;
      return showSignIn(c, notice, next);
    }
    const check = await checkSignInToken(db, token.trim());
    if (check.status !== 'ok') return showSignIn(c, check.status, next, 401);
    // already signed in as this very account: nothing to switch, nothing to spend
    if (current && current.userId === check.principal.userId && current.workspaceId === check.principal.workspaceId) return c.redirect(next, 302);
    return showConfirm(c, check, token.trim(), next, current);
  })
  /**
   * Sign in: from the confirmation page, or the sign-in page's own form (a token typed there).
   * The token is checked and spent, a session row is created (only its secret's hash is stored),
   * any session of another account in this browser ends, and the browser is sent on with an
   * HttpOnly cookie — never to another site.
   */
  .post('/login', async (c) => {
    const db = c.get('deps').db;
    const body = (await c.req.parseBody()) as RawForm;
    const v = formStrings(body);
    const posted = typeof body._csrf === 'string' ? body._csrf : undefined;
    const next = safeNext(v.next);
    const token = (v.token ?? '').trim();
    c.header('referrer-policy', 'no-referrer');
    if (!token) return showSignIn(c, 'invalid', next, 401);
    const check = await checkSignInToken(db, token);
    if (check.status !== 'ok') return showSignIn(c, check.status, next, 401);
    const current = await findSession(db, readSessionCookie(c));
    // a form another site made the browser post: ask again, on our page, with the account named
    if (!fromOurPage(c, posted)) return showConfirm(c, check, token, next, current, true);
    const { principal } = check;
    if (!(await spendToken(db, principal))) return showSignIn(c, 'used', next, 401);
    if (current) await deleteSession(db, current.sessionId);
    const session = await createSession(db, principal.workspaceId, principal.userId);
    // a language picked before signing in (?lang= on this page) becomes the user's choice
    const chosen = c.req.query('lang') ?? readLangCookie(c);
    if (isLanguage(chosen) && chosen !== principal.language) await setUserLanguage(db, principal.userId, chosen);
    writeSessionCookie(c, session.cookie);
    clearLoginCsrfCookie(c);
    c.header('cache-control', 'no-store');
    return c.redirect(next, 303);
  })
  .post('/logout', async (c) => {
    await deleteSession(c.get('deps').db, c.get('viewer').sessionId);
    clearSessionCookie(c);
    return c.redirect('/login?bye=1', 303);
  });
