import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../identity/tokens';
import { createTestContext, type TestContext } from '../test/support/context';
import { PageClient } from '../test/portal/page-client';

// Signing in by link (issue 10, points 8, 9, 12): a GET never signs anyone in, the POST comes from
// our page only, links end after 24 hours, and nothing sends the browser to another site.
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t?.close());

const loginLink = (workspaceId: string, userId: string) => issueToken(t.db.kysely, workspaceId, userId, 'login', 'test');
const tokenRow = (token: string) => {
  const hex = /^rl_([0-9a-f]{32})_/.exec(token)![1];
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return t.db.kysely.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
};
const sessionCookieSet = (res: { headers: Headers }) => res.headers.getSetCookie().some((c) => c.startsWith('relais_session=') && !/max-age=0/i.test(c));

describe('sign-in links ask before they sign in (login CSRF)', () => {
  it('a GET only says whose account and which workspace the link opens; the page’s button signs in', async () => {
    const token = await loginLink(t.a.id, t.a.memberId);
    const p = new PageClient(t);
    const page = await p.get(`/login?token=${token}&next=${encodeURIComponent('/deals?view=list')}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Confirmer la connexion');
    expect(page.html).toContain('Vous allez vous connecter à l’espace de travail «\u00a0Atelier A\u00a0» en tant que Atelier A member.');
    expect(page.html).toContain('Se connecter en tant que Atelier A member');
    expect(page.html).toContain('<form method="post" action="/login"');
    // nothing happened yet: no session, the link is not spent
    expect(sessionCookieSet(page)).toBe(false);
    expect((await tokenRow(token)).used_at).toBeNull();
    expect((await p.get('/deals')).status).toBe(302);
    // the login form's own secret: a Strict, HttpOnly cookie
    expect(page.headers.getSetCookie().find((c) => c.startsWith('relais_login='))).toMatch(/HttpOnly.*SameSite=Strict|SameSite=Strict.*HttpOnly/i);

    const res = await p.confirmSignIn(page.html);
    expect(res.status).toBe(303);
    expect(res.location).toBe('/deals?view=list');
    expect(sessionCookieSet(res)).toBe(true);
    expect((await tokenRow(token)).used_at).not.toBeNull();
    expect((await p.get('/deals')).status).toBe(200);
  });

  it('refuses a sign-in posted by another site: no cookie secret, or a browser that says cross-site', async () => {
    const token = await loginLink(t.a.id, t.a.adminId);
    // the attacker's own page: a form to /login with their token, auto-submitted in the victim's browser
    const victim = new PageClient(t);
    const forged = await victim.post('/login', { token, _csrf: 'A'.repeat(43) });
    expect(forged.status).toBe(403);
    expect(sessionCookieSet(forged)).toBe(false);
    expect((await tokenRow(token)).used_at).toBeNull();
    // instead, the account is named and the victim is asked
    expect(forged.html).toContain('Se connecter en tant que Atelier A admin');

    // even with the right secret, a browser saying the form came from elsewhere is refused
    const page = await victim.get(`/login?token=${token}`);
    const fields = PageClient.hiddenFields(page.html, '/login');
    for (const headers of [{ origin: 'https://evil.example' }, { 'sec-fetch-site': 'cross-site' }] as Record<string, string>[]) {
      const res = await victim.post('/login', fields, headers);
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(sessionCookieSet(res)).toBe(false);
    }
    expect((await tokenRow(token)).used_at).toBeNull();
    // from our page, it works
    const ok = await victim.post('/login', fields, { origin: 'http://localhost', 'sec-fetch-site': 'same-origin' });
    expect(ok.status).toBe(303);
  });

  it('says so when another account is signed in here, and replaces that session', async () => {
    const p = new PageClient(t);
    await p.signIn(t.a.id, t.a.adminId);
    const before = p.cookies.get('relais_session')!;
    const token = await loginLink(t.b.id, t.b.memberId);
    const page = await p.get(`/login?token=${token}`);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Vous êtes actuellement connecté en tant que Atelier A admin (espace «\u00a0Atelier A\u00a0»)');
    expect(page.html).toContain('«\u00a0Bureau B\u00a0» en tant que Bureau B member');
    // still the admin of A until the button is pressed
    expect(p.cookies.get('relais_session')).toBe(before);
    expect((await p.get('/settings')).html).toContain('Atelier A admin');

    const res = await p.confirmSignIn(page.html);
    expect(res.status).toBe(303);
    expect(p.cookies.get('relais_session')).not.toBe(before);
    expect((await p.get('/')).html).toContain('Bureau B member');
    // the previous session is over, not just forgotten by this browser
    const oldId = before.split('.')[0];
    const rows = await t.db.kysely.selectFrom('sessions').select('id').execute();
    expect(rows.map((r) => r.id.replace(/-/g, ''))).not.toContain(oldId);
  });

  it('opens straight away when it is the account already signed in (nothing to switch, nothing spent)', async () => {
    const p = new PageClient(t);
    await p.signIn(t.a.id, t.a.adminId);
    const token = await loginLink(t.a.id, t.a.adminId);
    const res = await p.get(`/login?token=${token}&next=%2Fdeals`);
    expect(res.status).toBe(302);
    expect(res.location).toBe('/deals');
    expect((await tokenRow(token)).used_at).toBeNull();
  });

  it('asks in English too', async () => {
    const token = await loginLink(t.a.id, t.a.memberId);
    const page = await new PageClient(t).get(`/login?token=${token}&lang=en`);
    expect(page.html).toContain('Confirm sign-in');
    expect(page.html).toContain('You are about to sign in to the workspace “Atelier A” as Atelier A member.');
    expect(page.html).toContain('Sign in as Atelier A member');
  });

  it('works for an API token too, and a token typed on the sign-in page signs in with its own form', async () => {
    const p = new PageClient(t);
    const page = await p.get(`/login?token=${t.a.memberToken}`);
    expect(page.html).toContain('Se connecter en tant que Atelier A member');
    expect((await p.confirmSignIn(page.html)).status).toBe(303);

    const typed = new PageClient(t);
    const signin = await typed.get('/login');
    const res = await typed.confirmSignIn(signin.html, { token: t.a.memberToken });
    expect(res.status).toBe(303);
    expect((await typed.get('/deals')).status).toBe(200);
  });
});

describe('sign-in links expire', () => {
  it('a one-time link works 24 hours, then says it expired', async () => {
    const token = await loginLink(t.a.id, t.a.memberId);
    const row = await tokenRow(token);
    expect((row.expires_at!.getTime() - row.created_at.getTime()) / 3_600_000).toBeCloseTo(24, 1);
    await t.db.kysely
      .updateTable('api_tokens')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', row.id)
      .execute();
    const p = new PageClient(t);
    const page = await p.get(`/login?token=${token}`);
    expect(page.status).toBe(401);
    expect(page.html).toContain('Ce lien de connexion a expiré');
    const posted = await p.post('/login', { token, _csrf: PageClient.csrf(page.html) });
    expect(posted.status).toBe(401);
    expect(sessionCookieSet(posted)).toBe(false);
  });

  it('a used link says it was used', async () => {
    const token = await loginLink(t.a.id, t.a.memberId);
    const p = new PageClient(t);
    await p.confirmSignIn((await p.get(`/login?token=${token}`)).html);
    const again = await new PageClient(t).get(`/login?token=${token}`);
    expect(again.status).toBe(401);
    expect(again.html).toContain('déjà servi');
  });
});

describe('no redirect leaves the site, even after dot-segments collapse', () => {
  it('sign-in next=', async () => {
    for (const evil of ['/..//evil.example', '/%2e%2e//evil.example', '/a/../..//evil.example', '/.//evil.example']) {
      const res = await new PageClient(t).signIn(t.a.id, t.a.adminId, evil);
      expect(res.location, evil).toBe('/');
    }
  });

  it('the timeline’s back field', async () => {
    const p = new PageClient(t);
    await p.signIn(t.a.id, t.a.adminId);
    const csrf = await p.csrfToken('/');
    for (const back of ['/..//evil.example', '/%2e%2e//evil.example', '//evil.example']) {
      const res = await p.post('/timeline', { _csrf: csrf, back, subjectType: 'company', subjectId: crypto.randomUUID(), kind: 'note', summary: '' });
      expect(res.status, back).toBe(303);
      expect(res.location, back).toBe('/');
    }
  });
});
