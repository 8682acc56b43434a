import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertLeadDraft } from '../db/repositories/lead-drafts';
import { upsertStyleExample } from '../db/repositories/style-examples';
import { createPerson, proposeEmail, TEST_SECRET_KEY } from '../test/support/approval';
import { createTestContext, type TestContext, type TestWorkspace } from '../test/support/context';
import { purgeStaleProspects, retentionCutoff } from './retention';

// CNIL retention: prospect data is kept 3 years from the last contact coming from the prospect
// (else from its collection). The clock is fixed: records made "now" by the API are far younger
// than NOW's cutoff for years to come, and the ones under test get their dates set here.
const NOW = new Date('2027-03-01T09:00:00.000Z');
const CUTOFF = new Date('2024-03-01T09:00:00.000Z');
const DAY = 24 * 3600 * 1000;

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ RELAIS_SECRET_KEY: TEST_SECRET_KEY });
});
afterAll(async () => t?.close());

async function createCompany(ws: TestWorkspace = t.a, name = `Rénovation ${randomUUID().slice(0, 6)}`): Promise<string> {
  const r = await t.request('POST', '/api/companies', { token: ws.adminToken, body: { name } });
  if (r.status !== 201) throw new Error(JSON.stringify(r.body));
  return r.body.id;
}

async function createLead(opts: { ws?: TestWorkspace; companyId?: string; email?: string | null; kind?: 'lead' | 'contact'; createdAt?: Date; lastInboundAt?: Date }) {
  const ws = opts.ws ?? t.a;
  const r = await t.request('POST', '/api/people', {
    token: ws.adminToken,
    body: {
      kind: opts.kind ?? 'lead',
      firstName: 'Paulette',
      lastName: `Dubois ${randomUUID().slice(0, 6)}`,
      ...(opts.email === null ? {} : { email: opts.email ?? `p.${randomUUID().slice(0, 8)}@exemple.fr` }),
      ...(opts.companyId ? { companyId: opts.companyId } : {}),
    },
  });
  if (r.status !== 201) throw new Error(JSON.stringify(r.body));
  await t.db.kysely
    .updateTable('people')
    .set({ created_at: opts.createdAt ?? new Date(), last_inbound_at: opts.lastInboundAt ?? null })
    .where('id', '=', r.body.id)
    .execute();
  return r.body;
}

const personExists = async (id: string) => Boolean(await t.db.kysely.selectFrom('people').select('id').where('id', '=', id).executeTakeFirst());
const companyExists = async (id: string) => Boolean(await t.db.kysely.selectFrom('companies').select('id').where('id', '=', id).executeTakeFirst());

describe('retentionCutoff', () => {
  it('is 3 calendar years before now', () => {
    expect(retentionCutoff(NOW).toISOString()).toBe(CUTOFF.toISOString());
    expect(retentionCutoff(new Date('2028-02-29T12:00:00Z')).toISOString()).toBe('2025-03-01T12:00:00.000Z');
  });
});

describe('purgeStaleProspects', () => {
  it('forgets a lead with no contact from them for 3 years, with everything derived from them, and says why', async () => {
    const companyId = await createCompany();
    const lead = await createLead({ companyId, createdAt: new Date(CUTOFF.getTime() - DAY) });
    const sent = await proposeEmail(t, lead.id, { subject: 'Votre façade, Paulette' });
    expect((await t.request('POST', `/api/actions/${sent.id}/approve`)).status).toBe(200);
    const pending = await proposeEmail(t, lead.id);
    await upsertLeadDraft(t.db.kysely, {
      workspaceId: t.a.id,
      requestId: 'req-1',
      personId: lead.id,
      actionId: null,
      runId: randomUUID(),
      status: 'failed',
      language: 'fr',
      rounds: 1,
      notes: [],
      subject: 'Brouillon pour Paulette',
      body: 'Bonjour Paulette',
    });
    await upsertStyleExample(
      t.db.kysely,
      {
        id: randomUUID(),
        workspaceId: t.a.id,
        actionId: sent.id,
        language: 'fr',
        subject: 'Votre façade, Paulette',
        body: 'Bonjour Paulette',
        source: 'approved',
        context: 'rénovation',
      },
      null,
    );

    const report = await purgeStaleProspects(t.db.kysely, { now: NOW });
    expect(report).toEqual({ purged: 1, companies: 1, workspaces: 1 });

    expect(await personExists(lead.id)).toBe(false);
    expect(await companyExists(companyId)).toBe(false);
    const left = async (table: 'lead_drafts' | 'style_examples') => (await t.db.kysely.selectFrom(table).selectAll().where('workspace_id', '=', t.a.id).execute()).length;
    expect(await left('lead_drafts')).toBe(0);
    expect(await left('style_examples')).toBe(0);
    const timeline = await t.db.kysely.selectFrom('activities').select('id').where('subject_id', 'in', [lead.id, companyId]).execute();
    expect(timeline).toHaveLength(0);
    // the messages stay as facts (what was sent, when), without a word about the person
    const actions = await t.db.kysely.selectFrom('actions').selectAll().where('id', 'in', [sent.id, pending.id]).execute();
    expect(actions.map((a) => [a.id, a.status]).sort()).toEqual(
      [
        [sent.id, 'cancelled'],
        [pending.id, 'cancelled'],
      ].sort(),
    );
    expect(JSON.stringify(actions)).not.toContain('Paulette');
    expect(JSON.stringify(actions)).not.toContain(lead.email);
    const versions = await t.db.kysely.selectFrom('action_versions').select('payload').where('action_id', 'in', [sent.id, pending.id]).execute();
    expect(JSON.stringify(versions)).not.toContain('Paulette');

    const audit = await t.db.kysely.selectFrom('audit_log').selectAll().where('workspace_id', '=', t.a.id).where('action', '=', 'person.purged').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_type: 'system', actor_id: 'retention', subject_type: 'person', subject_id: lead.id });
    expect(audit[0].data).toMatchObject({ reason: 'no contact from the prospect for 3 years', from: 'collected', cancelled: 2, redactedActions: 2, companyDeleted: companyId });
    expect(JSON.stringify(audit[0].data)).not.toMatch(/Paulette|Dubois|@/);

    // once done, nothing more to do
    expect(await purgeStaleProspects(t.db.kysely, { now: NOW })).toEqual({ purged: 0, companies: 0, workspaces: 0 });
  });

  it('counts from the last contact coming from the prospect, else from collection; contacts are not prospects', async () => {
    const repliedRecently = await createLead({ createdAt: new Date('2019-05-01'), lastInboundAt: new Date(CUTOFF.getTime() + DAY) });
    const repliedLongAgo = await createLead({ createdAt: new Date('2019-05-01'), lastInboundAt: new Date(CUTOFF.getTime() - DAY) });
    const atTheLimit = await createLead({ createdAt: CUTOFF });
    const justPast = await createLead({ createdAt: new Date(CUTOFF.getTime() - 1) });
    const customer = await createLead({ kind: 'contact', createdAt: new Date('2019-05-01') });
    const fresh = await createLead({});

    const report = await purgeStaleProspects(t.db.kysely, { now: NOW });
    expect(report.purged).toBe(2);
    expect(await personExists(repliedRecently.id)).toBe(true);
    expect(await personExists(repliedLongAgo.id)).toBe(false);
    expect(await personExists(atTheLimit.id)).toBe(true);
    expect(await personExists(justPast.id)).toBe(false);
    expect(await personExists(customer.id)).toBe(true);
    expect(await personExists(fresh.id)).toBe(true);
    const audit = await t.db.kysely
      .selectFrom('audit_log')
      .select(['subject_id', 'data'])
      .where('action', '=', 'person.purged')
      .where('subject_id', '=', repliedLongAgo.id)
      .executeTakeFirstOrThrow();
    expect(audit.data).toMatchObject({ from: 'last_inbound', since: new Date(CUTOFF.getTime() - DAY).toISOString() });
  });

  it('keeps the company while something else refers to it, and works across workspaces', async () => {
    const shared = await createCompany();
    const stale = await createLead({ companyId: shared, createdAt: new Date('2020-01-01') });
    const colleague = await createLead({ companyId: shared });
    const withDeal = await createCompany();
    const staleWithDeal = await createLead({ companyId: withDeal, createdAt: new Date('2020-01-01') });
    const deal = await t.request('POST', '/api/deals', { body: { title: 'Ravalement', companyId: withDeal } });
    expect(deal.status).toBe(201);
    const elsewhere = await createCompany(t.b);
    const staleInB = await createLead({ ws: t.b, companyId: elsewhere, createdAt: new Date('2020-01-01') });

    const report = await purgeStaleProspects(t.db.kysely, { now: NOW, batch: 1 });
    expect(report).toEqual({ purged: 3, companies: 1, workspaces: 2 });
    expect(await personExists(stale.id)).toBe(false);
    expect(await personExists(colleague.id)).toBe(true);
    expect(await companyExists(shared)).toBe(true);
    expect(await personExists(staleWithDeal.id)).toBe(false);
    expect(await companyExists(withDeal)).toBe(true);
    expect(await personExists(staleInB.id)).toBe(false);
    expect(await companyExists(elsewhere)).toBe(false);
    const inB = await t.db.kysely.selectFrom('audit_log').select('subject_id').where('workspace_id', '=', t.b.id).where('action', '=', 'person.purged').execute();
    expect(inB.map((r) => r.subject_id)).toEqual([staleInB.id]);
  });

  it('keeps an objection forever, as the hash of the address only', async () => {
    const email = `objection.${randomUUID().slice(0, 8)}@exemple.fr`;
    const lead = await createLead({ email, createdAt: new Date('2020-01-01') });
    expect((await t.request('POST', `/api/people/${lead.id}/opt-out`)).status).toBe(200);
    const before = await t.db.kysely.selectFrom('suppressions').selectAll().where('workspace_id', '=', t.a.id).where('email', '=', email).executeTakeFirstOrThrow();

    await purgeStaleProspects(t.db.kysely, { now: NOW });
    expect(await personExists(lead.id)).toBe(false);
    const after = await t.db.kysely.selectFrom('suppressions').selectAll().where('workspace_id', '=', t.a.id).where('email_hash', '=', before.email_hash).execute();
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ reason: 'opt_out', email: null });
    // found again later by prospecting: still never contacted
    const again = await createPerson(t, { email });
    expect((await t.request('POST', '/api/actions', { body: { kind: 'email', personId: again, subject: 's', body: 'b' } })).status).toBe(409);
  });

  it('adds nobody to the suppression list: a purge is not an objection', async () => {
    const lead = await createLead({ createdAt: new Date('2020-01-01') });
    const before = await t.db.kysely.selectFrom('suppressions').select('email_hash').execute();
    await purgeStaleProspects(t.db.kysely, { now: NOW });
    expect(await personExists(lead.id)).toBe(false);
    expect(await t.db.kysely.selectFrom('suppressions').select('email_hash').execute()).toHaveLength(before.length);
  });
});

describe('the retention.purge job', () => {
  it('runs on a worker and purges with the real clock', async () => {
    const lead = await createLead({ createdAt: new Date(Date.now() - 4 * 365 * DAY) });
    const kept = await createLead({ createdAt: new Date(Date.now() - 2 * 365 * DAY) });
    const worker = t.startWorker({ jobs: 'retention.purge', pollMs: 50 });
    try {
      const deadline = Date.now() + 20_000;
      while ((await personExists(lead.id)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    } finally {
      await worker.stop();
    }
    expect(await personExists(lead.id)).toBe(false);
    expect(await personExists(kept.id)).toBe(true);
  });
});
