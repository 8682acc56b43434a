import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretKeys } from '../../lib/secrets';
import { createPerson, proposeEmail, TEST_SECRET_KEY } from '../../test/support/approval';
import { createTestContext, type TestContext } from '../../test/support/context';
import { DOVECOT_MISSING, DOVECOT_PASSWORD, DOVECOT_USER, type Dovecot, dovecotAvailable, startDovecot } from '../../test/support/dovecot';
import { syncInbound } from './sync';

// The inbound.sync job against a real Dovecot: a reply answered in the prospect's mailbox client
// lands threaded in Conversations, its pending follow-up cancelled; a second sync adds nothing;
// a wrong password is recorded on the connector and retried later.
if (!dovecotAvailable) console.warn(`[inbound sync] ${DOVECOT_MISSING}`);

let t: TestContext;
let d: Dovecot;
const log = pino({ level: 'silent' });
beforeAll(async () => {
  if (!dovecotAvailable) return;
  t = await createTestContext({ RELAIS_SECRET_KEY: TEST_SECRET_KEY });
  d = await startDovecot();
}, 60_000);
afterAll(async () => {
  await d?.close();
  await t?.close();
});

const sync = () => syncInbound(t.db.kysely, secretKeys(t.config), { log });

describe.skipIf(!dovecotAvailable)('inbound sync from an IMAP mailbox', () => {
  it('threads a reply, cancels the follow-up, and a second sync adds nothing', async () => {
    const c = await t.request('POST', '/api/inbound-connectors', {
      body: { type: 'imap', host: '127.0.0.1', port: d.port, secure: false, noTls: true, user: DOVECOT_USER, password: DOVECOT_PASSWORD },
    });
    expect(c.status).toBe(201);
    const email = `claire-${Date.now()}@bureaux.example`;
    const personId = await createPerson(t, { email });
    const first = await proposeEmail(t, personId);
    const followUp = await proposeEmail(t, personId);
    await d.append(
      [
        `From: Claire <${email}>`,
        'To: contact@atelier-a.fr',
        'Subject: Re: Rénovation de vos locaux',
        'Date: Tue, 1 Dec 2026 11:00:00 +0100',
        `Message-ID: <imap-${Date.now()}@bureaux.example>`,
        `In-Reply-To: <${first.id}@atelier-a.fr>`,
        'Content-Type: text/plain; charset=utf-8',
        '',
        'Bonjour, pas pour le moment merci, recontactez-moi en septembre.',
      ].join('\r\n'),
    );
    await d.append('pas un message du tout \u0000\u0001');

    expect(await sync()).toMatchObject({ connectors: 1, fetched: 2, failed: 0 });
    const threads = (await t.request('GET', `/api/conversations?personId=${personId}`)).body.items;
    expect(threads).toHaveLength(1);
    expect(threads[0]).toMatchObject({ match: 'message_id', category: 'not_now' });
    expect((await t.request('GET', `/api/actions/${followUp.id}`)).body).toMatchObject({ status: 'cancelled', reason: 'the prospect replied' });

    expect(await sync()).toMatchObject({ connectors: 1, fetched: 0 });
    const conn = (await t.request('GET', '/api/inbound-connectors')).body.items.find((i: { id: string }) => i.id === c.body.id);
    expect(conn).toMatchObject({ lastError: null });
    if (!conn) throw new Error('connector missing');
    expect(conn.lastSyncAt).toBeTruthy();
  }, 60_000);

  it('records a wrong password on the connector and waits before trying again', async () => {
    const c = await t.request('POST', '/api/inbound-connectors', {
      body: { type: 'imap', host: '127.0.0.1', port: d.port, secure: false, noTls: true, user: DOVECOT_USER, password: 'mauvais' },
    });
    const r = await sync();
    expect(r.connectors).toBeGreaterThanOrEqual(1);
    const conn = (await t.request('GET', '/api/inbound-connectors')).body.items.find((i: { id: string }) => i.id === c.body.id);
    expect(conn?.lastError).toMatch(/authentication failed/i);
    // the next tick skips it (backoff), the good mailbox is still read
    const next = await sync();
    expect(next.skipped).toBeGreaterThanOrEqual(1);
    await t.request('DELETE', `/api/inbound-connectors/${c.body.id}`);
  }, 60_000);
});
