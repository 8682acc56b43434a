import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../db/repositories/audit';
import { createTestContext, type TestContext } from '../test/support/context';
import { PageClient } from '../test/portal/page-client';

// Settings → Membres et rôles through the Portal: the admin's role buttons (CSRF on every post),
// the last administrator kept, a member who never sees nor forges the control, other workspaces.
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

const roleOf = async (workspaceId: string, userId: string) =>
  (await t.db.kysely.selectFrom('memberships').select('role').where('workspace_id', '=', workspaceId).where('user_id', '=', userId).executeTakeFirstOrThrow()).role;

const rowOf = (html: string, userId: string) => {
  const start = html.indexOf(`data-member="${userId}"`);
  return start < 0 ? '' : html.slice(start, html.indexOf('</tr>', start));
};

describe('Settings → Membres et rôles', () => {
  it('gives an admin one role button per member, posted with the CSRF token, audited', async () => {
    const p = await as(t.a.id, t.a.adminId);
    const page = await p.get('/settings?lang=fr');
    expect(page.status).toBe(200);
    const memberRow = rowOf(page.html, t.a.memberId);
    expect(memberRow).toContain(`action="/settings/members/${t.a.memberId}/role#members"`);
    expect(memberRow).toContain('name="_csrf"');
    expect(memberRow).toContain('name="role" value="admin"');
    expect(memberRow).toContain('Nommer administrateur');
    const adminRow = rowOf(page.html, t.a.adminId);
    expect(adminRow).toContain('name="role" value="member"');
    expect(adminRow).toContain('Retirer les droits d’administrateur');
    expect(adminRow).toContain('vous n’aurez plus accès'); // it is their own row

    const csrf = PageClient.csrf(page.html);
    const up = await p.post(`/settings/members/${t.a.memberId}/role`, { _csrf: csrf, role: 'admin' });
    expect(up.status).toBe(303);
    expect(up.location).toBe('/settings?ok=role#members');
    expect(await roleOf(t.a.id, t.a.memberId)).toBe('admin');
    const after = await p.get(up.location!);
    expect(after.html).toContain('Rôle mis à jour.');
    expect(rowOf(after.html, t.a.memberId)).toContain('data-role="admin"');

    const down = await p.post(`/settings/members/${t.a.memberId}/role`, { _csrf: csrf, role: 'member' });
    expect(down.status).toBe(303);
    expect(await roleOf(t.a.id, t.a.memberId)).toBe('member');
    const audit = await listAudit(t.db.kysely, t.a.id, 'user', t.a.memberId);
    expect(audit.map((e) => [e.action, e.actor_id, e.data])).toEqual([
      ['member.role_changed', t.a.adminId, { from: 'member', to: 'admin' }],
      ['member.role_changed', t.a.adminId, { from: 'admin', to: 'member' }],
    ]);
  });

  it('refuses to demote the last administrator with a clear message beside them, in French and English', async () => {
    const p = await as(t.a.id, t.a.adminId);
    const csrf = await p.csrfToken('/settings?lang=fr');
    const fr = await p.post(`/settings/members/${t.a.adminId}/role`, { _csrf: csrf, role: 'member' });
    expect(fr.status).toBe(409);
    expect(fr.html).toContain('<html lang="fr">');
    expect(fr.html).toContain('Impossible : Atelier A admin est le dernier administrateur de cet espace.');
    expect(fr.html).toContain('Rien n’a été modifié.');
    expect(fr.html).toMatch(/id="members-err" role="alert"/);
    expect(rowOf(fr.html, t.a.adminId)).toContain('aria-describedby="members-err"');
    expect(await roleOf(t.a.id, t.a.adminId)).toBe('admin');

    await p.get('/settings?lang=en');
    const en = await p.post(`/settings/members/${t.a.adminId}/role`, { _csrf: csrf, role: 'member' });
    expect(en.status).toBe(409);
    expect(en.html).toContain('Not possible: Atelier A admin is the last administrator of this workspace.');
    expect(await roleOf(t.a.id, t.a.adminId)).toBe('admin');
    expect(await listAudit(t.db.kysely, t.a.id, 'user', t.a.adminId)).toEqual([]);
    await p.get('/settings?lang=fr');
  });

  it('answers a role that does not exist with a message, and a missing CSRF token with 403', async () => {
    const p = await as(t.a.id, t.a.adminId);
    const csrf = await p.csrfToken('/settings?lang=fr');
    const bad = await p.post(`/settings/members/${t.a.memberId}/role`, { _csrf: csrf, role: 'owner' });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('Ce rôle n’existe pas');
    const noCsrf = await p.post(`/settings/members/${t.a.memberId}/role`, { role: 'admin' });
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.html).toContain('Formulaire expiré');
    expect(await roleOf(t.a.id, t.a.memberId)).toBe('member');
  });

  it('never shows the control to a member, and refuses their forged post with 403', async () => {
    const p = await as(t.a.id, t.a.memberId);
    const page = await p.get('/settings?lang=fr');
    expect(page.status).toBe(200);
    expect(page.html).not.toContain('/settings/members/');
    expect(page.html).not.toContain('Nommer administrateur');
    const forged = await p.post(`/settings/members/${t.a.memberId}/role`, { _csrf: PageClient.csrf(page.html), role: 'admin' });
    expect(forged.status).toBe(403);
    expect(forged.html).toContain('Réservé aux administrateurs');
    expect(await roleOf(t.a.id, t.a.memberId)).toBe('member');
  });

  it('answers 404 for a person of another workspace or a junk id', async () => {
    const p = await as(t.a.id, t.a.adminId);
    const csrf = await p.csrfToken('/settings?lang=fr');
    for (const id of [t.b.memberId, t.b.adminId, 'pas-un-id']) {
      const r = await p.post(`/settings/members/${id}/role`, { _csrf: csrf, role: id === t.b.adminId ? 'member' : 'admin' });
      expect(r.status, id).toBe(404);
      expect(r.html).toContain('Introuvable');
      expect(r.html).not.toContain('Bureau B member');
    }
    expect(await roleOf(t.b.id, t.b.memberId)).toBe('member');
    expect(await roleOf(t.b.id, t.b.adminId)).toBe('admin');
  });

  it('takes effect at once: a member made admin sees the admin settings on their next page', async () => {
    const admin = await as(t.a.id, t.a.adminId);
    const member = await as(t.a.id, t.a.memberId);
    expect((await member.get('/settings?lang=fr')).html).not.toContain('Membres et rôles');
    await admin.post(`/settings/members/${t.a.memberId}/role`, { _csrf: await admin.csrfToken('/settings'), role: 'admin' });
    const now = await member.get('/settings?lang=fr');
    expect(now.html).toContain('Membres et rôles');
    expect(now.html).toContain('action="/settings/identity"');
    // two admins now: the first may step down, and then loses the admin sections
    const stepDown = await admin.post(`/settings/members/${t.a.adminId}/role`, { _csrf: await admin.csrfToken('/settings'), role: 'member' });
    expect(stepDown.status).toBe(303);
    expect((await admin.get('/settings?lang=fr')).html).not.toContain('Membres et rôles');
  });
});
