import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/context';
import { createPerson, proposeEmail, TEST_SECRET_KEY } from '../../test/support/approval';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ RELAIS_SECRET_KEY: TEST_SECRET_KEY });
});
afterAll(async () => t?.close());

describe('POST /api/people/:id/opt-out', () => {
  it('suppresses the address for good and cancels pending actions to it', async () => {
    const email = `objection-${Date.now()}@exemple.fr`;
    const personId = await createPerson(t, { email });
    const pending = await proposeEmail(t, personId);
    const r = await t.request('POST', `/api/people/${personId}/opt-out`, { token: t.a.memberToken });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ suppressed: true, people: [personId], cancelled: 1 });
    expect((await t.request('GET', `/api/actions/${pending.id}`)).body).toMatchObject({ status: 'cancelled', reason: 'the recipient opted out' });
    expect((await t.request('GET', `/api/people/${personId}`)).body.optedOutAt).toBeTruthy();
    // a duplicate record with the same address is suppressed too
    const twin = await createPerson(t, { email: email.toUpperCase() });
    expect((await t.request('POST', '/api/actions', { body: { kind: 'email', personId: twin, subject: 's', body: 'b' } })).status).toBe(409);
    const timeline = await t.request('GET', `/api/activities?subjectType=person&subjectId=${personId}`);
    expect(timeline.body.items.map((i) => i.kind)).toContain('opted_out');
  });

  it('needs a token and stays inside the workspace', async () => {
    const personId = await createPerson(t);
    expect((await t.request('POST', `/api/people/${personId}/opt-out`, { token: null })).status).toBe(401);
    expect((await t.request('POST', `/api/people/${personId}/opt-out`, { token: t.b.adminToken })).status).toBe(404);
    expect((await t.request('POST', '/api/people/not-a-uuid/opt-out')).body.error.message).toMatch(/^id:/);
  });
});

describe('POST /api/people/:id/erase', () => {
  it('erases the person, cancels unsent actions, redacts payloads and keeps only the address hash', async () => {
    const email = `effacement-${Date.now()}@exemple.fr`;
    const personId = await createPerson(t, { email });
    const pending = await proposeEmail(t, personId, { subject: 'Données personnelles' });
    const approved = await proposeEmail(t, personId);
    await t.request('POST', `/api/actions/${approved.id}/approve`);
    const r = await t.request('POST', `/api/people/${personId}/erase`);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ erased: true, cancelled: 2, redactedActions: 2 });
    expect((await t.request('GET', `/api/people/${personId}`)).status).toBe(404);
    const a = await t.request('GET', `/api/actions/${pending.id}`);
    expect(a.body).toMatchObject({ status: 'cancelled', personId: null, payloads: { proposed: { redacted: true }, current: { redacted: true } } });
    expect(JSON.stringify(a.body)).not.toContain(email);
    expect(JSON.stringify(a.body.versions)).not.toContain('Données personnelles');
    const sup = await t.db.kysely.selectFrom('suppressions').selectAll().where('workspace_id', '=', t.a.id).where('reason', '=', 'erased').execute();
    expect(sup).toHaveLength(1);
    expect(sup[0].email).toBeNull();
    // re-imported later: never contacted again
    const again = await createPerson(t, { email });
    expect((await t.request('POST', '/api/actions', { body: { kind: 'email', personId: again, subject: 's', body: 'b' } })).status).toBe(409);
  });

  it('is admin-only, needs a token and stays inside the workspace', async () => {
    const personId = await createPerson(t);
    const denied = await t.request('POST', `/api/people/${personId}/erase`, { token: t.a.memberToken });
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toMatch(/admin-only/);
    expect((await t.request('POST', `/api/people/${personId}/erase`, { token: null })).status).toBe(401);
    expect((await t.request('POST', `/api/people/${personId}/erase`, { token: t.b.adminToken })).status).toBe(404);
    expect((await t.request('GET', `/api/people/${personId}`)).status).toBe(200);
  });
});
