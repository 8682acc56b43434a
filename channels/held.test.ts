import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '../db/repositories/audit';
import { connectSink, createPerson, proposeEmail, TEST_SECRET_KEY } from '../test/support/approval';
import { createTestContext, type TestContext } from '../test/support/context';
import { startSmtpSink, type SmtpSink } from '../test/support/smtp-sink';
import { dispatchOnce, type DispatcherEnv } from './dispatcher';
import { localParts } from './send-window';
import { closeTransports } from './smtp';

// Held emails (approved, waiting on the workspace: channel, sender identity, send window, daily
// cap): a change of the cause re-evaluates them at once, and "send now" works when nothing holds
// them any more. The send window is on in this file.
let t: TestContext;
let sink: SmtpSink;
let env: DispatcherEnv;
let channelId = '';
const ALWAYS = { days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '23:59' };
const today = () => localParts(new Date(), 'Europe/Paris').weekday;
const notToday = () => ({ days: [(today() % 7) + 1], start: '09:00', end: '18:00' });

beforeAll(async () => {
  sink = await startSmtpSink({ user: 'relais', password: 'mot-de-passe' });
  t = await createTestContext({ RELAIS_SECRET_KEY: TEST_SECRET_KEY, PUBLIC_URL: 'https://relais.example', RELAIS_SEND_WINDOW: 'on' });
  env = { db: t.db.kysely, config: t.config, logger: t.deps.logger };
  channelId = await connectSink(t, sink);
});
afterAll(async () => {
  closeTransports();
  await t?.close();
  await sink?.close();
});
beforeEach(async () => {
  await t.request('PATCH', '/api/workspace', {
    body: { legalName: 'Atelier A SAS', address: '1 rue de la République, 69001 Lyon', settings: { sendWindow: ALWAYS, dailyCap: 10_000 } },
  });
  const ch = (await t.request('GET', `/api/connectors/${channelId}`)).body;
  if (ch.dailyCap !== null) await t.request('PATCH', `/api/connectors/${channelId}`, { body: { version: ch.version, dailyCap: null } });
});

async function approved(token?: string) {
  const a = await proposeEmail(t, await createPerson(t), {}, token);
  expect((await t.request('POST', `/api/actions/${a.id}/approve`)).status).toBe(200);
  return a.id;
}
const status = async (id: string) => (await t.request('GET', `/api/actions/${id}`)).body;
const mailFor = (id: string) => sink.received.filter((m) => m.headers.get('message-id')?.startsWith(`<${id}@`));
const heldFor = async (id: string) => new Date((await status(id)).nextAttemptAt!).getTime() - Date.now();

describe('a change of the cause re-evaluates held emails at once', () => {
  it('filling in the sender identity', async () => {
    await sql`update workspaces set address = '' where id = ${t.a.id}`.execute(t.db.kysely);
    const id = await approved();
    await dispatchOnce(env);
    expect(await status(id)).toMatchObject({ status: 'scheduled', waitingReason: expect.stringMatching(/^sender identity incomplete/) });
    expect(await heldFor(id)).toBeGreaterThan(30_000);
    await t.request('PATCH', '/api/workspace', { body: { address: '1 rue de la République, 69001 Lyon' } });
    await dispatchOnce(env);
    // waiting was not an attempt: the send is its first
    expect(await status(id)).toMatchObject({ status: 'sent', attempts: 1 });
    expect(mailFor(id)).toHaveLength(1);
  });

  it('changing the send window: no email waits for an opening that no longer exists', async () => {
    await t.request('PATCH', '/api/workspace', { body: { settings: { sendWindow: notToday() } } });
    const id = await approved();
    await dispatchOnce(env);
    expect(await status(id)).toMatchObject({ status: 'scheduled', waitingReason: 'outside the send window' });
    expect(await heldFor(id)).toBeGreaterThan(3600_000);
    await t.request('PATCH', '/api/workspace', { body: { settings: { sendWindow: ALWAYS } } });
    await dispatchOnce(env);
    expect((await status(id)).status).toBe('sent');
  });

  it('raising the mailbox daily cap', async () => {
    const sentToday = await t.db.kysely.selectFrom('channel_daily_sends').select('sent').where('channel_id', '=', channelId).executeTakeFirst();
    const ch = (await t.request('GET', `/api/connectors/${channelId}`)).body;
    await t.request('PATCH', `/api/connectors/${channelId}`, { body: { version: ch.version, dailyCap: sentToday?.sent ?? 1 } });
    const id = await approved();
    await dispatchOnce(env);
    expect(await status(id)).toMatchObject({ status: 'scheduled', waitingReason: expect.stringMatching(/^daily cap of \d+ emails reached/) });
    expect(await heldFor(id)).toBeGreaterThan(60_000);
    await t.request('PATCH', `/api/connectors/${channelId}`, { body: { version: ch.version + 1, dailyCap: (sentToday?.sent ?? 1) + 10 } });
    await dispatchOnce(env);
    expect((await status(id)).status).toBe('sent');
  });

  it('a change in another workspace leaves this one’s held emails alone', async () => {
    await t.request('PATCH', '/api/workspace', { body: { settings: { sendWindow: notToday() } } });
    const id = await approved();
    await dispatchOnce(env);
    const until = (await status(id)).nextAttemptAt;
    await t.request('PATCH', '/api/workspace', { token: t.b.adminToken, body: { settings: { sendWindow: ALWAYS } } });
    expect((await status(id)).nextAttemptAt).toBe(until);
  });
});

describe('POST /api/actions/{id}/send-now', () => {
  it('sends a held email now once nothing holds it; says why not while something does', async () => {
    await t.request('PATCH', '/api/workspace', { body: { settings: { sendWindow: notToday() } } });
    const id = await approved();
    await dispatchOnce(env);
    expect((await status(id)).status).toBe('scheduled');

    const closed = await t.request('POST', `/api/actions/${id}/send-now`);
    expect(closed.status).toBe(409);
    expect(closed.body.error.message).toMatch(/^it cannot be sent now: outside the send window \(until \d{4}-/);
    expect(closed.body.error.details).toMatchObject({ hold: 'send_window', until: expect.any(String) });

    // the window opens without a re-queue (a direct change): the email still waits for the old opening
    await sql`update workspaces set settings = jsonb_set(settings, '{sendWindow}', ${JSON.stringify(ALWAYS)}::jsonb) where id = ${t.a.id}`.execute(t.db.kysely);
    expect(await heldFor(id)).toBeGreaterThan(3600_000);
    const ok = await t.request('POST', `/api/actions/${id}/send-now`, { token: t.a.memberToken });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('scheduled');
    expect(new Date(ok.body.nextAttemptAt!).getTime()).toBeLessThanOrEqual(Date.now());
    const audit = await listAudit(t.db.kysely, t.a.id, 'action', id);
    expect(audit.at(-1)).toMatchObject({ action: 'action.send_now', actor_type: 'user', actor_id: t.a.memberId });
    await dispatchOnce(env);
    expect((await status(id)).status).toBe('sent');
    expect(mailFor(id)).toHaveLength(1);
  });

  it('refuses while the daily cap is reached, and for anything but a held email', async () => {
    const sentToday = await t.db.kysely.selectFrom('channel_daily_sends').select('sent').where('channel_id', '=', channelId).executeTakeFirst();
    const ch = (await t.request('GET', `/api/connectors/${channelId}`)).body;
    await t.request('PATCH', `/api/connectors/${channelId}`, { body: { version: ch.version, dailyCap: sentToday?.sent ?? 1 } });
    const held = await approved();
    await dispatchOnce(env);
    const capped = await t.request('POST', `/api/actions/${held}/send-now`);
    expect(capped.status).toBe(409);
    expect(capped.body.error).toMatchObject({ message: expect.stringMatching(/daily cap of \d+ emails reached/), details: { hold: 'daily_cap' } });

    const pending = await proposeEmail(t, await createPerson(t));
    const notHeld = await t.request('POST', `/api/actions/${pending.id}/send-now`);
    expect(notHeld.status).toBe(409);
    expect(notHeld.body.error.message).toMatch(/pending_approval/);
    await t.request('POST', `/api/actions/${held}/cancel`);
    expect((await t.request('POST', `/api/actions/${held}/send-now`)).status).toBe(409);
    expect((await status(held)).status).toBe('cancelled');
  });

  it('validates the id and keeps to the workspace', async () => {
    const bad = await t.request('POST', '/api/actions/not-a-uuid/send-now');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^id:/);
    expect((await t.request('POST', '/api/actions/01890000-0000-7000-8000-000000000000/send-now')).status).toBe(404);
    expect((await t.request('POST', '/api/actions/01890000-0000-7000-8000-000000000000/send-now', { token: null })).status).toBe(401);

    await t.request('PATCH', '/api/workspace', { body: { settings: { sendWindow: notToday() } } });
    const id = await approved();
    await dispatchOnce(env);
    const before = await status(id);
    await t.request('PATCH', '/api/workspace', { token: t.b.adminToken, body: { settings: { sendWindow: ALWAYS } } });
    const foreign = await t.request('POST', `/api/actions/${id}/send-now`, { token: t.b.adminToken });
    expect(foreign.status).toBe(404);
    expect(await status(id)).toMatchObject({ status: 'scheduled', nextAttemptAt: before.nextAttemptAt });
    expect((await listAudit(t.db.kysely, t.a.id, 'action', id)).map((e) => e.action)).not.toContain('action.send_now');
  });
});

describe('the Library API says when each held email leaves, and why it waits', () => {
  it('lists held emails with their next attempt and reason', async () => {
    await t.request('PATCH', '/api/workspace', { body: { settings: { sendWindow: notToday() } } });
    const id = await approved();
    await dispatchOnce(env);
    const list = await t.request('GET', '/api/actions?status=scheduled');
    const item = list.body.items.find((i) => i.id === id)!;
    expect(item).toMatchObject({ status: 'scheduled', waitingReason: 'outside the send window', nextAttemptAt: expect.any(String) });
    expect(new Date(item.nextAttemptAt!).getTime()).toBeGreaterThan(Date.now() + 3600_000);
  });
});
