import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proposeOutbound } from '../actions/propose';
import { reviseAction } from '../actions/revise';
import { dispatchOnce } from '../channels/dispatcher';
import { closeTransports } from '../channels/smtp';
import { createPerson, proposeEmail, teammate, TEST_SECRET_KEY } from '../test/support/approval';
import { createTestContext, type TestContext } from '../test/support/context';
import { startSmtpSink, type SmtpSink } from '../test/support/smtp-sink';
import { PageClient } from '../test/portal/page-client';

// The Library and Settings → Connecteurs through the Portal, on the approval gate's real
// functions: read the full message, approve, edit then approve (diff first), reject with
// feedback, a revised version, bulk approval, and an SMTP mailbox connected from the form.
let t: TestContext;
let sink: SmtpSink;
beforeAll(async () => {
  sink = await startSmtpSink({ user: 'relais', password: 'mot-de-passe' });
  t = await createTestContext({ RELAIS_SECRET_KEY: TEST_SECRET_KEY, PUBLIC_URL: 'https://relais.example', RELAIS_SEND_WINDOW: 'off' });
});
afterAll(async () => {
  closeTransports();
  await t?.close();
  await sink?.close();
});

async function admin() {
  const p = new PageClient(t);
  await p.signIn(t.a.id, t.a.adminId);
  return p;
}

describe('Library', () => {
  it('lists waiting drafts with counts, and shows the message as the recipient reads it', async () => {
    const person = await createPerson(t, { firstName: 'Claire' });
    const a = await proposeEmail(t, person, { subject: 'Votre façade à Lyon', body: 'Bonjour Claire,\n\nNous rénovons des façades à Lyon.\n\nBien à vous' });
    const p = await admin();
    const list = await p.get('/library?lang=fr');
    expect(list.status).toBe(200);
    expect(list.html).toContain(`data-action-row="${a.id}"`);
    expect(list.html).toContain('Votre façade à Lyon');
    expect(list.html).toMatch(/En attente de validation <span class="count">\d+<\/span>/);
    expect(list.html).toMatch(/data-attention="[1-9]/);
    const detail = await p.get(`/library/${a.id}`);
    expect(detail.html).toContain('Tel que le destinataire le lira');
    expect(detail.html).toContain('Nous rénovons des façades à Lyon.');
    expect(detail.html).toContain('Atelier A SAS');
    expect(detail.html).toMatch(/href="https:\/\/relais\.example\/u\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+"/);
    expect(detail.html).toContain('Pour ne plus recevoir de messages');
    expect(detail.html).toContain('Votre décision');
  });

  it('approves, and says plainly why it has not left: no channel connected', async () => {
    const a = await proposeEmail(t, await createPerson(t));
    const p = await admin();
    const csrf = await p.csrfToken(`/library/${a.id}`);
    const ok = await p.post(`/library/${a.id}/approve`, { _csrf: csrf, version: String(a.version) });
    expect(ok.location).toBe(`/library/${a.id}?ok=approved`);
    const after = await p.get(ok.location!);
    expect(after.html).toContain('data-status="approved"');
    expect(after.html).toContain('aucun canal connecté');
    const again = await p.post(`/library/${a.id}/approve`, { _csrf: csrf, version: String(a.version) });
    expect(again.location).toBe(`/library/${a.id}?err=conflict`);
    const en = await p.get(`/library/${a.id}?lang=en`);
    expect(en.html).toContain('no channel connected');
    await p.get('/?lang=fr');
  });

  it('edits then approves, showing the diff before confirming', async () => {
    const a = await proposeEmail(t, await createPerson(t), { subject: 'Première version', body: 'Bonjour,\n\nLigne à garder.\nLigne à changer.' });
    const p = await admin();
    const csrf = await p.csrfToken(`/library/${a.id}`);
    const empty = await p.post(`/library/${a.id}/approve`, { _csrf: csrf, version: '1', subject: 'Première version', body: '' });
    expect(empty.status).toBe(400);
    expect(empty.html).toContain('id="f-body-err"');
    // a browser sends textarea line breaks as CRLF: unchanged lines must stay unchanged
    const review = await p.post(`/library/${a.id}/approve`, {
      _csrf: csrf,
      version: '1',
      subject: 'Version revue',
      body: 'Bonjour,\r\n\r\nLigne à garder.\r\nLigne changée par moi.',
    });
    expect(review.status).toBe(200);
    expect(review.html).toContain('<span class="eq">  Ligne à garder.');
    expect(review.html).toContain('Vérifiez vos modifications');
    expect(review.html).toContain('<del><span class="sr-only">supprimé : </span>- Ligne à changer.');
    expect(review.html).toContain('+ Ligne changée par moi.');
    expect(review.html).toContain('name="confirm" value="1"');
    const status = await t.request('GET', `/api/actions/${a.id}`);
    expect(status.body.status).toBe('pending_approval');
    const done = await p.post(`/library/${a.id}/approve`, {
      _csrf: csrf,
      version: '1',
      subject: 'Version revue',
      body: 'Bonjour,\n\nLigne à garder.\nLigne changée par moi.',
      confirm: '1',
    });
    expect(done.location).toBe(`/library/${a.id}?ok=approved`);
    const api = await t.request('GET', `/api/actions/${a.id}`);
    expect(api.body.status).toBe('approved');
    expect(api.body.payloads.approved!.body).toContain('Ligne changée par moi.');
    expect(api.body.payloads.proposed.body).toContain('Ligne à changer.');
    const shown = await p.get(`/library/${a.id}`);
    expect(shown.html).toContain('Ce qui a changé depuis la proposition');
  });

  it('rejects with feedback: sent back to the teammate, and the revised version comes back', async () => {
    const person = await createPerson(t);
    const drafted = await proposeOutbound(teammate(t), {
      kind: 'email',
      personId: person,
      subject: 'Tu veux rénover ?',
      body: 'Salut,\n\ntu veux rénover ton local ?',
      origin: { teammate: 'drafter', runId: 'run-1', toolCallId: 'call-1' },
      reviewer: { verdict: 'needs_attention', notes: ['Tutoiement : le « vous » est attendu.'] },
    });
    const p = await admin();
    const detail = await p.get(`/library/${drafted.actionId}`);
    expect(detail.html).toContain('Signalé par le relecteur');
    expect(detail.html).toContain('Tutoiement : le « vous » est attendu.');
    expect(detail.html).toContain('Renvoyer au coéquipier');
    const csrf = PageClient.csrf(detail.html);
    const noReason = await p.post(`/library/${drafted.actionId}/reject`, { _csrf: csrf, reason: '', sendBack: 'on' });
    expect(noReason.status).toBe(400);
    expect(noReason.html).toContain('id="f-reason-err"');
    const back = await p.post(`/library/${drafted.actionId}/reject`, { _csrf: csrf, reason: 'Vouvoyez, et parlez de notre garantie décennale.', sendBack: 'on' });
    expect(back.location).toBe('/library?status=pending_approval&ok=sentBack');
    expect((await p.get(back.location!)).html).toContain('une nouvelle version arrivera ici');
    const drafts = await p.get('/library?status=draft');
    expect(drafts.html).toContain(`data-action-row="${drafted.actionId}"`);
    expect(drafts.html).toContain('Renvoyé au coéquipier pour une nouvelle version');
    await reviseAction(teammate(t), drafted.actionId, {
      subject: 'Votre local à Lyon',
      body: 'Bonjour,\n\nSouhaitez-vous rénover votre local ? Nos travaux sont couverts par la garantie décennale.',
      reviewer: { verdict: 'passed', notes: [] },
    });
    const revised = await p.get(`/library/${drafted.actionId}`);
    expect(revised.html).toContain('data-status="pending_approval"');
    expect(revised.html).toContain('Version 2');
    expect(revised.html).toContain('garantie décennale');
    expect(revised.html).toContain('Vouvoyez, et parlez de notre garantie décennale.');
  });

  it('approves a selection at once, and ignores one', async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await proposeEmail(t, await createPerson(t))).id);
    const p = await admin();
    const list = await p.get('/library?status=pending_approval');
    expect(list.html).toContain('data-select-all');
    const csrf = PageClient.csrf(list.html);
    const none = await p.post('/library/bulk', { _csrf: csrf, op: 'approve' });
    expect(none.location).toBe('/library?status=pending_approval&err=none');
    const bulk = await p.post('/library/bulk', { _csrf: csrf, op: 'approve', ids: ids.slice(0, 2) });
    expect(bulk.location).toBe('/library?status=pending_approval&bulk=2-0');
    expect((await p.get(bulk.location!)).html).toContain('2 approuvé(s), 0 non approuvé(s).');
    for (const id of ids.slice(0, 2)) expect((await t.request('GET', `/api/actions/${id}`)).body.status).toBe('approved');
    const ignored = await p.post(`/library/${ids[2]}/ignore`, { _csrf: csrf });
    expect(ignored.location).toBe('/library?status=pending_approval&ok=ignored');
    expect((await t.request('GET', `/api/actions/${ids[2]}`)).body.status).toBe('ignored');
  });

  it('never shows another workspace’s draft', async () => {
    const theirs = await proposeEmail(t, await createPerson(t, { ws: t.b }), {}, t.b.adminToken);
    const p = await admin();
    expect((await p.get(`/library/${theirs.id}`)).status).toBe(404);
    const csrf = await p.csrfToken();
    expect((await p.post(`/library/${theirs.id}/approve`, { _csrf: csrf })).status).toBe(404);
    const bulk = await p.post('/library/bulk', { _csrf: csrf, op: 'approve', ids: [theirs.id] });
    expect(bulk.location).toBe('/library?status=pending_approval&bulk=0-1');
    expect((await t.request('GET', `/api/actions/${theirs.id}`, { token: t.b.adminToken })).body.status).toBe('pending_approval');
  });
});

describe('Settings → Connecteurs', () => {
  it('connects SMTP from the form, tests the connection, and the approved email then arrives', async () => {
    const person = await createPerson(t, { email: 'claire.durand@exemple.fr', firstName: 'Claire' });
    const a = await proposeEmail(t, person, { subject: 'Rénovation de votre agence', body: 'Bonjour Claire,\n\nAuriez-vous un moment ?' });
    const p = await admin();
    const csrf = await p.csrfToken('/settings');
    await p.post(`/library/${a.id}/approve`, { _csrf: csrf, version: '1' });
    expect(await dispatchOnce({ db: t.db.kysely, config: t.config, logger: t.deps.logger })).toMatchObject({ claimed: 0 });

    const bad = await p.post('/settings/connectors/smtp', { _csrf: csrf, host: '', port: '0', fromEmail: 'pas-une-adresse', user: 'relais', password: 'x' });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('id="f-host-err"');
    expect(bad.html).toContain('id="f-fromEmail-err"');
    expect(bad.html).not.toContain('value="x"');

    const wrong = await p.post('/settings/connectors/smtp', {
      _csrf: csrf,
      host: '127.0.0.1',
      port: String(sink.port),
      noTls: 'on',
      user: 'relais',
      password: 'mauvais',
      fromEmail: 'contact@atelier-a.fr',
      fromName: 'Atelier A',
    });
    expect(wrong.location).toBe('/settings?ok=smtp#connectors');
    const settings = await p.get('/settings');
    expect(settings.html).toContain(`127.0.0.1:${sink.port}`);
    expect(settings.html).not.toContain('mauvais');
    const channelId = /data-connector="([0-9a-f-]{36})"/.exec(settings.html)![1];
    const failed = await p.post(`/settings/connectors/${channelId}/test`, { _csrf: csrf });
    // the test ran (and was recorded): the page reports the refusal, the request itself succeeded
    expect(failed.status).toBe(200);
    expect(failed.html).toContain('La connexion a échoué');
    // disable the wrong one, connect the right one
    const version = /name="version" value="(\d+)"/.exec(failed.html.slice(failed.html.indexOf(`data-connector="${channelId}"`)))![1];
    expect((await p.post(`/settings/connectors/${channelId}/toggle`, { _csrf: csrf, version, enabled: 'off' })).status).toBe(303);
    await p.post('/settings/connectors/smtp', {
      _csrf: csrf,
      host: '127.0.0.1',
      port: String(sink.port),
      noTls: 'on',
      user: 'relais',
      password: 'mot-de-passe',
      fromEmail: 'contact@atelier-a.fr',
      fromName: 'Atelier A',
    });
    const page = await p.get('/settings');
    const ids = [...page.html.matchAll(/data-connector="([0-9a-f-]{36})"/g)].map((m) => m[1]);
    const good = ids.find((id) => id !== channelId)!;
    const tested = await p.post(`/settings/connectors/${good}/test`, { _csrf: csrf });
    expect(tested.status).toBe(200);
    expect(tested.html).toContain('Connexion réussie');

    const stats = await dispatchOnce({ db: t.db.kysely, config: t.config, logger: t.deps.logger });
    expect(stats.sent).toBeGreaterThanOrEqual(1);
    const mail = sink.received.find((m) => m.headers.get('message-id')?.startsWith(`<${a.id}@`));
    expect(mail).toBeTruthy();
    expect(mail!.text).toContain('Auriez-vous un moment ?');
    expect(mail!.text).toContain('https://relais.example/u/');
    const sent = await p.get(`/library/${a.id}`);
    expect(sent.html).toContain('data-status="sent"');
  });

  it('creates an expiring auto-approve rule (admin only) and lists it', async () => {
    const p = await admin();
    const csrf = await p.csrfToken('/settings');
    const past = await p.post('/settings/rules', { _csrf: csrf, name: 'Relances', kind: 'email', expiresAt: '2001-01-01', reviewerPassed: 'on' });
    expect(past.status).toBe(400);
    expect(past.html).toContain('id="f-expiresAt-err"');
    const soon = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const ok = await p.post('/settings/rules', { _csrf: csrf, name: 'Relances', kind: 'email', expiresAt: soon, reviewerPassed: 'on' });
    expect(ok.location).toBe('/settings?ok=rule#rules');
    const page = await p.get(ok.location!);
    expect(page.html).toContain('Relances');
    expect(page.html).toContain('Active jusqu’au');
    const member = new PageClient(t);
    await member.signIn(t.a.id, t.a.memberId);
    const refused = await member.post('/settings/rules', { _csrf: await member.csrfToken('/settings'), name: 'x', expiresAt: soon });
    expect(refused.status).toBe(403);
  });
});
