import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { proposeOutbound } from '../actions/propose';
import { dispatchOnce, type DispatcherEnv } from '../channels/dispatcher';
import { localParts } from '../channels/send-window';
import { closeTransports } from '../channels/smtp';
import { PLACEHOLDER_WORKSPACE_NAME } from '../identity/profile';
import { connectSink, createPerson, proposeEmail, teammate, TEST_SECRET_KEY } from '../test/support/approval';
import { createTestContext, type TestContext } from '../test/support/context';
import { PageClient } from '../test/portal/page-client';
import { startSmtpSink, type SmtpSink } from '../test/support/smtp-sink';
import { uiFor } from './i18n/ui';
import { progressText } from './sections/chat';

// The Library keeps the approval promise in words: it says when each held email leaves and why it
// waits, offers "send now" (only when nothing holds it, else it says why) and "cancel", and says
// what an auto-approve rule approved. The send window is on in this file.
let t: TestContext;
let sink: SmtpSink;
let env: DispatcherEnv;
const ALWAYS = { days: [1, 2, 3, 4, 5, 6, 7], start: '00:00', end: '23:59' };
const notToday = () => ({ days: [(localParts(new Date(), 'Europe/Paris').weekday % 7) + 1], start: '09:00', end: '18:00' });
const NB = '\u00a0';

beforeAll(async () => {
  sink = await startSmtpSink({ user: 'relais', password: 'mot-de-passe' });
  t = await createTestContext({ RELAIS_SECRET_KEY: TEST_SECRET_KEY, PUBLIC_URL: 'https://relais.example', RELAIS_SEND_WINDOW: 'on' });
  env = { db: t.db.kysely, config: t.config, logger: t.deps.logger };
  await connectSink(t, sink);
});
afterAll(async () => {
  closeTransports();
  await t?.close();
  await sink?.close();
});
beforeEach(async () => {
  await t.request('PATCH', '/api/workspace', { body: { legalName: 'Atelier A SAS', address: '1 rue de la République, 69001 Lyon', settings: { sendWindow: ALWAYS } } });
});

async function admin() {
  const p = new PageClient(t);
  await p.signIn(t.a.id, t.a.adminId);
  return p;
}
async function approved() {
  const a = await proposeEmail(t, await createPerson(t));
  expect((await t.request('POST', `/api/actions/${a.id}/approve`)).status).toBe(200);
  return a.id;
}
const status = async (id: string) => (await t.request('GET', `/api/actions/${id}`)).body;
/** The list row of one action, from its marker to the next row. */
const rowOf = (html: string, id: string) => {
  const start = html.indexOf(`data-action-row="${id}"`);
  return html.slice(start, html.indexOf('data-action-row=', start + 20) === -1 ? undefined : html.indexOf('data-action-row=', start + 20));
};

describe('held emails in the Library', () => {
  it('says when each leaves and why; "send now" says why it cannot outside the window, works inside it; "cancel" withdraws', async () => {
    await t.request('PATCH', '/api/workspace', { body: { settings: { sendWindow: notToday() } } });
    const [first, second] = [await approved(), await approved()];
    await dispatchOnce(env);
    const leaves = (await status(first)).nextAttemptAt!;
    const p = await admin();

    const list = await p.get('/library?status=scheduled&lang=fr');
    const row = rowOf(list.html, first);
    expect(row).toContain('hors plage d’envoi');
    expect(row).toContain(`Départ prévu le ${uiFor('fr').fmt.dateTime(leaves)}`);
    expect(row).toMatch(/<button type="submit" formaction="\/library\/[0-9a-f-]{36}\/send-now" disabled=""[^>]*>Envoyer maintenant<\/button>/);
    expect(row).toContain(`Envoi immédiat impossible${NB}: hors plage d’envoi (jusqu’au ${uiFor('fr').fmt.dateTime(leaves)}).`);
    expect(row).toContain(`formaction="/library/${first}/cancel"`);
    const en = await p.get('/library?status=scheduled&lang=en');
    expect(rowOf(en.html, first)).toContain('Leaves on');
    expect(rowOf(en.html, first)).toContain('Cannot send now: outside the sending window (until');
    await p.get('/library?lang=fr');

    // pressed anyway (a stale page): refused, and the page says why
    const csrf = PageClient.csrf(list.html);
    const refused = await p.post(`/library/${first}/send-now`, { _csrf: csrf });
    expect(refused.location).toBe(`/library/${first}?err=held`);
    const page = await p.get(refused.location!);
    expect(page.html).toContain('Cet e-mail ne peut pas partir maintenant');
    expect(page.html).toContain('Envoi immédiat impossible');
    expect((await status(first)).nextAttemptAt).toBe(leaves);

    // the window opens (changed directly: no re-queue), the button works
    await sql`update workspaces set settings = jsonb_set(settings, '{sendWindow}', ${JSON.stringify(ALWAYS)}::jsonb) where id = ${t.a.id}`.execute(t.db.kysely);
    const open = await p.get('/library?status=scheduled');
    expect(rowOf(open.html, first)).not.toContain('disabled=""');
    expect(rowOf(open.html, first)).not.toContain('Envoi immédiat impossible');
    const sent = await p.post(`/library/${first}/send-now`, { _csrf: csrf });
    expect(sent.location).toBe(`/library/${first}?ok=sendNow`);
    expect((await p.get(sent.location!)).html).toContain('C’est parti');
    expect(new Date((await status(first)).nextAttemptAt!).getTime()).toBeLessThanOrEqual(Date.now());

    const cancelled = await p.post(`/library/${second}/cancel`, { _csrf: csrf });
    expect(cancelled.location).toBe(`/library/${second}?ok=cancelled`);
    expect((await p.get(cancelled.location!)).html).toContain('cet e-mail ne partira pas');
    expect((await status(second)).status).toBe('cancelled');
    expect((await p.post(`/library/${second}/cancel`, { _csrf: csrf })).location).toBe(`/library/${second}?err=conflict`);

    await dispatchOnce(env);
    expect(await status(first)).toMatchObject({ status: 'sent', lastError: null });
    expect((await status(second)).status).toBe('cancelled');
  });

  it('the detail page of a held email offers the same, and another workspace’s email is not found', async () => {
    await t.request('PATCH', '/api/workspace', { body: { settings: { sendWindow: notToday() } } });
    const id = await approved();
    await dispatchOnce(env);
    const p = await admin();
    const detail = await p.get(`/library/${id}`);
    expect(detail.html).toContain('data-held=');
    expect(detail.html).toContain('Départ prévu le');
    expect(detail.html).toContain('data-send-now-blocked');
    const theirs = await proposeEmail(t, await createPerson(t, { ws: t.b }), {}, t.b.adminToken);
    const csrf = PageClient.csrf(detail.html);
    expect((await p.post(`/library/${theirs.id}/send-now`, { _csrf: csrf })).status).toBe(404);
    expect((await p.post(`/library/${theirs.id}/cancel`, { _csrf: csrf })).status).toBe(404);
    expect((await t.request('GET', `/api/actions/${theirs.id}`, { token: t.b.adminToken })).body.status).toBe('pending_approval');
  });

  it('says an email waits because the legal name is still the first-start placeholder', async () => {
    await sql`update workspaces set legal_name = ${PLACEHOLDER_WORKSPACE_NAME} where id = ${t.a.id}`.execute(t.db.kysely);
    const id = await approved();
    await dispatchOnce(env);
    const p = await admin();
    const page = await p.get(`/library/${id}?lang=fr`);
    expect(page.html).toContain(`la raison sociale est encore «${NB}Mon entreprise${NB}»`);
    expect(page.html).toContain('Envoi immédiat impossible');
    expect((await p.get(`/library/${id}?lang=en`)).html).toContain('the legal name is still “Mon entreprise”');
    await p.get('/library?lang=fr');
  });

  it('an approval on an expired draft says it expired', async () => {
    const a = await proposeEmail(t, await createPerson(t));
    await sql`update actions set expires_at = now() - interval '1 minute' where id = ${a.id}`.execute(t.db.kysely);
    const p = await admin();
    const csrf = await p.csrfToken(`/library/${a.id}`);
    const r = await p.post(`/library/${a.id}/approve`, { _csrf: csrf, version: '1' });
    expect(r.location).toBe(`/library/${a.id}?err=expired`);
    expect((await p.get(r.location!)).html).toContain('Ce brouillon a expiré sans décision');
  });
});

describe('what auto-approve rules approved', () => {
  it('the Library says it in its intro, above the list and on each email, in French and in English', async () => {
    const p = await admin();
    expect((await p.get('/library?lang=fr')).html).toContain('Rien ne part sans votre accord.');
    const rule = await t.request('POST', '/api/auto-approve-rules', {
      body: { name: 'Relances relues', scope: { kind: 'email', teammate: 'drafter' }, expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString() },
    });
    try {
      const a = await proposeOutbound(teammate(t), {
        kind: 'email',
        personId: await createPerson(t),
        subject: 'Relance',
        body: 'Bonjour',
        origin: { toolCallId: 'rule-1' },
        reviewer: { verdict: 'passed' },
      });
      expect(a.status).toBe('approved');
      const list = await p.get('/library?status=approved&lang=fr');
      expect(list.html).not.toContain('Rien ne part sans votre accord.');
      expect(list.html).toContain('sauf ce qu’approuve une règle d’approbation automatique active');
      expect(list.html).toMatch(new RegExp(`\\d+ e-mail\\(s\\) approuvé\\(s\\) par la règle «${NB}Relances relues${NB}» ces 7 derniers jours`));
      expect(rowOf(list.html, a.actionId)).toContain(`Approuvé par la règle «${NB}Relances relues${NB}»`);
      expect((await p.get(`/library/${a.actionId}`)).html).toContain(`Approuvé par la règle «${NB}Relances relues${NB}»`);
      const en = await p.get('/library?status=approved&lang=en');
      expect(en.html).toContain('except what an active auto-approve rule approves');
      expect(en.html).toMatch(/\d+ email\(s\) approved by the rule “Relances relues” in the last 7 days/);
      expect(rowOf(en.html, a.actionId)).toContain('Approved by the rule “Relances relues”');
      await p.get('/library?lang=fr');
    } finally {
      await t.request('DELETE', `/api/auto-approve-rules/${rule.body.id}`);
    }
  });

  it('the Chat progress says how many drafts a rule approved', () => {
    const e = { kind: 'drafts_queued' as const, data: { queued: 1, needsAttention: 0, failed: 0, autoApproved: 3 } };
    expect(progressText(uiFor('fr'), e)).toContain(`3 e-mail(s) approuvé(s) par une règle d’approbation automatique${NB}: ils partent sans attendre votre accord.`);
    expect(progressText(uiFor('en'), e)).toContain('3 email(s) approved by an auto-approve rule');
    expect(progressText(uiFor('fr'), { ...e, data: { ...e.data, autoApproved: 0 } })).not.toContain('règle');
  });
});
