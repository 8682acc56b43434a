import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { proposeOutbound } from '../actions/propose';
import { listAudit } from '../db/repositories/audit';
import { createTestContext, type TestContext } from '../test/support/context';
import { createPerson, proposeEmail, teammate, TEST_SECRET_KEY } from '../test/support/approval';
import { startSmtpSink, type SmtpSink } from '../test/support/smtp-sink';
import { claimBatch, type ApprovedSend } from './dispatcher-claim';
import { dispatchOnce, housekeeping, type DispatcherEnv } from './dispatcher';
import { recordOutcomes } from './dispatcher-outcomes';
import { PLACEHOLDER_WORKSPACE_NAME } from '../identity/profile';
import { secretKeys } from '../lib/secrets';
import { localParts } from './send-window';
import { closeTransports, deliverApproved } from './smtp';

// The dispatcher against a real SMTP server (smtp-server on 127.0.0.1, AUTH required).
let t: TestContext;
let sink: SmtpSink;
let env: DispatcherEnv;
let channelId = '';
const SMTP_USER = 'relais';
const SMTP_PASSWORD = 's3cret-p@ss';

beforeAll(async () => {
  sink = await startSmtpSink({ user: SMTP_USER, password: SMTP_PASSWORD });
  t = await createTestContext({ RELAIS_SECRET_KEY: TEST_SECRET_KEY, PUBLIC_URL: 'https://relais.example', RELAIS_SEND_WINDOW: 'off' });
  env = { db: t.db.kysely, config: t.config, logger: t.deps.logger };
  await t.request('PATCH', '/api/workspace', { body: { legalName: 'Atelier A SAS', address: '1 rue de la République, 69001 Lyon' } });
});
afterAll(async () => {
  closeTransports();
  await t?.close();
  await sink?.close();
});

async function connect(port = sink.port, password = SMTP_PASSWORD) {
  const r = await t.request('POST', '/api/connectors', {
    body: { type: 'smtp', host: '127.0.0.1', port, secure: false, noTls: true, user: SMTP_USER, password, fromEmail: 'contact@atelier-a.fr', fromName: 'Atelier A' },
  });
  expect(r.status).toBe(201);
  return r.body.id;
}

async function approved(personId?: string, over: Record<string, unknown> = {}) {
  const a = await proposeEmail(t, personId ?? (await createPerson(t)), over);
  expect((await t.request('POST', `/api/actions/${a.id}/approve`)).status).toBe(200);
  return a.id;
}

const status = async (id: string) => (await t.request('GET', `/api/actions/${id}`)).body;
const mailFor = (id: string) => sink.received.filter((m) => m.headers.get('message-id')?.startsWith(`<${id}@`));

describe('dispatcher → SMTP', () => {
  it('waits while no channel is connected, then sends as soon as one is', async () => {
    const id = await approved(undefined, { subject: 'Rénovation de vos bureaux', body: 'Bonjour Claire,\n\nAuriez-vous un moment cette semaine ?' });
    expect((await dispatchOnce(env)).claimed).toBe(0);
    expect((await status(id)).waitingReason).toBe('no channel connected');
    channelId = await connect();
    const s = await dispatchOnce(env);
    expect(s.sent).toBeGreaterThanOrEqual(1);
    const [mail] = mailFor(id);
    expect(mail).toBeTruthy();
    expect(mail.from).toBe('contact@atelier-a.fr');
    expect(mail.headers.get('from')).toContain('contact@atelier-a.fr');
    expect(mail.headers.get('subject')).toMatch(/=\?UTF-8\?|Rénovation/);
    expect(mail.headers.get('message-id')).toBe(`<${id}@atelier-a.fr>`);
    expect(mail.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const link = /^<(https:\/\/relais\.example\/u\/[A-Za-z0-9_.-]+)>$/.exec(mail.headers.get('list-unsubscribe') ?? '');
    expect(link).toBeTruthy();
    expect(mail.text).toContain('Bonjour Claire,\n\nAuriez-vous un moment cette semaine ?');
    expect(mail.text).toContain('Atelier A SAS\n1 rue de la République, 69001 Lyon');
    expect(mail.text).toContain(`Pour ne plus recevoir de messages de notre part : ${link![1]}`);
    const d = await status(id);
    expect(d).toMatchObject({ status: 'sent', messageId: `<${id}@atelier-a.fr>`, attempts: 1 });
    expect(d.payloads.executed).toMatchObject({ subject: 'Rénovation de vos bureaux', messageId: `<${id}@atelier-a.fr>`, channelId });
    expect(d.hashes.executed).toMatch(/^[0-9a-f]{64}$/);
    expect(d.history.map((h) => h.action)).toEqual(['action.created', 'action.approved', 'action.claimed', 'action.sent']);
    const timeline = await t.request('GET', `/api/activities?subjectType=person&subjectId=${d.personId}`);
    expect(timeline.body.items.map((i) => i.kind)).toContain('email_sent');
  });

  it('opt-out link: GET shows the page, POST records the objection, the dispatcher then refuses', async () => {
    const personId = await createPerson(t);
    const first = await approved(personId);
    await dispatchOnce(env);
    const url = new URL(/<([^>]+)>/.exec(mailFor(first)[0].headers.get('list-unsubscribe')!)![1]);
    const later = await approved(personId); // approved before the objection, not yet sent
    const pending = await proposeEmail(t, personId);

    const page = await t.request('GET', url.pathname, { token: null });
    expect(page.status).toBe(200);
    expect(page.body).toContain('Vous ne souhaitez plus recevoir de messages de Atelier A SAS');
    expect(page.body).toContain('<form method="post"');
    expect((await t.request('GET', `${url.pathname}?lang=en`, { token: null })).body).toContain('Do you want to stop receiving messages from Atelier A SAS?');
    expect((await t.request('GET', '/u/not-a-token', { token: null })).status).toBe(404);
    expect((await status(later)).status).toBe('approved');

    const post = await t.request('POST', url.pathname, { token: null, rawBody: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(post.status).toBe(200);
    expect(post.body).toContain("C'est fait");
    const suppressed = await t.db.kysely.selectFrom('suppressions').selectAll().where('workspace_id', '=', t.a.id).execute();
    expect(suppressed.map((s) => s.reason)).toContain('opt_out');
    expect((await t.request('GET', `/api/people/${personId}`)).body.optedOutAt).toBeTruthy();
    expect((await status(pending.id)).status).toBe('cancelled');

    const before = sink.received.length;
    await dispatchOnce(env);
    expect(sink.received.length).toBe(before);
    const refused = await status(later);
    expect(refused).toMatchObject({ status: 'cancelled', reason: 'the recipient opted out' });
    expect(refused.history.at(-1)).toMatchObject({ action: 'action.refused', data: expect.objectContaining({ refused: 'recipient_suppressed' }) });
    expect((await t.request('GET', url.pathname, { token: null })).body).toContain('déjà désinscrit');
    expect((await t.request('POST', '/api/actions', { body: { kind: 'email', personId, subject: 's', body: 'b' } })).status).toBe(409);
  });

  it('refuses and audits an approved payload changed in the database', async () => {
    const viaApproved = await approved();
    const viaCurrent = await approved();
    await sql`update actions set approved_payload = jsonb_set(approved_payload, '{body}', '"Virement urgent"') where id = ${viaApproved}`.execute(t.db.kysely);
    await sql`update actions set current_payload = jsonb_set(current_payload, '{to,email}', '"pirate@evil.test"') where id = ${viaCurrent}`.execute(t.db.kysely);
    await dispatchOnce(env);
    for (const id of [viaApproved, viaCurrent]) {
      expect(mailFor(id)).toHaveLength(0);
      const d = await status(id);
      expect(d).toMatchObject({ status: 'failed', reason: 'refused: the payload no longer matches what was approved' });
      const audit = await listAudit(t.db.kysely, t.a.id, 'action', id);
      expect(audit.at(-1)).toMatchObject({
        action: 'action.refused',
        actor_type: 'system',
        data: expect.objectContaining({ refused: 'payload_hash_mismatch', to: 'failed', expectedHash: d.hashes.approved }),
      });
    }
    expect(sink.received.some((m) => m.to.includes('pirate@evil.test'))).toBe(false);
  });

  it('sends a meeting as an ICS invitation', async () => {
    const personId = await createPerson(t);
    const m = await proposeOutbound(teammate(t), {
      kind: 'meeting',
      personId,
      subject: 'Visite du chantier',
      body: 'Rendez-vous sur place.',
      startsAt: '2031-05-06T10:00:00+02:00',
      durationMinutes: 60,
      location: '3 place Bellecour, Lyon',
    });
    await t.request('POST', `/api/actions/${m.actionId}/approve`);
    await dispatchOnce(env);
    const [mail] = mailFor(m.actionId);
    expect(mail.calendar).toContain('METHOD:REQUEST');
    expect(mail.calendar).toContain(`UID:${m.actionId}@relais`);
    expect(mail.calendar).toContain('DTSTART:20310506T080000Z');
    expect(mail.calendar).toContain('DTEND:20310506T090000Z');
    expect(mail.calendar).toMatch(/ATTENDEE;CN=.*mailto:/);
    expect(mail.text).toContain('Rendez-vous sur place.');
  });
});

describe('send-time policy', () => {
  beforeEach(async () => {
    await t.request('PATCH', '/api/workspace', { body: { settings: { dailyCap: 10_000 } } });
  });

  it('holds emails outside the send window until it opens', async () => {
    const today = localParts(new Date(), 'Europe/Paris').weekday;
    const otherDay = (today % 7) + 1;
    await t.request('PATCH', '/api/workspace', { body: { settings: { sendWindow: { days: [otherDay], start: '09:00', end: '18:00' } } } });
    const id = await approved();
    await dispatchOnce({ ...env, config: { ...env.config, RELAIS_SEND_WINDOW: 'on' } });
    const d = await status(id);
    expect(d).toMatchObject({ status: 'scheduled', waitingReason: 'outside the send window' });
    expect(new Date(d.nextAttemptAt!).getTime()).toBeGreaterThan(Date.now());
    expect(mailFor(id)).toHaveLength(0);
    await t.request('PATCH', '/api/workspace', { body: { settings: { sendWindow: { days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00' } } } });
    await sql`update actions set next_attempt_at = now() where id = ${id}`.execute(t.db.kysely);
    await dispatchOnce(env); // RELAIS_SEND_WINDOW=off: a demo process ignores the window
    expect((await status(id)).status).toBe('sent');
  });

  it('holds emails while the sender’s legal name or address is missing, then sends them', async () => {
    await sql`update workspaces set address = '' where id = ${t.a.id}`.execute(t.db.kysely);
    const id = await approved();
    await dispatchOnce(env);
    expect(await status(id)).toMatchObject({ status: 'scheduled', waitingReason: expect.stringMatching(/^sender identity incomplete/) });
    expect(mailFor(id)).toHaveLength(0);
    await t.request('PATCH', '/api/workspace', { body: { address: '1 rue de la République, 69001 Lyon' } });
    await sql`update actions set next_attempt_at = now() where id = ${id}`.execute(t.db.kysely);
    await dispatchOnce(env);
    expect((await status(id)).status).toBe('sent');
    expect(mailFor(id)[0].text).toContain('Atelier A SAS\n1 rue de la République, 69001 Lyon');
  });

  it('keeps each mailbox under its daily cap', async () => {
    const sentToday = await t.db.kysely.selectFrom('channel_daily_sends').select('sent').where('channel_id', '=', channelId).executeTakeFirst();
    await t.request('PATCH', '/api/workspace', { body: { settings: { dailyCap: (sentToday?.sent ?? 0) + 2 } } });
    const ids = [await approved(), await approved(), await approved()];
    await dispatchOnce(env);
    const states = await Promise.all(ids.map(status));
    expect(states.filter((s) => s.status === 'sent')).toHaveLength(2);
    const held = states.find((s) => s.status === 'scheduled');
    expect(held!.reason).toMatch(/daily cap of \d+ emails reached/);
    expect(new Date(held!.nextAttemptAt!).getTime()).toBeGreaterThan(Date.now());
  });

  it('retries temporary SMTP refusals with backoff and fails permanent ones with the server reply', async () => {
    const soft = await approved(await createPerson(t, { email: `soft-fail-${Date.now()}@exemple.fr` }));
    const hard = await approved(await createPerson(t, { email: `hard-fail-${Date.now()}@exemple.fr` }));
    await dispatchOnce(env, { backoffMs: 60_000, maxAttempts: 2 });
    const s1 = await status(soft);
    expect(s1).toMatchObject({ status: 'scheduled', attempts: 1, lastError: expect.stringContaining('451') });
    expect(new Date(s1.nextAttemptAt!).getTime()).toBeGreaterThan(Date.now() + 50_000);
    const h = await status(hard);
    expect(h).toMatchObject({ status: 'failed', reason: 'the mail server refused the message', lastError: expect.stringContaining('550') });
    await sql`update actions set next_attempt_at = now() where id = ${soft}`.execute(t.db.kysely);
    await dispatchOnce(env, { backoffMs: 60_000, maxAttempts: 2 });
    expect(await status(soft)).toMatchObject({ status: 'failed', reason: 'gave up after 2 attempts' });
    // a human may try again: same approved payload, same hash
    const retry = await t.request('POST', `/api/actions/${hard}/resolve`, { body: { outcome: 'resend' } });
    expect(retry.body).toMatchObject({ status: 'approved', attempts: 0 });
  });

  it('does not send through a disabled channel, and resumes when it is enabled again', async () => {
    const ch = (await t.request('GET', `/api/connectors/${channelId}`)).body;
    await t.request('PATCH', `/api/connectors/${channelId}`, { body: { version: ch.version, enabled: false } });
    const id = await approved();
    expect((await dispatchOnce(env)).claimed).toBe(0);
    expect((await status(id)).waitingReason).toBe('no channel connected');
    await t.request('PATCH', `/api/connectors/${channelId}`, { body: { version: ch.version + 1, enabled: true } });
    await dispatchOnce(env);
    expect((await status(id)).status).toBe('sent');
  });
});

describe('exactly once', () => {
  it('two concurrent approvals and two concurrent dispatchers: one send', async () => {
    const a = await proposeEmail(t, await createPerson(t));
    const [x, y] = await Promise.all([t.request('POST', `/api/actions/${a.id}/approve`), t.request('POST', `/api/actions/${a.id}/approve`)]);
    expect([x.status, y.status].sort()).toEqual([200, 409]);
    await Promise.all([dispatchOnce(env), dispatchOnce(env), dispatchOnce(env)]);
    expect(mailFor(a.id)).toHaveLength(1);
  });

  it('an action left sending past its lease becomes delivery_unknown and is never resent automatically', async () => {
    const id = await approved();
    const claim = await claimBatch(t.db.kysely, {
      owner: 'dead-worker',
      batchSize: 50,
      leaseMs: 100,
      sendWindow: false,
      keys: secretKeys(t.config),
      publicUrl: t.config.publicUrl,
      logger: t.deps.logger,
    });
    expect(claim.sends.map((s) => s.actionId)).toContain(id);
    await new Promise((r) => setTimeout(r, 150));
    expect((await housekeeping(env)).unknown).toBeGreaterThanOrEqual(1);
    expect((await status(id)).status).toBe('delivery_unknown');
    await dispatchOnce(env);
    expect(mailFor(id)).toHaveLength(0);
    expect((await t.request('GET', '/api/actions')).body.counts.delivery_unknown).toBeGreaterThanOrEqual(1);
    const resolved = await t.request('POST', `/api/actions/${id}/resolve`, { body: { outcome: 'resend' } });
    expect(resolved.body.status).toBe('approved');
    await dispatchOnce(env);
    expect(mailFor(id)).toHaveLength(1);
    expect((await status(id)).messageId).toBe(`<${id}@atelier-a.fr>`);
  });

  it('refuses to send anything that was not minted by a claim', async () => {
    const forged = { actionId: 'x', approvedHash: 'y', payload: {}, channel: { id: channelId }, message: {} } as unknown as ApprovedSend;
    await expect(deliverApproved(forged)).rejects.toThrow(/not an approved send/);
    const copy = { ...forged };
    await expect(deliverApproved(copy)).rejects.toThrow(/not an approved send/);
  });
});

describe('a cancel once sending has begun', () => {
  const claimAs = (owner: string, leaseMs = 60_000) =>
    claimBatch(t.db.kysely, { owner, batchSize: 50, leaseMs, sendWindow: false, keys: secretKeys(t.config), publicUrl: t.config.publicUrl, logger: t.deps.logger });
  const deliverAll = async (sends: ApprovedSend[]) => Promise.all(sends.map(async (send) => ({ send, result: await deliverApproved(send) })));

  it('answers 409, and the send that follows is recorded as sent', async () => {
    const id = await approved();
    const claim = await claimAs('worker-cancel');
    expect(claim.sends.map((s) => s.actionId)).toContain(id);
    const cancel = await t.request('POST', `/api/actions/${id}/cancel`, { body: { reason: 'trop tard ?' } });
    expect(cancel.status).toBe(409);
    expect(cancel.body.error.message).toMatch(/being sent/);
    expect((await t.request('POST', `/api/actions/${id}/cancel`, { token: t.a.memberToken })).status).toBe(409);
    const counts = await recordOutcomes(t.db.kysely, 'worker-cancel', await deliverAll(claim.sends), { maxAttempts: 6, backoffMs: 60_000 });
    expect(counts.sent).toBe(claim.sends.length);
    expect(mailFor(id)).toHaveLength(1);
    expect(await status(id)).toMatchObject({ status: 'sent', messageId: `<${id}@atelier-a.fr>` });
  });

  it('a send that completes after a human dropped its unknown delivery is still recorded in the history', async () => {
    const id = await approved();
    const claim = await claimAs('slow-worker', 50);
    expect(claim.sends.map((s) => s.actionId)).toContain(id);
    await new Promise((r) => setTimeout(r, 100));
    await housekeeping(env);
    expect((await status(id)).status).toBe('delivery_unknown');
    expect((await t.request('POST', `/api/actions/${id}/resolve`, { body: { outcome: 'cancel' } })).body.status).toBe('cancelled');
    await recordOutcomes(t.db.kysely, 'slow-worker', await deliverAll(claim.sends), { maxAttempts: 6, backoffMs: 60_000 });
    expect(mailFor(id)).toHaveLength(1);
    const d = await status(id);
    expect(d.status).toBe('cancelled');
    expect(d.history.at(-1)).toMatchObject({
      action: 'action.outcome_after_decision',
      actor: { type: 'system', id: 'dispatcher:slow-worker' },
      data: expect.objectContaining({ outcome: 'sent', status: 'cancelled', messageId: `<${id}@atelier-a.fr>` }),
    });
  });
});

describe('the first-start placeholder is not a sender identity', () => {
  it('holds emails while the legal name is still the placeholder, and says why', async () => {
    await sql`update workspaces set legal_name = ${PLACEHOLDER_WORKSPACE_NAME} where id = ${t.a.id}`.execute(t.db.kysely);
    const id = await approved();
    await dispatchOnce(env);
    expect(await status(id)).toMatchObject({ status: 'scheduled', waitingReason: expect.stringMatching(/^sender identity incomplete/) });
    expect(mailFor(id)).toHaveLength(0);
    await t.request('PATCH', '/api/workspace', { body: { legalName: 'Atelier A SAS' } });
    await sql`update actions set next_attempt_at = now() where id = ${id}`.execute(t.db.kysely);
    await dispatchOnce(env);
    expect((await status(id)).status).toBe('sent');
    expect(mailFor(id)[0].text).not.toContain(PLACEHOLDER_WORKSPACE_NAME);
  });
});
