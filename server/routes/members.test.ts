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
