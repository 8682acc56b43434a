import { Hono, type Context } from 'hono';
import { createSession, deleteSession, findSession, setUserLanguage } from '../../identity/sessions';
import { spendToken, verifyToken } from '../../identity/tokens';
import type { PortalEnv } from '../env';
import { isLanguage } from '../../lib/language';
import { clearSessionCookie, readLangCookie, readSessionCookie, writeSessionCookie } from '../session/cookies';
import { safeNext } from '../session/next';
import { renderPublic } from '../views/render';
import { Flash } from '../views/ui';

type Notice = 'invalid' | 'used' | 'signedOut' | 'required' | null;

function SignIn({ c, notice, next }: { c: Context<PortalEnv>; notice: Notice; next: string }) {
  const { t } = c.get('ui');
  return (
    <section class="signin">
      <h1>{t('login.title')}</h1>
      <p class="intro">{t('login.intro')}</p>
      {notice === 'invalid' || notice === 'used' ? <Flash kind="error" text={t(`login.${notice}`)} /> : null}
      {notice === 'signedOut' ? <Flash text={t('login.signedOut')} /> : null}
      {notice === 'required' ? <Flash kind="warn" text={t('login.required')} /> : null}
      <h2>{t('login.how')}</h2>
      <ul class="steps">
        <li>{t('login.first')}</li>
        <li>{t('login.cli')}</li>
      </ul>
      <form method="get" action="/login" class="stack">
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
  return renderPublic(c, { title: c.get('ui').t('login.title'), status }, <SignIn c={c} notice={notice} next={next} />);
}

export const authRoutes = new Hono<PortalEnv>()
  /**
   * Sign-in by link: a single-use login token (first start) or an API token. The token is
   * checked, a session row is created (only its secret's hash is stored) and the browser is
   * sent on with an HttpOnly cookie — never back to another site.
   */
  .get('/login', async (c) => {
    const db = c.get('deps').db;
    const next = safeNext(c.req.query('next'));
    const token = c.req.query('token');
    c.header('referrer-policy', 'no-referrer');
    if (!token) {
      if (await findSession(db, readSessionCookie(c))) return c.redirect(next, 302);
      const notice: Notice = c.req.query('bye') ? 'signedOut' : c.req.query('next') ? 'required' : null;
      return showSignIn(c, notice, next);
    }
    const principal = await verifyToken(db, token.trim());
    if (!principal) return showSignIn(c, 'invalid', next, 401);
    if (!(await spendToken(db, principal))) return showSignIn(c, 'used', next, 401);
    const session = await createSession(db, principal.workspaceId, principal.userId);
    // a language picked before signing in (?lang= on this page) becomes the user's choice
    const chosen = c.req.query('lang') ?? readLangCookie(c);
    if (isLanguage(chosen) && chosen !== principal.language) await setUserLanguage(db, principal.userId, chosen);
    writeSessionCookie(c, session.cookie);
    c.header('cache-control', 'no-store');
    return c.redirect(next, 302);
  })
  .post('/logout', async (c) => {
    await deleteSession(c.get('deps').db, c.get('viewer').sessionId);
    clearSessionCookie(c);
    return c.redirect('/login?bye=1', 303);
  });
