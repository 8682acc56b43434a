import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../db/repositories/audit';
import { insertUserWithRole } from '../../db/repositories/workspaces';
import { changeMemberRole, isLastAdminError } from '../../identity/members';
import { issueToken } from '../../identity/tokens';
import { createTestContext, type TestContext } from '../../test/support/context';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t?.close());

const roleOf = async (workspaceId: string, userId: string) =>
  (await t.db.kysely.selectFrom('memberships').select('role').where('workspace_id', '=', workspaceId).where('user_id', '=', userId).executeTakeFirstOrThrow()).role;

describe('/api/members', () => {
  it('lists the workspace members with their role, oldest first, and nobody else', async () => {
    const r = await t.request('GET', '/api/members');
    expect(r.status).toBe(200);
    expect(r.body.items).toEqual([
      { userId: t.a.adminId, displayName: 'Atelier A admin', email: null, role: 'admin', since: expect.any(String) },
      { userId: t.a.memberId, displayName: 'Atelier A member', email: null, role: 'member', since: expect.any(String) },
    ]);
  });

  it('makes a member an administrator and back, audited with who did it', async () => {
    const up = await t.request('PATCH', `/api/members/${t.a.memberId}`, { body: { role: 'admin' } });
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({ userId: t.a.memberId, role: 'admin' });
    // the new role applies to their very next request
    expect((await t.request('GET', '/api/members', { token: t.a.memberToken })).status).toBe(200);
    const down = await t.request('PATCH', `/api/members/${t.a.memberId}`, { body: { role: 'member' } });
    expect(down.status).toBe(200);
    expect(await roleOf(t.a.id, t.a.memberId)).toBe('member');
    // setting the role someone already has changes nothing and writes nothing
    expect((await t.request('PATCH', `/api/members/${t.a.memberId}`, { body: { role: 'member' } })).status).toBe(200);
    const audit = await listAudit(t.db.kysely, t.a.id, 'user', t.a.memberId);
    expect(audit.map((e) => [e.action, e.actor_type, e.actor_id, e.data])).toEqual([
      ['member.role_changed', 'user', t.a.adminId, { from: 'member', to: 'admin' }],
      ['member.role_changed', 'user', t.a.adminId, { from: 'admin', to: 'member' }],
    ]);
  });

  it('rejects bad input naming the field', async () => {
    const bad = await t.request('PATCH', `/api/members/${t.a.memberId}`, { body: { role: 'owner' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'validation_failed', message: expect.stringMatching(/^role:/) });
    expect(bad.body.error.details.fields[0].path).toBe('role');
    const missing = await t.request('PATCH', `/api/members/${t.a.memberId}`, { body: {} });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.fields[0].path).toBe('role');
    const extra = await t.request('PATCH', `/api/members/${t.a.memberId}`, { body: { role: 'admin', workspaceId: t.b.id } });
    expect(extra.status).toBe(400);
    expect(extra.body.error.details.fields[0].path).toBe('workspaceId');
    const junkId = await t.request('PATCH', '/api/members/not-a-uuid', { body: { role: 'admin' } });
    expect(junkId.status).toBe(400);
    expect(junkId.body.error.details.fields[0].path).toBe('userId');
    expect(await roleOf(t.a.id, t.a.memberId)).toBe('member');
  });

  it('never demotes the last administrator (409), and nothing changes', async () => {
    const r = await t.request('PATCH', `/api/members/${t.a.adminId}`, { body: { role: 'member' } });
    expect(r.status).toBe(409);
    expect(r.body.error).toMatchObject({ code: 'conflict', message: expect.stringMatching(/last administrator/), details: { reason: 'last_admin', userId: t.a.adminId } });
    expect(await roleOf(t.a.id, t.a.adminId)).toBe('admin');
    expect(await listAudit(t.db.kysely, t.a.id, 'user', t.a.adminId)).toEqual([]);
  });

  it('lets an admin step down when another admin remains, but two admins demoting each other leave one', async () => {
    const ws = t.b;
    const second = await insertUserWithRole(t.db.kysely, ws.id, 'Bureau B deuxième admin', 'admin');
    const secondToken = await issueToken(t.db.kysely, ws.id, second.id, 'api');
    const stepDown = await t.request('PATCH', `/api/members/${second.id}`, { token: secondToken, body: { role: 'member' } });
    expect(stepDown.status).toBe(200);
    expect((await t.request('GET', '/api/members', { token: secondToken })).status).toBe(403);
    await t.request('PATCH', `/api/members/${second.id}`, { token: ws.adminToken, body: { role: 'admin' } });

    // both authenticated as admins before either change lands: the workspace lock lets one through
    const asAdmin = (userId: string) => ({ db: t.db.kysely, jobs: t.deps.jobs, workspaceId: ws.id, actor: { type: 'user' as const, id: userId }, role: 'admin' as const });
    const results = await Promise.allSettled([changeMemberRole(asAdmin(ws.adminId), second.id, 'member'), changeMemberRole(asAdmin(second.id), ws.adminId, 'member')]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(isLastAdminError(refused.reason)).toBe(true);
    const admins = await t.db.kysely.selectFrom('memberships').select('user_id').where('workspace_id', '=', ws.id).where('role', '=', 'admin').execute();
    expect(admins).toHaveLength(1);
    // a teammate (no human role) can never change a role
    await expect(
      changeMemberRole({ db: t.db.kysely, jobs: t.deps.jobs, workspaceId: ws.id, actor: { type: 'teammate', id: 'drafter' } }, second.id, 'admin'),
    ).rejects.toMatchObject({ code: 'forbidden' });
  });

  it('needs a token, is admin-only, and never crosses workspaces', async () => {
    expect((await t.request('GET', '/api/members', { token: null })).status).toBe(401);
    const anon = await t.request('PATCH', `/api/members/${t.a.memberId}`, { token: null, body: { role: 'admin' } });
    expect(anon.status).toBe(401);
    expect(anon.body.error.code).toBe('unauthorized');

    const list = await t.request('GET', '/api/members', { token: t.a.memberToken });
    expect(list.status).toBe(403);
    expect(list.body.error.message).toMatch(/admin-only/);
    const self = await t.request('PATCH', `/api/members/${t.a.memberId}`, { token: t.a.memberToken, body: { role: 'admin' } });
    expect(self.status).toBe(403);
    expect(self.body.error).toMatchObject({ code: 'forbidden', message: expect.stringMatching(/admin-only/) });
    expect(await roleOf(t.a.id, t.a.memberId)).toBe('member');

    // an administrator of A cannot see or touch B's people
    const theirs = await t.request('PATCH', `/api/members/${t.b.memberId}`, { body: { role: 'admin' } });
    expect(theirs.status).toBe(404);
    expect(theirs.body.error.code).toBe('not_found');
    expect(await roleOf(t.b.id, t.b.memberId)).toBe('member');
    expect((await t.request('PATCH', '/api/members/00000000-0000-7000-8000-000000000000', { body: { role: 'admin' } })).status).toBe(404);
    expect((await t.request('GET', '/api/members')).body.items.map((m) => m.userId)).not.toContain(t.b.memberId);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = await t.request('GET', '/api/openapi.json', { token: null });
    expect(doc.body.paths['/members/{userId}'].patch!.requestBody!.content['application/json'].schema.properties!.role.enum).toEqual(['admin', 'member']);
    expect(doc.body.paths['/members'].get).toBeTruthy();
  });
});

describe('/api/members: invitations and removal', () => {
  it('invites a member with a one-time sign-in link valid 24 hours, shown once', async () => {
    const r = await t.request('POST', '/api/members/invites', { body: { displayName: 'Camille Martin', email: 'camille@atelier-a.fr', role: 'member' } });
    expect(r.status).toBe(201);
    expect(r.body.member).toMatchObject({ displayName: 'Camille Martin', email: 'camille@atelier-a.fr', role: 'member' });
    expect(r.body.loginUrl).toMatch(/\/login\?token=rl_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
    const hours = (new Date(r.body.expiresAt).getTime() - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);
    expect((await t.request('GET', '/api/members')).body.items.map((m) => m.userId)).toContain(r.body.member.userId);
    // a sign-in link is not an API token
    const token = new URL(r.body.loginUrl).searchParams.get('token')!;
    expect((await t.request('GET', '/api/companies', { token })).status).toBe(401);
    expect((await listAudit(t.db.kysely, t.a.id, 'user', r.body.member.userId)).map((e) => e.action)).toEqual(['member.invited']);
  });

  it('removes a member: their tokens are revoked and their sessions end', async () => {
    const inv = await t.request('POST', '/api/members/invites', { body: { displayName: 'Départ', role: 'admin' } });
    const userId = inv.body.member.userId;
    const token = await issueToken(t.db.kysely, t.a.id, userId, 'api');
    await t.db.kysely
      .insertInto('sessions')
      .values({ id: crypto.randomUUID(), workspace_id: t.a.id, user_id: userId, secret_hash: 'x', csrf_token: 'y', expires_at: new Date(Date.now() + 86_400_000) })
      .execute();
    expect((await t.request('GET', '/api/companies', { token })).status).toBe(200);

    const gone = await t.request('DELETE', `/api/members/${userId}`);
    expect(gone.status).toBe(204);
    expect((await t.request('GET', '/api/companies', { token })).status).toBe(401);
    const live = await t.db.kysely.selectFrom('api_tokens').select('id').where('user_id', '=', userId).where('revoked_at', 'is', null).execute();
    expect(live).toEqual([]);
    expect(await t.db.kysely.selectFrom('sessions').select('id').where('user_id', '=', userId).execute()).toEqual([]);
    expect((await t.request('GET', '/api/members')).body.items.map((m) => m.userId)).not.toContain(userId);
    const audit = await listAudit(t.db.kysely, t.a.id, 'user', userId);
    expect(audit.at(-1)).toMatchObject({ action: 'member.removed', actor_id: t.a.adminId, data: { role: 'admin', tokensRevoked: 2, sessionsEnded: 1 } });
    expect((await t.request('DELETE', `/api/members/${userId}`)).status).toBe(404);
  });

  it('never removes the last administrator (409)', async () => {
    const r = await t.request('DELETE', `/api/members/${t.a.adminId}`);
    expect(r.status).toBe(409);
    expect(r.body.error.details).toMatchObject({ reason: 'last_admin' });
    expect(await roleOf(t.a.id, t.a.adminId)).toBe('admin');
  });

  it('rejects bad input naming the field', async () => {
    const bad = await t.request('POST', '/api/members/invites', { body: { displayName: 'X', role: 'owner' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0].path).toBe('role');
    const noName = await t.request('POST', '/api/members/invites', { body: { displayName: '', role: 'member' } });
    expect(noName.body.error.details.fields[0].path).toBe('displayName');
    const mail = await t.request('POST', '/api/members/invites', { body: { displayName: 'X', role: 'member', email: 'pas-un-mail' } });
    expect(mail.body.error.details.fields[0].path).toBe('email');
    const junk = await t.request('DELETE', '/api/members/not-a-uuid');
    expect(junk.status).toBe(400);
    expect(junk.body.error.details.fields[0].path).toBe('userId');
  });

  it('needs a token, is admin-only, and never crosses workspaces', async () => {
    expect((await t.request('POST', '/api/members/invites', { token: null, body: { displayName: 'X', role: 'member' } })).status).toBe(401);
    expect((await t.request('DELETE', `/api/members/${t.a.memberId}`, { token: null })).status).toBe(401);
    const inv = await t.request('POST', '/api/members/invites', { token: t.a.memberToken, body: { displayName: 'X', role: 'admin' } });
    expect(inv.status).toBe(403);
    const rm = await t.request('DELETE', `/api/members/${t.a.adminId}`, { token: t.a.memberToken });
    expect(rm.status).toBe(403);
    expect(await roleOf(t.a.id, t.a.adminId)).toBe('admin');
    const theirs = await t.request('DELETE', `/api/members/${t.b.memberId}`);
    expect(theirs.status).toBe(404);
    expect(await roleOf(t.b.id, t.b.memberId)).toBe('member');
  });
});
