import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeal } from '../crm/deals';
import { createTestContext, type TestContext } from '../test/support/context';
import { createPerson, teammate, TEST_SECRET_KEY } from '../test/support/approval';
import { allTools, runTool, toolRegistry } from './index';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ RELAIS_SECRET_KEY: TEST_SECRET_KEY });
});
afterAll(async () => t?.close());

describe('typed tools', () => {
  it('declares every tool a teammate calls, with a kind; sending tools are outbound', () => {
    expect(Object.fromEntries(allTools.map((x) => [x.name, x.kind]))).toEqual({
      pipeline_summary: 'read',
      count_people: 'read',
      count_companies: 'read',
      pending_drafts: 'read',
      send_email: 'outbound',
    });
  });

  it('intercepts outbound calls: an action waits for approval, a retried call returns it', async () => {
    const personId = await createPerson(t);
    const ctx = { crm: teammate(t), origin: { teammate: 'drafter', runId: 'r1', threadId: 'th1', toolCallId: 'tc-1' }, reviewer: { verdict: 'passed' as const, notes: [] } };
    const out = await runTool(toolRegistry, ctx, 'send_email', { personId, subject: 'Bonjour', body: 'Un devis ?' });
    expect(out).toEqual({ actionId: expect.any(String), status: 'pending_approval' });
    expect(await runTool(toolRegistry, ctx, 'send_email', { personId, subject: 'Bonjour', body: 'Un devis ?' })).toEqual(out);
    const list = await t.request('GET', `/api/actions?personId=${personId}`);
    expect(list.body.items.map((i) => i.kind)).toEqual(['email']);
  });

  it('validates inputs naming the field, and answers reads from this workspace only', async () => {
    const personId = await createPerson(t, { firstName: 'Zoé' });
    const ctx = { crm: teammate(t) };
    await expect(runTool(toolRegistry, ctx, 'send_email', { personId, body: 'x' })).rejects.toMatchObject({
      code: 'validation_failed',
      message: expect.stringMatching(/^subject:/),
    });
    await expect(runTool(toolRegistry, ctx, 'count_people', { kind: 'nobody' })).rejects.toMatchObject({ code: 'validation_failed', message: expect.stringMatching(/^kind:/) });
    await expect(runTool(toolRegistry, ctx, 'nope', {})).rejects.toMatchObject({ code: 'not_found' });
    await createDeal({ ...teammate(t), actor: { type: 'user', id: t.a.adminId } }, { title: 'Toiture', amountCents: 120_000, stage: 'negociation' });
    const summary = (await runTool(toolRegistry, ctx, 'pipeline_summary', {})) as { stages: { key: string; count: number; amountCents: number }[] };
    expect(summary.stages.find((s) => s.key === 'negociation')).toMatchObject({ count: 1, amountCents: 120_000 });
    const other = (await runTool(toolRegistry, { crm: teammate(t, t.b) }, 'pipeline_summary', {})) as typeof summary;
    expect(other.stages.every((s) => s.count === 0)).toBe(true);
    expect(await runTool(toolRegistry, ctx, 'count_people', { kind: 'lead' })).toEqual({ count: expect.any(Number) });
  });
});
