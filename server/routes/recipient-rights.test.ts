import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../db/repositories/audit';
import { upsertLeadDraft } from '../../db/repositories/lead-drafts';
import { upsertStyleExample } from '../../db/repositories/style-examples';
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

describe('opt-out with a reason', () => {
  it('keeps what the person said on their timeline, never in the audit log', async () => {
    const personId = await createPerson(t);
    const r = await t.request('POST', `/api/people/${personId}/opt-out`, { token: t.a.memberToken, body: { reason: 'Au téléphone : « ne m’écrivez plus »' } });
    expect(r.status).toBe(200);
    const timeline = await t.request('GET', `/api/activities?subjectType=person&subjectId=${personId}`);
    expect(timeline.body.items.find((i) => i.kind === 'opted_out')).toMatchObject({ summary: 'Au téléphone : « ne m’écrivez plus »' });
    const audit = await listAudit(t.db.kysely, t.a.id, 'person', personId);
    expect(JSON.stringify(audit)).not.toContain('téléphone');
  });

  it('refuses a reason that cannot be stored, or an unknown field, with 400 and nothing written', async () => {
    const personId = await createPerson(t);
    const nul = await t.request('POST', `/api/people/${personId}/opt-out`, { body: { reason: 'a\u0000b' } });
    expect(nul.status).toBe(400);
    expect(nul.body.error.message).toMatch(/^reason:/);
    expect((await t.request('POST', `/api/people/${personId}/opt-out`, { body: { reason: 'x', force: true } })).status).toBe(400);
    expect((await t.request('GET', `/api/people/${personId}`)).body.optedOutAt).toBeNull();
  });
});

describe('erasure forgets what was derived from the person', () => {
  it('deletes the drafts and style examples made from them, and a sole trader’s company (it is the person)', async () => {
    const soleTrader = await t.request('POST', '/api/companies', { body: { name: 'Jean Petit EI' } });
    const firm = await t.request('POST', '/api/companies', { body: { name: 'Bâtiments Petit SAS' } });
    const jean = await t.request('POST', '/api/people', {
      body: { kind: 'lead', firstName: 'Jean', lastName: 'Petit', email: `jean.${randomUUID().slice(0, 8)}@exemple.fr`, companyId: soleTrader.body.id, isNaturalPerson: true },
    });
    const paul = await t.request('POST', '/api/people', {
      body: { kind: 'lead', firstName: 'Paul', lastName: 'Petit', email: `paul.${randomUUID().slice(0, 8)}@exemple.fr`, companyId: firm.body.id },
    });
    const action = await proposeEmail(t, jean.body.id);
    await t.request('POST', `/api/actions/${action.id}/approve`);
    await upsertStyleExample(
      t.db.kysely,
      { id: randomUUID(), workspaceId: t.a.id, actionId: action.id, language: 'fr', subject: 'Bonjour Jean', body: 'Bonjour Jean Petit', source: 'approved', context: 'x' },
      null,
    );
    const draft = {
      workspaceId: t.a.id,
      requestId: 'r',
      actionId: null,
      runId: randomUUID(),
      status: 'failed',
      language: 'fr',
      rounds: 1,
      notes: [] as string[],
      subject: 'Jean',
      body: 'Jean',
    } as const;
    await upsertLeadDraft(t.db.kysely, { ...draft, personId: jean.body.id });
    await upsertLeadDraft(t.db.kysely, { ...draft, personId: paul.body.id });

    expect((await t.request('POST', `/api/people/${jean.body.id}/erase`)).status).toBe(200);
    expect((await t.request('POST', `/api/people/${paul.body.id}/erase`)).status).toBe(200);
    const drafts = await t.db.kysely.selectFrom('lead_drafts').select('person_id').where('person_id', 'in', [jean.body.id, paul.body.id]).execute();
    expect(drafts).toEqual([]);
    expect(await t.db.kysely.selectFrom('style_examples').select('id').where('action_id', '=', action.id).execute()).toEqual([]);
    expect((await t.request('GET', `/api/companies/${soleTrader.body.id}`)).status).toBe(404);
    // a company of its own (not a natural person) stays: it is not personal data
    expect((await t.request('GET', `/api/companies/${firm.body.id}`)).status).toBe(200);
    const audit = await listAudit(t.db.kysely, t.a.id, 'person', jean.body.id);
    expect(audit.at(-1)).toMatchObject({ action: 'person.erased', data: { companyDeleted: soleTrader.body.id } });
  });
});
