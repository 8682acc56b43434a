import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../test/support/context';
import { PageClient } from '../test/portal/page-client';

// Settings → Jetons d’accès, invitations and member removal (issue 10, point 12).
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t?.close());

async function as(workspaceId: string, userId: string) {
  const p = new PageClient(t);
  await p.signIn(workspaceId, userId);
  return p;
}

const shownToken = (html: string) => /data-new-token[^>]*>(rl_[0-9a-f]{32}_[A-Za-z0-9_-]{43})</.exec(html)?.[1] ?? null;
const shownLink = (html: string) => /data-invite-link[^>]*>(http[^<]+)</.exec(html)?.[1] ?? null;

describe('Settings → access tokens', () => {
  it('a member creates a token (with an end date) shown once, sees it listed, and revokes it', async () => {
    const p = await as(t.a.id, t.a.memberId);
    const page = await p.get('/settings');
    expect(page.html).toContain('id="tokens"');
    expect(page.html).toContain('Jetons d’accès');
    const csrf = PageClient.csrf(page.html);
    const created = await p.post('/settings/tokens', { _csrf: csrf, tokenName: 'Tableur', tokenExpiresAt: '2099-12-31' });
    expect(created.status).toBe(201);
    const token = shownToken(created.html);
    expect(token).toBeTruthy();
    expect(created.html).toContain('Copiez-le maintenant');
    expect((await t.request('GET', '/api/companies', { token })).status).toBe(200);
    const row = await t.db.kysely.selectFrom('api_tokens').select(['id', 'expires_at', 'name']).where('name', '=', 'Tableur').executeTakeFirstOrThrow();
    expect(row.expires_at?.toISOString()).toBe('2099-12-31T22:59:59.000Z');

    // listed afterwards, never shown again
    const again = await p.get('/settings');
    expect(shownToken(again.html)).toBeNull();
    expect(again.html).not.toContain(token!);
    expect(again.html).toContain('Tableur');
    expect(again.html).toContain(`action="/settings/tokens/${row.id}/revoke"`);

    const revoked = await p.post(`/settings/tokens/${row.id}/revoke`, { _csrf: csrf });
    expect(revoked.status).toBe(303);
    expect(revoked.location).toBe('/settings?ok=tokenRevoked#tokens');
    expect((await p.get(revoked.location!)).html).toContain('Jeton révoqué');
    expect((await t.request('GET', '/api/companies', { token })).status).toBe(401);
  });

  it('says what is wrong with the form, naming the field', async () => {
    const p = await as(t.a.id, t.a.memberId);
    const csrf = await p.csrfToken('/settings');
    const bad = await p.post('/settings/tokens', { _csrf: csrf, tokenName: '', tokenExpiresAt: '2001-01-01' });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('id="f-tokenName"');
    expect(bad.html).toMatch(/aria-invalid="true"[^>]*id="f-tokenName"|id="f-tokenName"[^>]*aria-invalid="true"/);
    expect(bad.html).toContain('Choisissez une date à venir.');
  });

  it('an administrator sees and revokes everyone’s tokens; a member only their own', async () => {
    const member = await as(t.a.id, t.a.memberId);
    const mine = await member.post('/settings/tokens', { _csrf: await member.csrfToken('/settings'), tokenName: 'Poste du membre' });
    const memberToken = shownToken(mine.html)!;
    const memberRow = await t.db.kysely.selectFrom('api_tokens').select('id').where('name', '=', 'Poste du membre').executeTakeFirstOrThrow();

    const admin = await as(t.a.id, t.a.adminId);
    const page = await admin.get('/settings');
    expect(page.html).toContain('Poste du membre');
    expect(page.html).toContain('Atelier A member');
    // the member does not see the admin's tokens, and cannot revoke them
    const adminRow = await t.db.kysely.selectFrom('api_tokens').select('id').where('user_id', '=', t.a.adminId).where('kind', '=', 'api').executeTakeFirstOrThrow();
    expect((await member.get('/settings')).html).not.toContain(adminRow.id);
    const forbidden = await member.post(`/settings/tokens/${adminRow.id}/revoke`, { _csrf: await member.csrfToken('/settings') });
    expect(forbidden.status).toBe(403);
    expect((await t.request('GET', '/api/companies')).status).toBe(200);
    // B's token is not found from A
    const bRow = await t.db.kysely.selectFrom('api_tokens').select('id').where('workspace_id', '=', t.b.id).executeTakeFirstOrThrow();
    expect((await admin.post(`/settings/tokens/${bRow.id}/revoke`, { _csrf: PageClient.csrf(page.html) })).status).toBe(404);

    const done = await admin.post(`/settings/tokens/${memberRow.id}/revoke`, { _csrf: PageClient.csrf(page.html) });
    expect(done.status).toBe(303);
    expect((await t.request('GET', '/api/companies', { token: memberToken })).status).toBe(401);
  });

  it('in English too', async () => {
    const p = await as(t.a.id, t.a.memberId);
    const page = await p.get('/settings?lang=en');
    expect(page.html).toContain('Access tokens');
    expect(page.html).toContain('Create a token');
    await p.get('/settings?lang=fr');
  });
});

describe('Settings → invitations and member removal', () => {
  it('an administrator invites someone: the one-time link is shown once and opens their account', async () => {
    const admin = await as(t.a.id, t.a.adminId);
    const csrf = await admin.csrfToken('/settings');
    const r = await admin.post('/settings/members/invite', { _csrf: csrf, inviteName: 'Léa Nouvelle', inviteEmail: 'lea@atelier-a.fr', inviteRole: 'member' });
    expect(r.status).toBe(201);
    const link = shownLink(r.html);
    expect(link).toMatch(/\/login\?token=rl_/);
    expect(r.html).toContain('24\u00a0heures');
    expect(r.html).toContain('Léa Nouvelle');
    expect(shownLink((await admin.get('/settings')).html)).toBeNull();

    const lea = new PageClient(t);
    const url = new URL(link!);
    const page = await lea.get(url.pathname + url.search);
    expect(page.html).toContain('Se connecter en tant que Léa Nouvelle');
    expect((await lea.confirmSignIn(page.html)).status).toBe(303);
    expect((await lea.get('/settings')).html).toContain('Léa Nouvelle');
  });

  it('names the wrong field of an invitation', async () => {
    const admin = await as(t.a.id, t.a.adminId);
    const r = await admin.post('/settings/members/invite', { _csrf: await admin.csrfToken('/settings'), inviteName: '', inviteEmail: 'pas-un-mail', inviteRole: 'member' });
    expect(r.status).toBe(400);
    expect(r.html).toMatch(/id="f-inviteName"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="f-inviteName"/);
    expect(r.html).toMatch(/id="f-inviteEmail"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="f-inviteEmail"/);
  });

  it('an administrator removes a member: signed out at once, their tokens revoked', async () => {
    const admin = await as(t.a.id, t.a.adminId);
    const csrf = await admin.csrfToken('/settings');
    const inv = await admin.post('/settings/members/invite', { _csrf: csrf, inviteName: 'Sam Départ', inviteRole: 'member' });
    const userId = (await t.db.kysely.selectFrom('users').select('id').where('display_name', '=', 'Sam Départ').executeTakeFirstOrThrow()).id;
    const sam = new PageClient(t);
    const url = new URL(shownLink(inv.html)!);
    await sam.confirmSignIn((await sam.get(url.pathname + url.search)).html);
    expect((await sam.get('/deals')).status).toBe(200);

    const page = await admin.get('/settings');
    expect(page.html).toContain(`action="/settings/members/${userId}/remove#members"`);
    const removed = await admin.post(`/settings/members/${userId}/remove`, { _csrf: csrf });
    expect(removed.status).toBe(303);
    expect(removed.location).toBe('/settings?ok=memberRemoved#members');
    expect((await admin.get(removed.location!)).html).toContain('Membre retiré');
    expect((await sam.get('/deals')).status).toBe(302);
    expect(await t.db.kysely.selectFrom('api_tokens').select('id').where('user_id', '=', userId).where('revoked_at', 'is', null).execute()).toEqual([]);
  });

  it('keeps the last administrator, refuses members, and never crosses workspaces', async () => {
    const admin = await as(t.a.id, t.a.adminId);
    const csrf = await admin.csrfToken('/settings');
    const last = await admin.post(`/settings/members/${t.a.adminId}/remove`, { _csrf: csrf });
    expect(last.status).toBe(409);
    expect(last.html).toContain('dernier administrateur');
    expect((await admin.post(`/settings/members/${t.b.memberId}/remove`, { _csrf: csrf })).status).toBe(404);

    const member = await as(t.a.id, t.a.memberId);
    const mcsrf = await member.csrfToken('/settings');
    expect((await member.post(`/settings/members/${t.a.adminId}/remove`, { _csrf: mcsrf })).status).toBe(403);
    expect((await member.post('/settings/members/invite', { _csrf: mcsrf, inviteName: 'Intrus', inviteRole: 'admin' })).status).toBe(403);
    expect(await t.db.kysely.selectFrom('users').select('id').where('display_name', '=', 'Intrus').execute()).toEqual([]);
    // without the CSRF token nothing happens
    expect((await admin.post(`/settings/members/${t.a.memberId}/remove`, {})).status).toBe(403);
    expect((await t.db.kysely.selectFrom('memberships').select('role').where('user_id', '=', t.a.memberId).execute()).length).toBe(1);
  });
});
