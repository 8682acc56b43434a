import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proposeOutbound } from '../../actions/propose';
import { listAudit } from '../../db/repositories/audit';
import { createTestContext, type TestContext } from '../../test/support/context';
import { createPerson, proposeEmail, teammate, TEST_SECRET_KEY } from '../../test/support/approval';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ RELAIS_SECRET_KEY: TEST_SECRET_KEY });
});
afterAll(async () => t?.close());

const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString();
let call = 0;
const draft = (personId: string, over: Record<string, unknown> = {}, who = 'drafter') =>
  proposeOutbound(teammate(t, t.a, who), { kind: 'email', personId, subject: 'Relance', body: 'Bonjour', origin: { toolCallId: `c${++call}` }, ...over });

describe('/api/auto-approve-rules', () => {
  it('is off by default: teammate proposals wait for a human', async () => {
    expect((await t.request('GET', '/api/auto-approve-rules')).body.items).toEqual([]);
    const r = await draft(await createPerson(t), { reviewer: { verdict: 'passed' } });
    expect(r.status).toBe('pending_approval');
  });

  it('approves in scope when its conditions hold, audited with the rule id', async () => {
    const created = await t.request('POST', '/api/auto-approve-rules', {
      body: { name: 'relances relues', scope: { kind: 'email', teammate: 'drafter', sequenceStep: 2 }, conditions: { reviewerPassed: true }, expiresAt: inDays(30) },
    });
    expect(created.status).toBe(201);
    const rule = created.body;
    expect(rule).toMatchObject({
      scope: { kind: 'email', teammate: 'drafter', sequenceStep: 2 },
      conditions: { reviewerPassed: true, recipientApprovedBefore: false },
      enabled: true,
      active: true,
    });
    const personId = await createPerson(t);
    const passed = await draft(personId, { sequenceStep: 2, reviewer: { verdict: 'passed' } });
    expect(passed.status).toBe('approved');
    const d = await t.request('GET', `/api/actions/${passed.actionId}`);
    expect(d.body.approvedBy).toEqual({ type: 'rule', id: rule.id, ruleId: rule.id });
    expect(d.body.hashes.approved).toBe(d.body.hashes.current);
    const audit = await listAudit(t.db.kysely, t.a.id, 'action', passed.actionId);
    expect(audit.map((e) => [e.action, e.actor_type, e.actor_id])).toEqual([
      ['action.created', 'teammate', 'drafter'],
      ['action.approved', 'rule', rule.id],
    ]);
    expect(audit[1].data).toMatchObject({ ruleId: rule.id, from: 'pending_approval', to: 'approved' });

    expect((await draft(personId, { sequenceStep: 2, reviewer: { verdict: 'needs_attention' } })).status).toBe('pending_approval');
    expect((await draft(personId, { sequenceStep: 1, reviewer: { verdict: 'passed' } })).status).toBe('pending_approval');
    expect((await draft(personId, { sequenceStep: 2, reviewer: { verdict: 'passed' } }, 'prospector')).status).toBe('pending_approval');
    expect((await proposeEmail(t, personId, { sequenceStep: 2 })).status).toBe('pending_approval'); // a human's API proposal

    await t.request('PATCH', `/api/auto-approve-rules/${rule.id}`, { body: { version: 1, enabled: false } });
    expect((await draft(personId, { sequenceStep: 2, reviewer: { verdict: 'passed' } })).status).toBe('pending_approval');
  });

  it('can require that a human approved this recipient before, and stops at its expiry', async () => {
    const rule = (
      await t.request('POST', '/api/auto-approve-rules', {
        body: { scope: { teammate: 'replier' }, conditions: { reviewerPassed: false, recipientApprovedBefore: true }, expiresAt: inDays(7) },
      })
    ).body;
    const personId = await createPerson(t);
    const first = await draft(personId, {}, 'replier');
    expect(first.status).toBe('pending_approval');
    await t.request('POST', `/api/actions/${first.actionId}/approve`);
    expect((await draft(personId, {}, 'replier')).status).toBe('approved');
    await sql`update auto_approve_rules set expires_at = now() - interval '1 second' where id = ${rule.id}`.execute(t.db.kysely);
    expect((await draft(personId, {}, 'replier')).status).toBe('pending_approval');
    expect((await t.request('GET', '/api/auto-approve-rules')).body.items.find((r) => r.id === rule.id)!.active).toBe(false);
  });

  it('requires an expiry date in the future, naming the field', async () => {
    const missing = await t.request('POST', '/api/auto-approve-rules', { body: { scope: {} } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.fields[0].path).toBe('expiresAt');
    expect((await t.request('POST', '/api/auto-approve-rules', { body: { expiresAt: inDays(-1) } })).body.error.message).toMatch(/^expiresAt: must be in the future/);
    expect((await t.request('POST', '/api/auto-approve-rules', { body: { expiresAt: inDays(400) } })).body.error.message).toMatch(/^expiresAt:/);
    expect((await t.request('POST', '/api/auto-approve-rules', { body: { expiresAt: inDays(1), scope: { kind: 'fax' } } })).body.error.details.fields[0].path).toBe('scope.kind');
  });

  it('is admin-only, needs a token, and stays inside the workspace', async () => {
    const rule = (await t.request('POST', '/api/auto-approve-rules', { body: { expiresAt: inDays(1) } })).body;
    const member = { token: t.a.memberToken };
    const denied = await t.request('POST', '/api/auto-approve-rules', { ...member, body: { expiresAt: inDays(1) } });
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toMatch(/admin-only/);
    expect((await t.request('PATCH', `/api/auto-approve-rules/${rule.id}`, { ...member, body: { version: 1, enabled: false } })).status).toBe(403);
    expect((await t.request('DELETE', `/api/auto-approve-rules/${rule.id}`, member)).status).toBe(403);
    expect((await t.request('GET', '/api/auto-approve-rules', member)).status).toBe(200);
    expect((await t.request('GET', '/api/auto-approve-rules', { token: null })).status).toBe(401);
    expect((await t.request('POST', '/api/auto-approve-rules', { token: null, body: {} })).status).toBe(401);
    const asB = { token: t.b.adminToken };
    expect((await t.request('PATCH', `/api/auto-approve-rules/${rule.id}`, { ...asB, body: { version: 1, enabled: false } })).status).toBe(404);
    expect((await t.request('DELETE', `/api/auto-approve-rules/${rule.id}`, asB)).status).toBe(404);
    expect((await t.request('PATCH', `/api/auto-approve-rules/${rule.id}`, { body: { version: 9, enabled: false } })).status).toBe(409);
    expect((await t.request('DELETE', `/api/auto-approve-rules/${rule.id}`)).status).toBe(204);
  });
});
