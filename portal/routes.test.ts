import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueToken } from '../identity/tokens';
import { createTestContext, type TestContext } from '../test/support/context';
import { PageClient } from '../test/portal/page-client';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t?.close());

async function admin() {
  const p = new PageClient(t);
  await p.signIn(t.a.id, t.a.adminId);
  return p;
}

describe('sign-in', () => {
  it('accepts a one-time login link once, sets a safe cookie, stores only a hash', async () => {
    const token = await issueToken(t.db.kysely, t.a.id, t.a.adminId, 'login', 'first start');
    const p = new PageClient(t);
    const res = await p.confirmSignIn((await p.get(`/login?token=${token}`)).html);
    expect(res.status).toBe(303);
    expect(res.location).toBe('/');
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('relais_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const value = p.cookies.get('relais_session')!;
    const [idHex, secret] = value.split('.');
    const row = await t.db.kysely.selectFrom('sessions').selectAll().where('user_id', '=', t.a.adminId).orderBy('created_at', 'desc').executeTakeFirstOrThrow();
    expect(row.id.replace(/-/g, '')).toBe(idHex);
    expect(row.secret_hash).toBe(createHash('sha256').update(secret).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(secret);
    const home = await p.get('/');
    expect(home.status).toBe(200);
    expect(home.html).toContain('Tableau de bord');

    const again = await new PageClient(t).get(`/login?token=${token}`);
    expect(again.status).toBe(401);
    expect(again.html).toContain('déjà servi');
    expect(again.headers.getSetCookie().some((c) => c.startsWith('relais_session='))).toBe(false);
  });

  it('accepts an API token too, and refuses a made-up one', async () => {
    const p = new PageClient(t);
    expect((await p.confirmSignIn((await p.get(`/login?token=${t.a.memberToken}`)).html)).status).toBe(303);
    expect((await p.get('/deals')).status).toBe(200);
    const bad = await new PageClient(t).get(`/login?token=rl_${'0'.repeat(32)}_${'A'.repeat(43)}`);
    expect(bad.status).toBe(401);
    expect(bad.html).toContain('pas valide');
  });

  it('follows a same-origin next= and refuses open redirects', async () => {
    const p = new PageClient(t);
    const ok = await p.signIn(t.a.id, t.a.adminId, '/deals?view=list');
    expect(ok.location).toBe('/deals?view=list');
    for (const evil of ['https://evil.example/', '//evil.example', '/\\evil.example', 'javascript:alert(1)']) {
      const res = await new PageClient(t).signIn(t.a.id, t.a.adminId, evil);
      expect(res.location, evil).toBe('/');
    }
  });

  it('sends an unauthenticated visitor to a sign-in page that explains how to get a link', async () => {
    const p = new PageClient(t);
    const res = await p.get('/deals?view=list');
    expect(res.status).toBe(302);
    expect(res.location).toBe('/login?next=%2Fdeals%3Fview%3Dlist');
    const page = await p.get(res.location!);
    expect(page.status).toBe(200);
    expect(page.html).toContain('token create');
    expect(page.html).toContain('name="next" value="/deals?view=list"');
    expect((await p.post('/leads', { lastName: 'x' })).location).toBe('/login');
    // the API keeps answering JSON 401, untouched by the Portal
    expect((await t.request('GET', '/api/companies', { token: null })).status).toBe(401);
  });

  it('signs out with a POST carrying the CSRF token', async () => {
    const p = await admin();
    const csrf = await p.csrfToken('/');
    const out = await p.post('/logout', { _csrf: csrf });
    expect(out.status).toBe(303);
    expect(p.cookies.has('relais_session')).toBe(false);
    expect((await p.get('/')).status).toBe(302);
  });
});

describe('CSRF', () => {
  it('rejects a form post without the session token or with another one', async () => {
    const p = await admin();
    const missing = await p.post('/leads', { lastName: 'Sans jeton' });
    expect(missing.status).toBe(403);
    expect(missing.html).toContain('Formulaire expiré');
    const other = await admin();
    const foreign = await p.post('/leads', { _csrf: await other.csrfToken(), lastName: 'Jeton volé' });
    expect(foreign.status).toBe(403);
    const ok = await p.post('/leads', { _csrf: await p.csrfToken('/leads/new'), lastName: 'Avec jeton' });
    expect(ok.status).toBe(303);
    const rows = await t.db.kysely.selectFrom('people').select('last_name').where('workspace_id', '=', t.a.id).execute();
    expect(rows.map((r) => r.last_name)).toContain('Avec jeton');
    expect(rows.map((r) => r.last_name)).not.toContain('Sans jeton');
    expect(rows.map((r) => r.last_name)).not.toContain('Jeton volé');
  });
});

describe('language', () => {
  it('switches with ?lang= and remembers it on the user', async () => {
    const p = await admin();
    const en = await p.get('/?lang=en');
    expect(en.html).toContain('<html lang="en">');
    for (const label of [
      'Dashboard',
      'Leads',
      'Contacts',
      'Deals',
      'Quotes',
      'Conversations',
      'Library',
      'Sequences',
      'Reports',
      'Forecasts',
      'Settings',
      'Chat',
      'Needs attention',
    ]) {
      expect(en.html, label).toContain(`>${label}<`);
    }
    expect((await p.get('/deals')).html).toContain('<html lang="en">');
    const user = await t.db.kysely.selectFrom('users').select('language').where('id', '=', t.a.adminId).executeTakeFirstOrThrow();
    expect(user.language).toBe('en');
    const fr = await p.get('/?lang=fr');
    expect(fr.html).toContain('<html lang="fr">');
    for (const label of ['Tableau de bord', 'Prospects', 'Affaires', 'Devis', 'Bibliothèque', 'Séquences', 'Rapports', 'Prévisions', 'Paramètres', 'Discussion', 'À valider']) {
      expect(fr.html, label).toContain(`>${label}<`);
    }
  });

  it('works before signing in, and carries over to the user', async () => {
    const p = new PageClient(t);
    const page = await p.get('/login?lang=en');
    expect(page.html).toContain('Sign in');
    expect(p.cookies.get('relais_lang')).toBe('en');
    await p.signIn(t.b.id, t.b.memberId);
    expect((await p.get('/')).html).toContain('<html lang="en">');
  });
});

describe('settings', () => {
  it('shows an admin everything and lets them edit the identity', async () => {
    const p = await admin();
    const page = await p.get('/settings?lang=fr');
    for (const s of ['Identité de l’entreprise', 'La voix de vos coéquipiers', 'Envoi', 'Connecteurs', 'Approbation automatique', 'Membres et rôles', 'Votre langue'])
      expect(page.html, s).toContain(s);
    expect(page.html).toContain('Atelier A member');
    const csrf = PageClient.csrf(page.html);
    const bad = await p.post('/settings/identity', {
      _csrf: csrf,
      name: 'Atelier A',
      legalName: 'Atelier A SAS',
      address: 'Lyon',
      siret: '123',
      vatNumber: '',
      defaultLanguage: 'fr',
    });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('id="f-siret-err"');
    expect(bad.html).toContain('Le SIRET compte 14 chiffres');
    const ok = await p.post('/settings/identity', {
      _csrf: csrf,
      name: 'Atelier A',
      legalName: 'Atelier A SAS',
      address: '2 place Bellecour, 69002 Lyon',
      siret: '73282932000074',
      vatNumber: 'FR 44 732829320',
      defaultLanguage: 'fr',
    });
    expect(ok.status).toBe(303);
    const ws = await t.db.kysely.selectFrom('workspaces').selectAll().where('id', '=', t.a.id).executeTakeFirstOrThrow();
    expect(ws.siret).toBe('73282932000074');
    expect(ws.vat_number).toBe('FR44732829320');
    const sending = await p.post('/settings/sending', { _csrf: csrf, days: ['1', '2', '3'], start: '10:00', end: '09:00', dailyCap: '20', pendingExpiryDays: '7' });
    expect(sending.status).toBe(400);
    expect(sending.html).toContain('id="f-end-err"');
    const sent = await p.post('/settings/sending', { _csrf: csrf, days: ['1', '2', '3'], start: '08:30', end: '17:00', dailyCap: '20', pendingExpiryDays: '7' });
    expect(sent.status).toBe(303);
    const after = await t.db.kysely.selectFrom('workspaces').select('settings').where('id', '=', t.a.id).executeTakeFirstOrThrow();
    expect(after.settings).toMatchObject({ sendWindow: { days: [1, 2, 3], start: '08:30', end: '17:00' }, dailyCap: 20, pendingExpiryDays: 7 });
  });

  it('hides admin-only settings from a member and refuses their posts', async () => {
    const p = new PageClient(t);
    await p.signIn(t.a.id, t.a.memberId);
    const page = await p.get('/settings?lang=fr');
    expect(page.status).toBe(200);
    for (const s of ['Connecteurs', 'Approbation automatique', 'Membres et rôles', 'Atelier A admin']) expect(page.html, s).not.toContain(s);
    expect(page.html).not.toContain('action="/settings/identity"');
    expect(page.html).toContain('Seul un administrateur');
    const refused = await p.post('/settings/identity', { _csrf: PageClient.csrf(page.html), name: 'Pris', legalName: 'Pris', address: '', defaultLanguage: 'fr' });
    expect(refused.status).toBe(403);
    expect(refused.html).toContain('Réservé aux administrateurs');
    const lang = await p.post('/settings/language', { _csrf: PageClient.csrf(page.html), language: 'en' });
    expect(lang.status).toBe(303);
  });
});

describe('records', () => {
  it('answers a 404 page for another workspace’s record and for junk ids', async () => {
    const { body: theirs } = await t.request('POST', '/api/people', { token: t.b.adminToken, body: { kind: 'lead', lastName: 'Secret de B' } });
    const { body: theirDeal } = await t.request('POST', '/api/deals', { token: t.b.adminToken, body: { title: 'Affaire de B' } });
    const p = await admin();
    for (const path of [`/people/${theirs.id}`, `/people/${theirs.id}/edit`, `/deals/${theirDeal.id}`, '/people/not-an-id', '/companies/00000000-0000-7000-8000-000000000000']) {
      const res = await p.get(`${path}?lang=fr`);
      expect(res.status, path).toBe(404);
      expect(res.html).toContain('Introuvable');
      expect(res.html).not.toContain('Secret de B');
    }
    const csrf = await p.csrfToken();
    expect((await p.post(`/deals/${theirDeal.id}/move`, { _csrf: csrf, stage: 'gagne', version: '1' })).status).toBe(404);
    expect((await p.post(`/people/${theirs.id}/promote`, { _csrf: csrf, version: '1' })).status).toBe(404);
  });

  it('creates a lead with inline errors, shows it, promotes it to contact', async () => {
    const p = await admin();
    const csrf = await p.csrfToken('/leads/new');
    const bad = await p.post('/leads', { _csrf: csrf, firstName: '', lastName: '', email: 'pas-un-email', phone: '' });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('id="f-email-err"');
    expect(bad.html).toContain('Saisissez une adresse e-mail valide');
    expect(bad.html).toContain('value="pas-un-email"');
    const created = await p.post('/leads', { _csrf: csrf, firstName: 'Camille', lastName: 'Durand', email: 'camille@durand-renovation.fr', status: 'new' });
    expect(created.status).toBe(303);
    const detail = await p.get(created.location!);
    expect(detail.html).toContain('Camille Durand');
    expect(detail.html).toContain('Passer en contact');
    const id = created.location!.split('/')[2].split('?')[0];
    expect((await p.get('/leads?q=durand')).html).toContain('Camille Durand');
    const promoted = await p.post(`/people/${id}/promote`, { _csrf: csrf, version: '1' });
    expect(promoted.location).toBe(`/people/${id}?ok=promoted`);
    const after = await p.get(promoted.location!);
    expect(after.html).toContain('maintenant un contact');
    expect(after.html).toContain('Devenu contact');
    expect((await p.get('/contacts')).html).toContain('Camille Durand');
  });

  it('creates a deal with a French amount, shows it fr-FR, moves it by form and by script', async () => {
    const p = await admin();
    const csrf = await p.csrfToken('/deals/new');
    const bad = await p.post('/deals', { _csrf: csrf, title: '', amount: 'douze', stage: 'nouveau' });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('id="f-title-err"');
    expect(bad.html).toContain('id="f-amount-err"');
    const created = await p.post('/deals', { _csrf: csrf, title: 'Rénovation façade', amount: '1 234,56', stage: 'qualifie' });
    expect(created.status).toBe(303);
    const id = created.location!.split('/')[2].split('?')[0];
    const detail = await p.get(`/deals/${id}`);
    expect(detail.html).toContain('1\u202f234,56\u00a0€');
    const board = await p.get('/deals');
    expect(board.html).toContain('data-board');
    expect(board.html).toContain('Rénovation façade');
    const moved = await p.post(`/deals/${id}/move`, { _csrf: csrf, stage: 'rendez_vous', version: '1', back: 'board' });
    expect(moved.location).toBe('/deals?moved=rendez_vous');
    const stale = await p.post(`/deals/${id}/move`, { _csrf: csrf, stage: 'proposition', version: '1', back: 'board' });
    expect(stale.location).toBe('/deals?err=conflict');
    const json = await p.post(`/deals/${id}/move`, { _csrf: csrf, stage: 'gagne', version: '2' }, { accept: 'application/json' });
    expect(json.status).toBe(200);
    expect(JSON.parse(json.html)).toMatchObject({ ok: true, version: 3, stage: 'gagne' });
    const dash = await p.get('/');
    expect(dash.html).toContain('Gagné ce mois-ci');
    expect(dash.html).toContain('1\u202f234,56\u00a0€');
    const timeline = await p.get(`/deals/${id}`);
    expect(timeline.html).toContain('Rendez-vous → Gagné');
  });

  it('logs a note on a record’s timeline', async () => {
    const p = await admin();
    const csrf = await p.csrfToken('/companies/new');
    const co = await p.post('/companies', { _csrf: csrf, name: 'Lyon Bâti', siret: '73282932000074', website: 'lyon-bati.fr' });
    // the SIRET is taken by an earlier test? then the field says so; otherwise it is created
    const path = co.status === 303 ? co.location!.split('?')[0] : null;
    if (!path) {
      expect(co.html).toContain('id="f-siret-err"');
      return;
    }
    const note = await p.post('/timeline', {
      _csrf: csrf,
      subjectType: 'company',
      subjectId: path.split('/')[2],
      kind: 'call',
      summary: 'Appel au gérant, rappeler lundi',
      back: path,
    });
    expect(note.location).toBe(path);
    expect((await p.get(path)).html).toContain('Appel au gérant, rappeler lundi');
  });
});

describe('every section answers', () => {
  it('renders each page in French with the navigation and the attention count', async () => {
    const p = await admin();
    for (const path of [
      '/',
      '/leads',
      '/contacts',
      '/deals',
      '/deals?view=list',
      '/quotes',
      '/conversations',
      '/library',
      '/sequences',
      '/reports',
      '/forecasts',
      '/settings',
      '/chat',
      '/companies',
      '/leads/new',
      '/deals/new',
      '/companies/new',
    ]) {
      const res = await p.get(`${path}${path.includes('?') ? '&' : '?'}lang=fr`);
      expect(res.status, path).toBe(200);
      expect(res.html, path).toContain('aria-label="Sections"');
      expect(res.html, path).toContain('data-attention=');
      expect(res.headers.get('content-security-policy'), path).toContain("script-src 'self'");
    }
    const css = await p.get('/assets/portal.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toContain('text/css');
  });
});

describe('unknown pages', () => {
  it('answers an HTML 404 inside the layout for a signed-in person, in their language, with the way back', async () => {
    const p = await admin();
    for (const path of ['/nope', '/quelque/part/ailleurs', '/settings/nope', '/deals/new/extra']) {
      const fr = await p.get(`${path}?lang=fr`);
      expect(fr.status, path).toBe(404);
      expect(fr.headers.get('content-type'), path).toContain('text/html');
      expect(fr.html, path).toContain('<html lang="fr">');
      expect(fr.html, path).toContain('<h2>Introuvable</h2>');
      expect(fr.html, path).toContain('aria-label="Sections"'); // the navigation of the layout
      expect(fr.html, path).toContain('<a class="button" href="/">Revenir au tableau de bord</a>');
      expect(fr.headers.get('content-security-policy'), path).toContain("script-src 'self'");
      expect(fr.headers.get('cache-control'), path).toBe('no-store');
    }
    const en = await p.get('/nope?lang=en');
    expect(en.status).toBe(404);
    expect(en.html).toContain('<html lang="en">');
    expect(en.html).toContain('<h2>Not found</h2>');
    expect(en.html).toContain('<a class="button" href="/">Back to the Dashboard</a>');
    // the user's own language applies without ?lang=
    expect((await p.get('/nope')).html).toContain('<h2>Not found</h2>');
    await p.get('/?lang=fr');
    expect((await p.post('/nope', { _csrf: await p.csrfToken() })).status).toBe(404);
  });

  it('answers the same page without the navigation before signing in, in the chosen language', async () => {
    const p = new PageClient(t);
    const fr = await p.get('/nope/deeper');
    expect(fr.status).toBe(404);
    expect(fr.html).toContain('<html lang="fr">');
    expect(fr.html).toContain('Introuvable');
    expect(fr.html).toContain('href="/">Revenir au tableau de bord</a>');
    expect(fr.html).not.toContain('aria-label="Sections"');
    expect((await p.get('/nope?lang=en')).html).toContain('Back to the Dashboard');
    expect((await p.get('/ailleurs')).html).toContain('<html lang="en">'); // remembered in the cookie
    // a made-up session cookie is just no session
    p.cookies.set('relais_session', `${'0'.repeat(32)}.${'A'.repeat(43)}`);
    expect((await p.get('/nope')).status).toBe(404);
  });

  it('leaves /api answering JSON and other capabilities their own pages', async () => {
    const api = await t.request('GET', '/api/nope');
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toContain('application/json');
    expect(api.body.error.code).toBe('not_found');
    const apiRoot = await t.request('GET', '/api');
    expect(apiRoot.status).toBe(404);
    expect(apiRoot.body.error.code).toBe('not_found');
    expect((await t.request('GET', '/api/nope', { token: null })).body.error.code).toBe('unauthorized');
    const p = await admin();
    const unsubscribe = await p.get('/u/not-a-real-link');
    expect(unsubscribe.status).toBe(404);
    expect(unsubscribe.html).toContain('Désinscription'); // the opt-out page's own answer
    expect((await p.get('/health')).status).toBe(200);
  });
});
