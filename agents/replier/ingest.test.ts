import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailHash } from '../../lib/canonical-hash';
import { isSuppressed } from '../../db/repositories/suppressions';
import { createTestContext, type TestContext } from '../../test/support/context';
import { createPerson, proposeEmail } from '../../test/support/approval';
import { ingestMessage } from './ingest';

// Replies coming back in, end to end on the database: stored once, threaded, understood, and what
// each one does to the work still waiting for that person.
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t?.close());

let n = 0;
function mail(h: { from: string; subject?: string; inReplyTo?: string; references?: string; messageId?: string | null; date?: string; extra?: string }, body: string): Uint8Array {
  n++;
  const lines = [
    `From: ${h.from}`,
    'To: contact@atelier-a.fr',
    `Subject: ${h.subject ?? 'Re: Rénovation de vos locaux'}`,
    `Date: ${h.date ?? 'Tue, 1 Dec 2026 10:12:00 +0100'}`,
    ...(h.messageId === null ? [] : [`Message-ID: ${h.messageId ?? `<reply-${n}-${Date.now()}@client.example>`}`]),
    ...(h.inReplyTo ? [`In-Reply-To: ${h.inReplyTo}`] : []),
    ...(h.references ? [`References: ${h.references}`] : []),
    ...(h.extra ? [h.extra] : []),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    body,
  ];
  return new TextEncoder().encode(lines.join('\r\n'));
}

const ourId = (actionId: string) => `<${actionId}@atelier-a.fr>`;
const action = async (id: string) => (await t.request('GET', `/api/actions/${id}`)).body;
const person = async (id: string) => (await t.request('GET', `/api/people/${id}`)).body;
const ingest = (raw: Uint8Array) => ingestMessage(t.db.kysely, t.a.id, raw, { connectorId: null });

describe('an inbound reply', () => {
  it('threads by our Message-ID, cancels the pending follow-up, records the contact; the same message twice is stored once', async () => {
    const email = `claire-${Date.now()}@bureaux-lyon.example`;
    const personId = await createPerson(t, { email });
    const first = await proposeEmail(t, personId);
    const followUp = await proposeEmail(t, personId);
    const raw = mail(
      { from: `Claire Martin <${email}>`, inReplyTo: ourId(first.id), references: ourId(first.id) },
      'Bonjour,\n\nOui, ça m’intéresse, pouvez-vous m’envoyer un devis ?\n\nClaire\n\nLe mar. 1 déc. 2026 à 09:00, Atelier A <contact@atelier-a.fr> a écrit :\n> Bonjour,\n> Nous rénovons des bureaux.',
    );
    const r = await ingest(raw);
    expect(r.duplicate).toBe(false);
    if (r.duplicate) return;
    expect(r).toMatchObject({ personId, match: 'message_id' });
    expect(['interested', 'question']).toContain(r.classification.category);
    expect(await action(followUp.id)).toMatchObject({ status: 'cancelled', reason: 'the prospect replied' });
    const p = await person(personId);
    expect(p.status).toBe(r.classification.category === 'interested' ? 'qualified' : 'replied');
    const timeline = await t.request('GET', `/api/activities?subjectType=person&subjectId=${personId}`);
    expect(timeline.body.items.map((i: { kind: string }) => i.kind)).toContain('reply_received');

    expect(await ingest(raw)).toEqual({ duplicate: true });
    const rows = await t.db.kysely.selectFrom('messages').select('id').where('conversation_id', '=', r.conversationId).execute();
    expect(rows).toHaveLength(1);

    // the next message of the thread finds it by References, even from another address
    const next = await ingest(mail({ from: 'assistante@autre.example', references: `${ourId(first.id)} <x@y>`, inReplyTo: '<x@y>' }, 'Je transmets à Claire.'));
    expect(next).toMatchObject({ conversationId: r.conversationId, match: 'message_id' });
  });

  it('"merci de ne plus me contacter" suppresses the address for good', async () => {
    const email = `paul-${Date.now()}@garage.example`;
    const personId = await createPerson(t, { email });
    const a = await proposeEmail(t, personId);
    const r = await ingest(mail({ from: email, inReplyTo: ourId(a.id) }, 'Merci de ne plus me contacter.'));
    expect(r).toMatchObject({ classification: { category: 'unsubscribe' }, effects: { suppressed: true } });
    expect(await isSuppressed(t.db.kysely, t.a.id, emailHash(email))).toBe(true);
    expect((await person(personId)).optedOutAt).toBeTruthy();
  });

  it('a hard bounce marks the address invalid and cancels what waits', async () => {
    const email = `inconnu-${Date.now()}@plomberie.example`;
    const personId = await createPerson(t, { email });
    const a = await proposeEmail(t, personId);
    const pending = await proposeEmail(t, personId);
    const dsn = [
      'From: Mail Delivery System <MAILER-DAEMON@mx.atelier-a.fr>',
      'To: contact@atelier-a.fr',
      'Subject: Undelivered Mail Returned to Sender',
      'Date: Tue, 1 Dec 2026 10:00:00 +0100',
      `Message-ID: <dsn-${Date.now()}@mx.atelier-a.fr>`,
      'Auto-Submitted: auto-replied',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=us-ascii',
      '',
      "I'm sorry to have to inform you that your message could not be delivered.",
      '',
      '--b1',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.atelier-a.fr',
      '',
      `Final-Recipient: rfc822; ${email}`,
      'Action: failed',
      'Status: 5.1.1',
      'Diagnostic-Code: smtp; 550 5.1.1 User unknown',
      '',
      '--b1',
      'Content-Type: text/rfc822-headers',
      '',
      'From: contact@atelier-a.fr',
      `To: ${email}`,
      `Message-ID: ${ourId(a.id)}`,
      'Subject: Rénovation de vos locaux',
      '',
      '--b1--',
      '',
    ].join('\r\n');
    const r = await ingest(new TextEncoder().encode(dsn));
    expect(r).toMatchObject({ personId, match: 'message_id', classification: { category: 'bounce_hard' }, effects: { bounced: true } });
    expect(await action(pending.id)).toMatchObject({ status: 'cancelled', reason: 'the address bounced' });
    const row = await t.db.kysely.selectFrom('people').select('email_bounced_at').where('id', '=', personId).executeTakeFirstOrThrow();
    expect(row.email_bounced_at).toBeTruthy();
  });

  it('an out-of-office postpones what was approved to the business day after the return, and cancels nothing', async () => {
    const email = `absent-${Date.now()}@cabinet.example`;
    const personId = await createPerson(t, { email });
    const a = await proposeEmail(t, personId);
    expect((await t.request('POST', `/api/actions/${a.id}/approve`)).status).toBe(200);
    const r = await ingest(
      mail(
        { from: email, subject: 'Réponse automatique : Rénovation de vos locaux', inReplyTo: ourId(a.id), extra: 'Auto-Submitted: auto-replied' },
        'Bonjour,\n\nJe suis absente du bureau jusqu’au vendredi 11 décembre inclus.\nPour toute urgence, contactez l’accueil.',
      ),
    );
    expect(r).toMatchObject({ classification: { category: 'out_of_office', returnDate: '2026-12-11' }, effects: { postponed: 1, cancelled: 0 } });
    const row = await t.db.kysely.selectFrom('actions').select(['status', 'next_attempt_at']).where('id', '=', a.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('scheduled');
    expect(row.next_attempt_at?.toISOString()).toBe('2026-12-14T08:00:00.000Z'); // Friday 11 → Monday 14
  });

  it('a stranger lands in an unmatched conversation; a message that cannot be read is stored raw with its error', async () => {
    const r = await ingest(mail({ from: `quelquun-${Date.now()}@gmail.com`, subject: 'Demande' }, 'Bonjour, faites-vous des devis pour une cuisine ?'));
    expect(r).toMatchObject({ duplicate: false, personId: null, match: 'none' });
    const broken = await ingest(new Uint8Array([0xff, 0xfe, 0x00, 0x01, 0x02]));
    expect(broken.duplicate).toBe(false);
    if (broken.duplicate) return;
    const row = await t.db.kysely.selectFrom('messages').select(['raw', 'parse_error', 'category']).where('id', '=', broken.messageId).executeTakeFirstOrThrow();
    expect(row.raw).toHaveLength(5);
    expect(row.category).toBe('other');
  });

  it("stays inside its workspace: a Message-ID of another workspace's action matches nothing", async () => {
    const personB = await createPerson(t, { ws: t.b, email: `b-${Date.now()}@b.example` });
    const actionB = await proposeEmail(t, personB, {}, t.b.adminToken);
    const r = await ingest(mail({ from: 'x@nulle-part.example', inReplyTo: ourId(actionB.id) }, 'Bonjour'));
    expect(r).toMatchObject({ personId: null, match: 'none' });
    expect((await t.request('GET', `/api/actions/${actionB.id}`, { token: t.b.adminToken })).body.status).toBe('pending_approval');
  });
});
