import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestMessage } from '../agents/replier/ingest';
import { createPerson, proposeEmail } from '../test/support/approval';
import { createTestContext, type TestContext } from '../test/support/context';
import { PageClient } from '../test/portal/page-client';

// Conversations in the Portal: threads newest first, unread in bold, category badges, filters;
// a thread with quoted text folded; "Marquer comme traité"; French and English.
let t: TestContext;
let p: PageClient;
beforeAll(async () => {
  t = await createTestContext();
  p = new PageClient(t);
  await p.signIn(t.a.id, t.a.memberId);
});
afterAll(async () => t?.close());

const raw = (from: string, inReplyTo: string, body: string) =>
  new TextEncoder().encode(
    [
      `From: ${from}`,
      'To: contact@atelier-a.fr',
      'Subject: Re: Rénovation de vos bureaux',
      'Date: Tue, 1 Dec 2026 10:00:00 +0100',
      `Message-ID: <p-${Date.now()}-${Math.random()}@c.example>`,
      `In-Reply-To: ${inReplyTo}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      body,
    ].join('\r\n'),
  );

describe('Conversations', () => {
  it('lists threads (unread in bold, category), opens one with quoted text folded, and marks it handled', async () => {
    const email = `sophie-${Date.now()}@cabinet.example`;
    const personId = await createPerson(t, { email, firstName: 'Sophie' });
    const a = await proposeEmail(t, personId);
    const r = await ingestMessage(
      t.db.kysely,
      t.a.id,
      raw(email, `<${a.id}@atelier-a.fr>`, 'Bonjour,\n\nPouvez-vous me rappeler demain ?\n\nSophie\n\nLe mar. 1 déc. 2026 à 09:00, Atelier A a écrit :\n> Bonjour Sophie'),
      { connectorId: null },
    );
    if (r.duplicate) throw new Error('duplicate');
    const list = await p.get('/conversations');
    expect(list.status).toBe(200);
    expect(list.html).toContain(`data-conversation="${r.conversationId}"`);
    expect(list.html).toMatch(/<tr class="unread"[^>]*>[\s\S]*?<strong>Sophie/);
    expect(list.html).toContain('À traiter');
    const filtered = await p.get('/conversations?category=unsubscribe');
    expect(filtered.html).not.toContain(`data-conversation="${r.conversationId}"`);

    const thread = await p.get(`/conversations/${r.conversationId}`);
    expect(thread.html).toContain('Pouvez-vous me rappeler demain ?');
    expect(thread.html).toContain('<details>');
    expect(thread.html).toContain('Afficher le message complet');
    expect(thread.html).toContain('Réponse à un e-mail envoyé par Relais.');
    const csrf = await p.csrfToken(`/conversations/${r.conversationId}`);
    const version = /name="version" value="(\d+)"/.exec(thread.html)![1];
    const done = await p.post(`/conversations/${r.conversationId}/handled`, { _csrf: csrf, version });
    expect(done.location).toBe('/conversations?ok=handled');
    expect((await p.get('/conversations?ok=handled')).html).toContain('Conversation marquée comme traitée.');
    expect((await p.get('/conversations?needsHuman=true')).html).not.toContain(`data-conversation="${r.conversationId}"`);
  });

  it('in English too, and says what to do when there is nothing yet', async () => {
    const en = new PageClient(t);
    await en.signIn(t.b.id, t.b.adminId);
    const empty = await en.get('/conversations?lang=en');
    expect(empty.html).toContain('No conversations yet');
    expect(empty.html).toContain('Settings → Connectors');
  });

  it('refuses without CSRF, names a bad version, and never shows another workspace’s thread', async () => {
    const r = await ingestMessage(t.db.kysely, t.a.id, raw(`x-${Date.now()}@inconnu.example`, '<n@h>', 'Une question ?'), { connectorId: null });
    if (r.duplicate) throw new Error('duplicate');
    expect((await p.post(`/conversations/${r.conversationId}/handled`, { version: '1' })).status).toBe(403);
    const csrf = await p.csrfToken('/conversations');
    expect((await p.post(`/conversations/${r.conversationId}/handled`, { _csrf: csrf, version: 'abc' })).status).toBe(400);
    const other = new PageClient(t);
    await other.signIn(t.b.id, t.b.adminId);
    expect((await other.get(`/conversations/${r.conversationId}`)).status).toBe(404);
  });
});
