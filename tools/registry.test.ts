import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../test/support/context';
import { createPerson, teammate, TEST_SECRET_KEY } from '../test/support/approval';
import { allTools, callTool, toolRegistry } from './index';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ RELAIS_SECRET_KEY: TEST_SECRET_KEY });
});
afterAll(async () => t?.close());

describe('typed tools', () => {
  it('declares every tool with a kind; sending tools are outbound', () => {
    expect(Object.fromEntries(allTools.map((x) => [x.name, x.kind]))).toEqual({
      get_person: 'read',
      find_people: 'read',
      log_note: 'write',
      send_email: 'outbound',
      send_message: 'outbound',
      book_meeting: 'outbound',
    });
  });

  it('intercepts outbound calls: an action waits for approval, a retried call returns it', async () => {
    const personId = await createPerson(t);
    const ctx = { crm: teammate(t), origin: { teammate: 'drafter', runId: 'r1', threadId: 'th1', toolCallId: 'tc-1' }, reviewer: { verdict: 'passed' as const, notes: [] } };
    const out = await callTool(toolRegistry, ctx, 'send_email', { personId, subject: 'Bonjour', body: 'Un devis ?' });
    expect(out).toEqual({ actionId: expect.any(String), status: 'pending_approval' });
    expect(await callTool(toolRegistry, ctx, 'send_email', { personId, subject: 'Bonjour', body: 'Un devis ?' })).toEqual(out);
    const meeting = await callTool(toolRegistry, { ...ctx, origin: { ...ctx.origin, toolCallId: 'tc-2' } }, 'book_meeting', {
      personId,
      subject: 'Visite',
      body: 'Sur place',
      startsAt: '2031-01-01T10:00:00+01:00',
      durationMinutes: 30,
    });
    expect(meeting).toMatchObject({ status: 'pending_approval' });
    const list = await t.request('GET', `/api/actions?personId=${personId}`);
    expect(list.body.items.map((i: { kind: string }) => i.kind).sort()).toEqual(['email', 'meeting']);
    const message = await callTool(toolRegistry, { ...ctx, origin: { ...ctx.origin, toolCallId: 'tc-3' } }, 'send_message', { personId, body: 'Petit message' });
    await t.request('POST', `/api/actions/${(message as { actionId: string }).actionId}/approve`);
    expect((await t.request('GET', `/api/actions/${(message as { actionId: string }).actionId}`)).body.waitingReason).toBe('no channel connected for messages');
  });

  it('validates inputs naming the field, and runs read and write tools', async () => {
    const personId = await createPerson(t, { firstName: 'Zoé' });
    const ctx = { crm: teammate(t) };
    await expect(callTool(toolRegistry, ctx, 'send_email', { personId, body: 'x' })).rejects.toMatchObject({ code: 'validation_failed', message: expect.stringMatching(/^subject:/) });
    await expect(callTool(toolRegistry, ctx, 'nope', {})).rejects.toMatchObject({ code: 'not_found' });
    expect(await callTool(toolRegistry, ctx, 'get_person', { personId })).toMatchObject({ id: personId, firstName: 'Zoé' });
    expect(await callTool(toolRegistry, ctx, 'log_note', { personId, summary: 'A rappeler lundi' })).toMatchObject({ id: expect.any(String) });
    await expect(callTool(toolRegistry, { crm: teammate(t, t.b) }, 'get_person', { personId })).rejects.toMatchObject({ code: 'not_found' });
  });
});
