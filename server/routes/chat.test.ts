import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/context';

// The Chat API over the offline teammate (no OPENAI_API_KEY): the default wiring, the offline
// company directory, the real gate.
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ OPENAI_API_KEY: '' });
  t.startWorker();
});
afterAll(async () => t?.close());

async function settled(threadId: string, token?: string) {
  for (let i = 0; i < 200; i++) {
    const r = await t.request('GET', `/api/chat/${threadId}`, { token });
    if (r.body.run && r.body.run.status !== 'running') return r;
    await new Promise((res) => setTimeout(res, 50));
  }
  throw new Error('run did not finish');
}

describe('/api/chat', () => {
  it('takes a message, runs the teammates in the background, streams progress and keeps the conversation', async () => {
    const posted = await t.request('POST', '/api/chat', { body: { message: 'trouve 3 entreprises de rénovation à Lyon et écris-leur' } });
    expect(posted.status).toBe(202);
    expect(posted.body).toEqual({ threadId: expect.any(String), runId: expect.any(String) });
    const { threadId, runId } = posted.body;

    const events = await t.app.request(`/api/chat/${threadId}/events`, { headers: { authorization: `Bearer ${t.a.adminToken}` } });
    expect(events.status).toBe(200);
    expect(events.headers.get('content-type')).toMatch(/text\/event-stream/);
    const stream = await events.text();
    for (const kind of ['run_started', 'request_understood', 'companies_found', 'leads_created', 'drafting_started', 'draft_progress', 'drafts_queued', 'run_finished']) {
      expect(stream).toContain(`event: ${kind}`);
    }
    expect(stream).toMatch(/event: draft_progress\ndata: \{[^\n]*"done":3,"total":3/);

    const got = await settled(threadId);
    expect(got.status).toBe(200);
    expect(got.body.run).toMatchObject({ id: runId, status: 'succeeded', mode: 'offline', modelCalls: 0 });
    expect(got.body.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(got.body.messages[1].content).toMatch(/3 brouillons attendent votre validation/);

    // replay after a given event id
    const lastId = Number(/event: run_finished\ndata: [^\n]*\nid: (\d+)/.exec(stream)?.[1]);
    const replay = await t.app.request(`/api/chat/${threadId}/events?after=${lastId - 1}`, { headers: { authorization: `Bearer ${t.a.adminToken}` } });
    expect((await replay.text()).match(/^event: /gm)).toHaveLength(1);

    // the same thread goes on
    const next = await t.request('POST', '/api/chat', { body: { message: 'combien de prospects ?', threadId } });
    expect(next.status).toBe(202);
    expect(next.body.threadId).toBe(threadId);
    const after = await settled(threadId);
    expect(after.body.messages.at(-1)!.content).toMatch(/prospects? dans le CRM/);
  });

  it('rejects bad input naming the field', async () => {
    const missing = await t.request('POST', '/api/chat', { body: {} });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.fields[0].path).toBe('message');
    const empty = await t.request('POST', '/api/chat', { body: { message: '   ' } });
    expect(empty.body.error.message).toMatch(/^message:/);
    const badThread = await t.request('POST', '/api/chat', { body: { message: 'bonjour', threadId: 'nope' } });
    expect(badThread.status).toBe(400);
    expect(badThread.body.error.message).toMatch(/^threadId:/);
    const unknown = await t.request('POST', '/api/chat', { body: { message: 'bonjour', model: 'gpt' } });
    expect(unknown.body.error.message).toContain('model');
    const badParam = await t.request('GET', '/api/chat/not-a-uuid');
    expect(badParam.status).toBe(400);
    expect(badParam.body.error.message).toMatch(/^threadId:/);
    const badEvents = await t.request('GET', '/api/chat/not-a-uuid/events');
    expect(badEvents.status).toBe(400);
  });

  it('requires a token and never shows another workspace’s thread', async () => {
    expect((await t.request('POST', '/api/chat', { token: null, body: { message: 'bonjour' } })).status).toBe(401);
    expect((await t.request('GET', '/api/chat/00000000-0000-4000-8000-000000000000', { token: null })).status).toBe(401);
    const { body } = await t.request('POST', '/api/chat', { body: { message: 'combien d’affaires en négociation ?' } });
    await settled(body.threadId);
    const asB = { token: t.b.adminToken };
    expect((await t.request('GET', `/api/chat/${body.threadId}`, asB)).status).toBe(404);
    expect((await t.request('GET', `/api/chat/${body.threadId}/events`, asB)).status).toBe(404);
    expect((await t.request('POST', '/api/chat', { ...asB, body: { message: 'et maintenant ?', threadId: body.threadId } })).status).toBe(404);
  });
});
