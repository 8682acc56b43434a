import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signWebhookBody } from '../../channels/inbound/connectors';
import { createTestContext, type TestContext } from '../../test/support/context';
import { createPerson, proposeEmail } from '../../test/support/approval';

// The inbound side of Settings → Connecteurs, the signed webhook a mail provider posts replies
// to, and the Conversations API that shows them.
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ PUBLIC_URL: 'https://relais.example' });
});
afterAll(async () => t?.close());

const reply = (from: string, inReplyTo: string, body: string, id = `<r-${Date.now()}-${Math.random()}@client.example>`) =>
  new TextEncoder().encode(
    [
      `From: ${from}`,
      'To: contact@atelier-a.fr',
      'Subject: Re: Rénovation',
      'Date: Tue, 1 Dec 2026 10:00:00 +0100',
      `Message-ID: ${id}`,
      `In-Reply-To: ${inReplyTo}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      body,
    ].join('\r\n'),
  );

async function webhook() {
  const r = await t.request('POST', '/api/inbound-connectors', { body: { type: 'inbound_webhook' } });
  expect(r.status).toBe(201);
  return r.body as { id: string; url: string; secret: string };
}

const post = (id: string, body: Uint8Array, signature: string | null, type = 'message/rfc822') =>
  t.app.request(`/inbound/${id}`, { method: 'POST', headers: { 'content-type': type, ...(signature ? { 'x-relais-signature': signature } : {}) }, body: Buffer.from(body) });

describe('/api/inbound-connectors', () => {
  it('makes a webhook with its URL and a secret shown once; an IMAP mailbox keeps its password sealed', async () => {
    const w = await webhook();
    expect(w.url).toBe(`https://relais.example/inbound/${w.id}`);
    expect(w.secret).toMatch(/^[0-9a-f]{64}$/);
    const imap = await t.request('POST', '/api/inbound-connectors', {
      body: { type: 'imap', host: 'imap.atelier-a.fr', port: 993, secure: true, user: 'contact@atelier-a.fr', password: 'mot-de-passe' },
    });
    expect(imap.status).toBe(201);
    expect(imap.body).toMatchObject({ type: 'imap', host: 'imap.atelier-a.fr', mailbox: 'INBOX', secret: null });
    const list = await t.request('GET', '/api/inbound-connectors', { token: t.a.memberToken });
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.body)).not.toContain('mot-de-passe');
    expect(JSON.stringify(list.body)).not.toContain(w.secret);
    const row = await t.db.kysely.selectFrom('inbound_connectors').select('secret').where('id', '=', imap.body.id).executeTakeFirstOrThrow();
    expect(row.secret).toMatch(/^v1\./);
  });

  it('names the field at fault', async () => {
    const r = await t.request('POST', '/api/inbound-connectors', { body: { type: 'imap', host: 'imap.x.fr', port: 99999, secure: true, user: 'u', password: 'p' } });
    expect(r.status).toBe(400);
    expect(r.body.error.details.fields[0].path).toBe('port');
    expect((await t.request('POST', '/api/inbound-connectors', { body: { type: 'pop3' } })).status).toBe(400);
  });

  it('is admin-only to change, needs a token, and stays in its workspace', async () => {
    expect((await t.request('POST', '/api/inbound-connectors', { token: t.a.memberToken, body: { type: 'inbound_webhook' } })).status).toBe(403);
    expect((await t.request('GET', '/api/inbound-connectors', { token: null })).status).toBe(401);
    const w = await webhook();
    expect((await t.request('DELETE', `/api/inbound-connectors/${w.id}`, { token: t.b.adminToken })).status).toBe(404);
    expect((await t.request('DELETE', `/api/inbound-connectors/${w.id}`)).status).toBe(204);
  });
});

describe('POST /inbound/{id} (the webhook)', () => {
  it('stores a signed reply once, threaded and understood; Conversations shows it', async () => {
    const w = await webhook();
    const email = `claire-${Date.now()}@bureaux.example`;
    const personId = await createPerson(t, { email });
    const sent = await proposeEmail(t, personId);
    const raw = reply(email, `<${sent.id}@atelier-a.fr>`, 'Merci de ne plus me contacter.');
    const r = await post(w.id, raw, signWebhookBody(w.secret, raw));
    expect(r.status).toBe(200);
    const body = (await r.json()) as { stored: boolean; conversationId: string };
    expect(body.stored).toBe(true);
    const again = await post(w.id, raw, signWebhookBody(w.secret, raw));
    expect(await again.json()).toEqual({ stored: false, duplicate: true });

    const list = await t.request('GET', `/api/conversations?personId=${personId}`, { token: t.a.memberToken });
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ id: body.conversationId, category: 'unsubscribe', match: 'message_id', email, unread: true });
    const thread = await t.request('GET', `/api/conversations/${body.conversationId}`);
    expect(thread.body.messages.map((m: { direction: string }) => m.direction)).toEqual(['in']);
    expect(thread.body.messages[0]).toMatchObject({ from: email, category: 'unsubscribe', text: 'Merci de ne plus me contacter.' });
    expect((await t.request('GET', `/api/actions/${sent.id}`)).body.status).toBe('cancelled');
  });

  it('answers 401 and stores nothing without the right signature; 415 for another media type', async () => {
    const w = await webhook();
    const raw = reply('x@y.example', '<a@b>', 'Bonjour');
    const before = await t.db.kysely
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect((await post(w.id, raw, null)).status).toBe(401);
    expect((await post(w.id, raw, signWebhookBody('0'.repeat(64), raw))).status).toBe(401);
    expect((await post(w.id, raw, signWebhookBody(w.secret, new TextEncoder().encode('autre chose')))).status).toBe(401);
    expect((await post('00000000-0000-7000-8000-000000000000', raw, signWebhookBody(w.secret, raw))).status).toBe(401);
    expect((await post('pas-un-id', raw, signWebhookBody(w.secret, raw))).status).toBe(401);
    expect((await post(w.id, raw, signWebhookBody(w.secret, raw), 'application/json')).status).toBe(415);
    const after = await t.db.kysely
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});

describe('/api/conversations', () => {
  it('filters, marks handled, and names bad input', async () => {
    const w = await webhook();
    const raw = reply(`inconnu-${Date.now()}@gmail.com`, '<nothing@here>', 'Bonjour, pouvez-vous passer voir notre cuisine ?');
    const r = (await (await post(w.id, raw, signWebhookBody(w.secret, raw))).json()) as { conversationId: string };
    const needing = await t.request('GET', '/api/conversations?needsHuman=true&limit=200');
    expect(needing.body.items.map((i: { id: string }) => i.id)).toContain(r.conversationId);
    const c = needing.body.items.find((i: { id: string }) => i.id === r.conversationId)!;
    expect(c).toMatchObject({ match: 'none', personId: null });
    const marked = await t.request('POST', `/api/conversations/${r.conversationId}/mark`, { token: t.a.memberToken, body: { version: c.version, handled: true } });
    expect(marked.status).toBe(200);
    expect(marked.body).toMatchObject({ needsHuman: false, unread: false });
    expect((await t.request('POST', `/api/conversations/${r.conversationId}/mark`, { body: { version: c.version, handled: true } })).status).toBe(409);
    expect((await t.request('GET', '/api/conversations?category=enthousiaste')).body.error.details.fields[0].path).toBe('category');
    expect((await t.request('GET', '/api/conversations?bogus=1')).status).toBe(400);
  });

  it('needs a token and never shows another workspace’s thread', async () => {
    const w = await webhook();
    const raw = reply(`q-${Date.now()}@exemple.example`, '<n@h>', 'Une question ?');
    const r = (await (await post(w.id, raw, signWebhookBody(w.secret, raw))).json()) as { conversationId: string };
    expect((await t.request('GET', '/api/conversations', { token: null })).status).toBe(401);
    expect((await t.request('GET', `/api/conversations/${r.conversationId}`, { token: t.b.adminToken })).status).toBe(404);
    expect((await t.request('POST', `/api/conversations/${r.conversationId}/mark`, { token: t.b.adminToken, body: { version: 1, read: true } })).status).toBe(404);
    const listB = await t.request('GET', '/api/conversations?limit=200', { token: t.b.adminToken });
    expect(listB.body.items.map((i: { id: string }) => i.id)).not.toContain(r.conversationId);
  });
});
