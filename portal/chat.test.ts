import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testTeammates } from '../test/teammates/fixtures';
import { createTestContext, type TestContext } from '../test/support/context';
import { PageClient } from '../test/portal/page-client';

// Discussion on the real teammates (offline mode, a fixed company directory): ask, follow the
// progress, find the drafts in the Library.
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({}, { teammates: testTeammates() });
  t.startWorker();
});
afterAll(async () => {
  await t?.close();
});

describe('Discussion', () => {
  it('asks a teammate, shows the progress and links to the drafts waiting in the Library', async () => {
    const p = new PageClient(t);
    await p.signIn(t.a.id, t.a.adminId);
    const page = await p.get('/chat?lang=fr');
    expect(page.html).toContain('Mode hors ligne');
    const csrf = PageClient.csrf(page.html);
    const empty = await p.post('/chat', { _csrf: csrf, message: '   ' });
    expect(empty.status).toBe(400);
    expect(empty.html).toContain('Écrivez votre demande avant d’envoyer.');
    const sent = await p.post('/chat', { _csrf: csrf, message: 'Trouve 10 entreprises de rénovation à Lyon et écris-leur' });
    expect(sent.status).toBe(303);
    const threadId = new URL(sent.location!, 'http://x').searchParams.get('thread')!;
    const events = await p.get(`/chat/${threadId}/events`);
    expect(events.headers.get('content-type')).toContain('text/event-stream');
    expect(events.html).toContain('Entreprises trouvées : 10.');
    expect(events.html).toContain('event: end');
    const thread = await p.get(`/chat?thread=${threadId}`);
    expect(thread.html).toContain('Trouve 10 entreprises de rénovation à Lyon');
    expect(thread.html).toContain('data-kind="drafts_queued"');
    expect(thread.html).toMatch(/Lire les \d+ brouillon\(s\) dans la Bibliothèque/);
    const library = await p.get('/library?status=pending_approval');
    expect((library.html.match(/data-action-row=/g) ?? []).length).toBeGreaterThanOrEqual(10);
    const json = await p.post('/chat', { _csrf: csrf, message: 'Combien d’affaires en négociation ?', threadId }, { accept: 'application/json' });
    expect(json.status).toBe(202);
    expect(JSON.parse(json.html)).toMatchObject({ ok: true, threadId });
  });

  it('keeps conversations inside their workspace', async () => {
    const a = new PageClient(t);
    await a.signIn(t.a.id, t.a.adminId);
    const sent = await a.post('/chat', { _csrf: await a.csrfToken('/chat'), message: 'Combien d’affaires en négociation ?' });
    const threadId = new URL(sent.location!, 'http://x').searchParams.get('thread')!;
    const b = new PageClient(t);
    await b.signIn(t.b.id, t.b.adminId);
    expect((await b.get(`/chat?thread=${threadId}`)).status).toBe(404);
    expect((await b.get(`/chat/${threadId}/events`)).status).toBe(404);
    expect((await b.post('/chat', { _csrf: await b.csrfToken('/chat'), message: 'x', threadId })).status).toBe(404);
  });
});
