import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../db/repositories/audit';
import { issueToken } from '../../identity/tokens';
import { createTestContext, type TestContext } from '../../test/support/context';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t?.close());

const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

describe('/api/tokens', () => {
  it('creates an API token shown once (optionally expiring), lists it, and revokes it', async () => {
    const made = await t.request('POST', '/api/tokens', { token: t.a.memberToken, body: { name: 'Zapier', expiresAt: inAnHour() } });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ kind: 'api', name: 'Zapier', userId: t.a.memberId, holder: 'Atelier A member', active: true, expiresAt: expect.any(String) });
    expect(made.body.token).toMatch(/^rl_[0-9a-f]{32}_[A-Za-z0-9_-]{43}$/);
    // it works at once
    expect((await t.request('GET', '/api/companies', { token: made.body.token })).status).toBe(200);

    const mine = await t.request('GET', '/api/tokens', { token: t.a.memberToken });
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((x) => x.id)).toContain(made.body.id);
    // only the caller's, and never a secret or a hash
    expect(mine.body.items.every((x) => x.userId === t.a.memberId)).toBe(true);
    expect(JSON.stringify(mine.body)).not.toMatch(/rl_|secret|hash/);

    const gone = await t.request('DELETE', `/api/tokens/${made.body.id}`, { token: t.a.memberToken });
    expect(gone.status).toBe(204);
    expect((await t.request('GET', '/api/companies', { token: made.body.token })).status).toBe(401);
    expect((await t.request('GET', '/api/tokens', { token: t.a.memberToken })).body.items.map((x) => x.id)).not.toContain(made.body.id);
    expect((await listAudit(t.db.kysely, t.a.id, 'token', made.body.id)).map((e) => e.action)).toEqual(['token.created', 'token.revoked']);
    // revoking twice: it is gone
    expect((await t.request('DELETE', `/api/tokens/${made.body.id}`, { token: t.a.memberToken })).status).toBe(404);
  });

  it('stops accepting a token once its expiry has passed', async () => {
    const made = await t.request('POST', '/api/tokens', { body: { name: 'court', expiresAt: new Date(Date.now() + 1500).toISOString() } });
    expect(made.status).toBe(201);
    expect((await t.request('GET', '/api/members', { token: made.body.token })).status).toBe(200);
    await t.db.kysely
      .updateTable('api_tokens')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', made.body.id)
      .execute();
    const late = await t.request('GET', '/api/members', { token: made.body.token });
    expect(late.status).toBe(401);
    const listed = (await t.request('GET', '/api/tokens')).body.items.find((x) => x.id === made.body.id);
    expect(listed).toMatchObject({ active: false });
  });

  it('lets an administrator list and revoke the workspace’s tokens', async () => {
    const memberTok = await t.request('POST', '/api/tokens', { token: t.a.memberToken, body: { name: 'poste du membre' } });
    expect(memberTok.body.expiresAt).toBeNull();
    const all = await t.request('GET', '/api/tokens?scope=workspace');
    expect(all.status).toBe(200);
    const holders = new Set(all.body.items.map((x) => x.userId));
    expect(holders).toEqual(new Set([t.a.adminId, t.a.memberId]));
    expect(all.body.items.find((x) => x.id === memberTok.body.id)).toMatchObject({ holder: 'Atelier A member' });
    expect((await t.request('DELETE', `/api/tokens/${memberTok.body.id}`)).status).toBe(204);
    expect((await t.request('GET', '/api/companies', { token: memberTok.body.token })).status).toBe(401);
  });

  it('rejects bad input naming the field', async () => {
    const past = await t.request('POST', '/api/tokens', { body: { name: 'x', expiresAt: new Date(Date.now() - 60_000).toISOString() } });
    expect(past.status).toBe(400);
    expect(past.body.error.details.fields[0].path).toBe('expiresAt');
    const noName = await t.request('POST', '/api/tokens', { body: { name: '  ' } });
    expect(noName.status).toBe(400);
    expect(noName.body.error.details.fields[0].path).toBe('name');
    const extra = await t.request('POST', '/api/tokens', { body: { name: 'x', userId: t.a.memberId } });
    expect(extra.status).toBe(400);
    expect(extra.body.error.details.fields[0].path).toBe('userId');
    const scope = await t.request('GET', '/api/tokens?scope=everyone');
    expect(scope.status).toBe(400);
    expect(scope.body.error.details.fields[0].path).toBe('scope');
    const junk = await t.request('DELETE', '/api/tokens/not-a-uuid');
    expect(junk.status).toBe(400);
    expect(junk.body.error.details.fields[0].path).toBe('id');
  });

  it('needs a token, keeps members to their own tokens, and never crosses workspaces', async () => {
    expect((await t.request('GET', '/api/tokens', { token: null })).status).toBe(401);
    expect((await t.request('POST', '/api/tokens', { token: null, body: { name: 'x' } })).status).toBe(401);
    expect((await t.request('DELETE', `/api/tokens/${crypto.randomUUID()}`, { token: null })).status).toBe(401);

    // a member: not the workspace's list, not someone else's token
    const ws = await t.request('GET', '/api/tokens?scope=workspace', { token: t.a.memberToken });
    expect(ws.status).toBe(403);
    const adminTok = await t.request('POST', '/api/tokens', { body: { name: 'admin' } });
    const forbidden = await t.request('DELETE', `/api/tokens/${adminTok.body.id}`, { token: t.a.memberToken });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error.message).toMatch(/admin-only/);
    expect((await t.request('GET', '/api/companies', { token: adminTok.body.token })).status).toBe(200);

    // B's tokens are not found from A, even by A's administrator
    const theirs = await t.request('POST', '/api/tokens', { token: t.b.adminToken, body: { name: 'B' } });
    expect((await t.request('DELETE', `/api/tokens/${theirs.body.id}`)).status).toBe(404);
    expect((await t.request('GET', '/api/companies', { token: theirs.body.token })).status).toBe(200);
    expect((await t.request('GET', '/api/tokens?scope=workspace')).body.items.map((x) => x.id)).not.toContain(theirs.body.id);
  });

  it('lists one-time sign-in links not used yet, with their 24-hour expiry', async () => {
    await issueToken(t.db.kysely, t.a.id, t.a.memberId, 'login', 'lien');
    const link = (await t.request('GET', '/api/tokens', { token: t.a.memberToken })).body.items.find((x) => x.kind === 'login');
    expect(link).toBeTruthy();
    const hours = (new Date(link!.expiresAt!).getTime() - new Date(link!.createdAt).getTime()) / 3_600_000;
    expect(hours).toBeCloseTo(24, 1);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = await t.request('GET', '/api/openapi.json', { token: null });
    expect(doc.body.paths['/tokens'].get).toBeTruthy();
    expect(doc.body.paths['/tokens'].post).toBeTruthy();
    expect(doc.body.paths['/tokens/{id}'].delete).toBeTruthy();
  });
});
