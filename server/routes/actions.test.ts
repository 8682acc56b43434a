import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approveAction } from '../../actions/decide';
import { expireDueActions } from '../../actions/expiry';
import { proposeOutbound } from '../../actions/propose';
import { listRevisionRequests, reviseAction } from '../../actions/revise';
import { listAudit } from '../../db/repositories/audit';
import { createTestContext, type TestContext } from '../../test/support/context';
import { createPerson, proposeEmail, teammate, TEST_SECRET_KEY } from '../../test/support/approval';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ RELAIS_SECRET_KEY: TEST_SECRET_KEY, PUBLIC_URL: 'https://relais.example' });
});
afterAll(async () => t?.close());

const origin = (toolCallId: string) => ({ teammate: 'drafter', runId: 'run-1', threadId: 'thread-1', toolCallId });

describe('POST /api/actions (the gate)', () => {
  it('records a pending action and never sends; a retry returns the same action', async () => {
    const personId = await createPerson(t);
    const body = { kind: 'email', personId, subject: 'Bonjour', body: 'Un devis ?' };
    const r = await t.request('POST', '/api/actions', { body, headers: { 'idempotency-key': 'k-1' } });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ id: expect.any(String), status: 'pending_approval', kind: 'email', version: 1, personId, created: true });
    expect(r.body.hashes.current).toMatch(/^[0-9a-f]{64}$/);
    expect(r.body.payloads.proposed).toMatchObject({ subject: 'Bonjour', to: { email: expect.stringContaining('@exemple.fr') }, language: 'fr' });
    expect(r.body.payloads.approved).toBeNull();
    const again = await t.request('POST', '/api/actions', { body, headers: { 'idempotency-key': 'k-1' } });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: r.body.id, created: false });
    const audit = await listAudit(t.db.kysely, t.a.id, 'action', r.body.id);
    expect(audit.map((e) => e.action)).toEqual(['action.created']);
    expect(audit[0]).toMatchObject({ actor_type: 'user', actor_id: t.a.adminId, data: expect.objectContaining({ payloadHash: r.body.hashes.current }) });
  });

  it('intercepts teammate tool calls: a retried tool call id returns the same action', async () => {
    const personId = await createPerson(t);
    const ctx = teammate(t);
    const first = await proposeOutbound(ctx, {
      kind: 'email',
      personId,
      subject: 'Offre',
      body: 'Bonjour',
      origin: origin('call-1'),
      reviewer: { verdict: 'passed', notes: 'ton correct' },
    });
    expect(first).toEqual({ actionId: expect.any(String), status: 'pending_approval', created: true });
    const retry = await proposeOutbound(ctx, { kind: 'email', personId, subject: 'Offre (bis)', body: 'Bonjour', origin: origin('call-1') });
    expect(retry).toEqual({ actionId: first.actionId, status: 'pending_approval', created: false });
    const detail = await t.request('GET', `/api/actions/${first.actionId}`);
    expect(detail.body).toMatchObject({
      teammate: 'drafter',
      origin: origin('call-1'),
      reviewer: { verdict: 'passed', notes: ['ton correct'] },
      createdBy: { type: 'teammate', id: 'drafter' },
    });
  });

  it('rejects bad input naming the field, and refuses opted-out or unknown recipients', async () => {
    const personId = await createPerson(t);
    const missing = await t.request('POST', '/api/actions', { body: { kind: 'email', personId, body: 'x' } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.fields[0].path).toBe('subject');
    const spoof = await t.request('POST', '/api/actions', { body: { kind: 'email', personId, subject: 's', body: 'b', reviewer: { verdict: 'passed' } } });
    expect(spoof.status).toBe(400);
    expect(spoof.body.error.message).toContain('reviewer');
    const badKind = await t.request('POST', '/api/actions', { body: { kind: 'fax', personId } });
    expect(badKind.status).toBe(400);
    expect(badKind.body.error.details.fields[0].path).toBe('kind');
    const noEmail = await createPerson(t, { email: null });
    const r = await t.request('POST', '/api/actions', { body: { kind: 'email', personId: noEmail, subject: 's', body: 'b' } });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/^personId:/);
    const foreign = await createPerson(t, { ws: t.b });
    expect((await t.request('POST', '/api/actions', { body: { kind: 'email', personId: foreign, subject: 's', body: 'b' } })).status).toBe(404);
    await t.request('POST', `/api/people/${personId}/opt-out`);
    const opted = await t.request('POST', '/api/actions', { body: { kind: 'email', personId, subject: 's', body: 'b' } });
    expect(opted.status).toBe(409);
    expect(opted.body.error.message).toMatch(/opted out/);
  });
});

describe('GET /api/actions (the Library)', () => {
  it('lists with counts per status, the Needs attention number, filters and keyset pagination', async () => {
    const personId = await createPerson(t);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await proposeEmail(t, personId)).id);
    const meeting = await proposeOutbound(teammate(t, t.a, 'prospector'), {
      kind: 'meeting',
      personId,
      subject: 'Visite du chantier',
      body: 'Je vous propose une visite.',
      startsAt: '2030-03-04T09:00:00+01:00',
      durationMinutes: 45,
    });
    const page1 = await t.request('GET', `/api/actions?status=pending_approval&personId=${personId}&limit=2`);
    expect(page1.status).toBe(200);
    expect(page1.body.items).toHaveLength(2);
    expect(page1.body.items[0]).toMatchObject({ id: meeting.actionId, kind: 'meeting', subject: 'Visite du chantier', teammate: 'prospector', to: { email: expect.any(String) } });
    expect(page1.body.counts.pending_approval).toBeGreaterThanOrEqual(4);
    expect(page1.body.needsAttention).toBeGreaterThanOrEqual(page1.body.counts.pending_approval);
    const page2 = await t.request('GET', `/api/actions?status=pending_approval&personId=${personId}&limit=2&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items.map((i) => i.id)).toEqual([ids[1], ids[0]]);
    const byTeammate = await t.request('GET', '/api/actions?teammate=prospector');
    expect(byTeammate.body.items.map((i) => i.id)).toEqual([meeting.actionId]);
    const byKind = await t.request('GET', `/api/actions?kind=meeting&personId=${personId}`);
    expect(byKind.body.items).toHaveLength(1);
    const future = await t.request('GET', `/api/actions?from=${encodeURIComponent(new Date(Date.now() + 3600_000).toISOString())}`);
    expect(future.body.items).toHaveLength(0);
    expect((await t.request('GET', '/api/actions?status=nope')).body.error.details.fields[0].path).toBe('status');
    expect((await t.request('GET', '/api/actions?cursor=zzz')).body.error.message).toMatch(/^cursor:/);
    expect((await t.request('GET', '/api/actions?from=yesterday')).body.error.message).toMatch(/^from:/);
  });

  it('shows the full message as the recipient will read it, with footer, opt-out link and history', async () => {
    await t.request('PATCH', '/api/workspace', { body: { legalName: 'Atelier A SAS', address: '1 rue de la République, 69001 Lyon', siret: '73282932000074' } });
    const personId = await createPerson(t);
    const a = await proposeEmail(t, personId, { subject: 'Vos bureaux', body: 'Bonjour Claire,\n\nUn devis ?' });
    const r = await t.request('GET', `/api/actions/${a.id}`);
    expect(r.status).toBe(200);
    const message = r.body.message;
    if (!message || 'redacted' in message) throw new Error(`no rendered message: ${JSON.stringify(message)}`);
    expect(message.subject).toBe('Vos bureaux');
    expect(message.text).toContain('Bonjour Claire,');
    expect(message.text).toContain('Atelier A SAS');
    expect(message.text).toContain('1 rue de la République, 69001 Lyon');
    expect(message.text).toContain('SIRET 73282932000074');
    expect(message.text).toMatch(/Pour ne plus recevoir de messages de notre part : https:\/\/relais\.example\/u\/\S+/);
    expect(message.headers).toEqual({ 'List-Unsubscribe': `<${message.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
    expect(r.body.waitingReason).toBeNull();
    expect(r.body.versions).toEqual([expect.objectContaining({ version: 1, note: 'proposed', payloadHash: r.body.hashes.current })]);
    expect(r.body.history).toEqual([expect.objectContaining({ action: 'action.created', actor: { type: 'user', id: t.a.adminId } })]);
    expect(r.body.diff).toBeNull();
    const en = await proposeEmail(t, personId, { language: 'en' });
    expect((await t.request('GET', `/api/actions/${en.id}`)).body.message).toMatchObject({
      text: expect.stringContaining('To stop receiving messages from us: https://relais.example/u/'),
    });
  });
});

describe('decisions', () => {
  it('approves once: the action waits with "no channel connected"; a second approval is 409', async () => {
    const a = await proposeEmail(t, await createPerson(t));
    const ok = await t.request('POST', `/api/actions/${a.id}/approve`);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'approved', waitingReason: 'no channel connected', approvedBy: { type: 'user', id: t.a.adminId } });
    expect(ok.body.hashes.approved).toBe(ok.body.hashes.current);
    const again = await t.request('POST', `/api/actions/${a.id}/approve`);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/approved/);
    const list = await t.request('GET', '/api/actions?status=approved');
    expect(list.body.items.find((i) => i.id === a.id)!.waitingReason).toBe('no channel connected');
    const history = await listAudit(t.db.kysely, t.a.id, 'action', a.id);
    expect(history[1]).toMatchObject({
      action: 'action.approved',
      actor_type: 'user',
      data: expect.objectContaining({ from: 'pending_approval', to: 'approved', approvedHash: ok.body.hashes.approved }),
    });
  });

  it('edit and approve keeps the proposed and approved payloads apart, with the diff and a new version', async () => {
    const a = await proposeEmail(t, await createPerson(t), { subject: 'Avant', body: 'Ligne 1\nLigne 2' });
    const stale = await t.request('POST', `/api/actions/${a.id}/approve`, { body: { version: 2, payload: { body: 'x' } } });
    expect(stale.status).toBe(409);
    const bad = await t.request('POST', `/api/actions/${a.id}/approve`, { body: { payload: { subject: '' } } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^payload\.subject:/);
    const r = await t.request('POST', `/api/actions/${a.id}/approve`, { body: { version: 1, payload: { subject: 'Après', body: 'Ligne 1\nLigne 2 corrigée' } } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'approved', version: 2 });
    expect(r.body.payloads.proposed).toMatchObject({ subject: 'Avant', body: 'Ligne 1\nLigne 2' });
    expect(r.body.payloads.approved).toMatchObject({ subject: 'Après', body: 'Ligne 1\nLigne 2 corrigée' });
    const d = await t.request('GET', `/api/actions/${a.id}`);
    expect(d.body.diff).toEqual({
      against: 'approved',
      subject: { before: 'Avant', after: 'Après' },
      body: [
        { op: 'equal', text: 'Ligne 1' },
        { op: 'remove', text: 'Ligne 2' },
        { op: 'add', text: 'Ligne 2 corrigée' },
      ],
    });
    expect(d.body.versions.map((v) => [v.version, v.note])).toEqual([
      [1, 'proposed'],
      [2, 'edited on approval'],
    ]);
    expect(d.body.history.at(-1)).toMatchObject({ action: 'action.approved', data: expect.objectContaining({ edited: true }) });
  });

  it('two concurrent approvals: one 200, one 409', async () => {
    const a = await proposeEmail(t, await createPerson(t));
    const [x, y] = await Promise.all([t.request('POST', `/api/actions/${a.id}/approve`), t.request('POST', `/api/actions/${a.id}/approve`, { token: t.a.memberToken })]);
    expect([x.status, y.status].sort()).toEqual([200, 409]);
    const audit = await listAudit(t.db.kysely, t.a.id, 'action', a.id);
    expect(audit.filter((e) => e.action === 'action.approved')).toHaveLength(1);
  });

  it('rejects; sendBack hands the reason to the drafter, who makes a new version of the same action', async () => {
    const personId = await createPerson(t);
    const plain = await proposeEmail(t, personId);
    const rejected = await t.request('POST', `/api/actions/${plain.id}/reject`, { body: { reason: 'hors sujet' } });
    expect(rejected.body).toMatchObject({ status: 'rejected', reason: 'hors sujet' });
    expect((await t.request('POST', `/api/actions/${plain.id}/reject`, { body: { reason: 'encore' } })).status).toBe(409);
    expect((await t.request('POST', `/api/actions/${plain.id}/reject`, { body: {} })).body.error.details.fields[0].path).toBe('reason');

    const ctx = teammate(t);
    const drafted = await proposeOutbound(ctx, { kind: 'email', personId, subject: 'Première version', body: 'Trop long', origin: origin('call-sb') });
    const back = await t.request('POST', `/api/actions/${drafted.actionId}/reject`, { body: { reason: 'plus court, vouvoiement', sendBack: true } });
    expect(back.body).toMatchObject({ status: 'draft', reason: 'plus court, vouvoiement' });
    expect(back.body.revisionRequestedAt).toBeTruthy();
    // the send-back is a job for the drafter, enqueued with the decision
    expect((await t.deps.jobs.counts())['action.sent-back']).toMatchObject({ created: 1 });
    const queue = await listRevisionRequests(ctx, { teammate: 'drafter' });
    expect(queue.map((q) => q.actionId)).toContain(drafted.actionId);

    const revised = await reviseAction(ctx, drafted.actionId, { subject: 'Deuxième version', body: 'Court', reviewer: { verdict: 'passed', notes: [] } });
    expect(revised).toEqual({ actionId: drafted.actionId, status: 'pending_approval', version: 2 });
    expect((await listRevisionRequests(ctx)).map((q) => q.actionId)).not.toContain(drafted.actionId);
    const d = await t.request('GET', `/api/actions/${drafted.actionId}`);
    expect(d.body.versions.map((v) => [v.version, v.payload.subject])).toEqual([
      [1, 'Première version'],
      [2, 'Deuxième version'],
    ]);
    expect(d.body.payloads.proposed.subject).toBe('Première version');
    expect(d.body.payloads.current.subject).toBe('Deuxième version');
    expect(d.body.history.map((h) => h.action)).toEqual(['action.created', 'action.sent_back', 'action.revised']);
    expect((await t.request('POST', `/api/actions/${drafted.actionId}/approve`, { body: { version: 1 } })).status).toBe(409);
    expect((await t.request('POST', `/api/actions/${drafted.actionId}/approve`, { body: { version: 2 } })).status).toBe(200);
    await expect(reviseAction(ctx, drafted.actionId, { body: 'trop tard' })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('ignores, cancels, and never lets a teammate approve', async () => {
    const personId = await createPerson(t);
    const a = await proposeEmail(t, personId);
    expect((await t.request('POST', `/api/actions/${a.id}/ignore`)).body.status).toBe('ignored');
    expect((await t.request('POST', `/api/actions/${a.id}/ignore`)).status).toBe(409);
    expect((await t.request('POST', `/api/actions/${a.id}/cancel`)).status).toBe(409);
    const b = await proposeEmail(t, personId);
    await t.request('POST', `/api/actions/${b.id}/approve`);
    expect((await t.request('POST', `/api/actions/${b.id}/cancel`, { body: { reason: 'plus besoin' } })).body).toMatchObject({ status: 'cancelled', reason: 'plus besoin' });
    const c = await proposeEmail(t, personId);
    await expect(approveAction(teammate(t), c.id)).rejects.toMatchObject({ code: 'forbidden' });
    expect((await t.request('GET', `/api/actions/${c.id}`)).body.status).toBe('pending_approval');
    expect((await t.request('POST', `/api/actions/${c.id}/resolve`, { body: { outcome: 'sent' } })).status).toBe(409);
  });

  it('expires pending actions after the workspace setting', async () => {
    await t.request('PATCH', '/api/workspace', { body: { settings: { pendingExpiryDays: 3 } } });
    const a = await proposeEmail(t, await createPerson(t));
    const detail = await t.request('GET', `/api/actions/${a.id}`);
    const days = (new Date(detail.body.expiresAt!).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(2.9);
    expect(days).toBeLessThan(3.1);
    await sql`update actions set expires_at = now() - interval '1 minute' where id = ${a.id}`.execute(t.db.kysely);
    expect(await expireDueActions(t.db.kysely)).toBeGreaterThanOrEqual(1);
    const after = await t.request('GET', `/api/actions/${a.id}`);
    expect(after.body.status).toBe('expired');
    expect(after.body.history.at(-1)).toMatchObject({ action: 'action.expired', actor: { type: 'system', id: 'expiry' } });
    expect((await t.request('POST', `/api/actions/${a.id}/approve`)).status).toBe(409);
  });
});

describe('an expired action cannot be approved, even before the sweep runs', () => {
  it('approve, edit-approve and bulk approve answer 409 and the action becomes expired there and then', async () => {
    const personId = await createPerson(t);
    const [plain, edited, bulk, fresh] = [await proposeEmail(t, personId), await proposeEmail(t, personId), await proposeEmail(t, personId), await proposeEmail(t, personId)];
    await sql`update actions set expires_at = now() - interval '1 minute' where id in (${plain.id}, ${edited.id}, ${bulk.id})`.execute(t.db.kysely);

    const r = await t.request('POST', `/api/actions/${plain.id}/approve`);
    expect(r.status).toBe(409);
    expect(r.body.error.message).toMatch(/expired .*can no longer be approved/);
    const e = await t.request('POST', `/api/actions/${edited.id}/approve`, { body: { version: 1, payload: { body: 'Version corrigée' } } });
    expect(e.status).toBe(409);
    expect(e.body.error.message).toMatch(/expired .*can no longer be approved/);
    const b = await t.request('POST', '/api/actions/bulk', { body: { op: 'approve', ids: [bulk.id, fresh.id] } });
    expect(b.body.results).toEqual([
      { id: bulk.id, ok: false, status: 409, actionStatus: 'expired', error: expect.stringMatching(/expired .*can no longer be approved/) },
      { id: fresh.id, ok: true, status: 200, actionStatus: 'approved', error: null },
    ]);
    for (const id of [plain.id, edited.id, bulk.id]) {
      const d = await t.request('GET', `/api/actions/${id}`);
      expect(d.body).toMatchObject({ status: 'expired', approvedAt: null, payloads: { approved: null } });
      expect(d.body.history.map((h) => h.action)).not.toContain('action.approved');
      expect(d.body.history.at(-1)).toMatchObject({ action: 'action.expired', actor: { type: 'system', id: 'expiry' } });
    }
  });
});

describe('Idempotency-Key', () => {
  it('is scoped by user: two members of a workspace reusing a key each get their own action', async () => {
    const personId = await createPerson(t);
    const headers = { 'idempotency-key': 'devis-lundi' };
    const admin = await t.request('POST', '/api/actions', { headers, body: { kind: 'email', personId, subject: 'De l’admin', body: 'Bonjour' } });
    const member = await t.request('POST', '/api/actions', { token: t.a.memberToken, headers, body: { kind: 'email', personId, subject: 'Du membre', body: 'Bonjour' } });
    expect(admin.status).toBe(201);
    expect(member.status).toBe(201);
    expect(member.body.id).not.toBe(admin.body.id);
    expect(member.body).toMatchObject({ createdBy: { type: 'user', id: t.a.memberId }, payloads: { current: { subject: 'Du membre' } } });
    const retry = await t.request('POST', '/api/actions', { token: t.a.memberToken, headers, body: { kind: 'email', personId, subject: 'Du membre', body: 'Bonjour' } });
    expect(retry).toMatchObject({ status: 200, body: { id: member.body.id, created: false } });
    const viaBody = await t.request('POST', '/api/actions', { body: { kind: 'email', personId, subject: 'x', body: 'y', idempotencyKey: 'devis-lundi' } });
    expect(viaBody).toMatchObject({ status: 200, body: { id: admin.body.id, created: false } });
  });
});

describe('POST /api/actions/bulk', () => {
  it('approves across runs with one result per id', async () => {
    const personId = await createPerson(t);
    const p1 = await proposeEmail(t, personId);
    const p2 = await proposeEmail(t, personId);
    const done = await proposeEmail(t, personId);
    await t.request('POST', `/api/actions/${done.id}/ignore`);
    const foreign = await proposeEmail(t, await createPerson(t, { ws: t.b }), {}, t.b.adminToken);
    const r = await t.request('POST', '/api/actions/bulk', { token: t.a.memberToken, body: { op: 'approve', ids: [p1.id, p2.id, done.id, foreign.id] } });
    expect(r.status).toBe(200);
    expect(r.body.results).toEqual([
      { id: p1.id, ok: true, status: 200, actionStatus: 'approved', error: null },
      { id: p2.id, ok: true, status: 200, actionStatus: 'approved', error: null },
      { id: done.id, ok: false, status: 409, actionStatus: 'ignored', error: expect.stringMatching(/ignored/) },
      { id: foreign.id, ok: false, status: 404, actionStatus: null, error: 'action not found' },
    ]);
    expect(r.body.summary).toEqual({ ok: 2, failed: 2 });
    expect((await t.request('GET', `/api/actions/${foreign.id}`, { token: t.b.adminToken })).body.status).toBe('pending_approval');
  });

  it('rejects with sendBack in bulk and validates the request', async () => {
    const personId = await createPerson(t);
    const drafted = await proposeOutbound(teammate(t), { kind: 'email', personId, subject: 's', body: 'b', origin: origin('bulk-sb') });
    const human = await proposeEmail(t, personId);
    const r = await t.request('POST', '/api/actions/bulk', { body: { op: 'reject', ids: [drafted.actionId, human.id], reason: 'trop commercial', sendBack: true } });
    expect(r.body.results.map((x) => x.actionStatus)).toEqual(['draft', 'rejected']);
    expect((await t.request('POST', '/api/actions/bulk', { body: { op: 'reject', ids: [human.id] } })).body.error.details.fields[0].path).toBe('reason');
    expect((await t.request('POST', '/api/actions/bulk', { body: { op: 'approve', ids: [] } })).body.error.details.fields[0].path).toBe('ids');
    const tooMany = Array.from({ length: 501 }, () => human.id);
    expect((await t.request('POST', '/api/actions/bulk', { body: { op: 'approve', ids: tooMany } })).body.error.details.fields[0].path).toBe('ids');
    expect((await t.request('POST', '/api/actions/bulk', { body: { op: 'approve', ids: ['nope'] } })).body.error.details.fields[0].path).toBe('ids.0');
  });

  it('approving more than 50 at once is admin-only', async () => {
    const personId = await createPerson(t);
    const ids: string[] = [];
    for (let i = 0; i < 51; i++) ids.push((await proposeOutbound(teammate(t), { kind: 'email', personId, subject: `s${i}`, body: 'b', origin: origin(`bulk-${i}`) })).actionId);
    const member = await t.request('POST', '/api/actions/bulk', { token: t.a.memberToken, body: { op: 'approve', ids } });
    expect(member.status).toBe(403);
    expect(member.body.error.message).toMatch(/admin-only/);
    expect((await t.request('POST', '/api/actions/bulk', { token: t.a.memberToken, body: { op: 'ignore', ids: ids.slice(0, 1) } })).status).toBe(200);
    const admin = await t.request('POST', '/api/actions/bulk', { body: { op: 'approve', ids } });
    expect(admin.body.summary).toEqual({ ok: 50, failed: 1 });
  });
});

describe('security', () => {
  it('requires a token on every route', async () => {
    const id = '01890000-0000-7000-8000-000000000000';
    for (const [method, path] of [
      ['GET', '/api/actions'],
      ['POST', '/api/actions'],
      ['GET', `/api/actions/${id}`],
      ['POST', `/api/actions/${id}/approve`],
      ['POST', `/api/actions/${id}/reject`],
      ['POST', `/api/actions/${id}/ignore`],
      ['POST', `/api/actions/${id}/cancel`],
      ['POST', `/api/actions/${id}/resolve`],
      ['POST', '/api/actions/bulk'],
    ] as const) {
      expect((await t.request(method, path, { token: null, body: method === 'GET' ? undefined : {} })).status, `${method} ${path}`).toBe(401);
    }
  });

  it("never shows or decides another workspace's actions", async () => {
    const a = await proposeEmail(t, await createPerson(t));
    const asB = { token: t.b.adminToken };
    expect((await t.request('GET', `/api/actions/${a.id}`, asB)).status).toBe(404);
    expect((await t.request('POST', `/api/actions/${a.id}/approve`, asB)).status).toBe(404);
    expect((await t.request('POST', `/api/actions/${a.id}/reject`, { ...asB, body: { reason: 'x' } })).status).toBe(404);
    expect((await t.request('POST', `/api/actions/${a.id}/ignore`, asB)).status).toBe(404);
    expect((await t.request('POST', `/api/actions/${a.id}/cancel`, asB)).status).toBe(404);
    expect((await t.request('POST', `/api/actions/${a.id}/resolve`, { ...asB, body: { outcome: 'resend' } })).status).toBe(404);
    const list = await t.request('GET', '/api/actions?limit=200', asB);
    expect(list.body.items.map((x) => x.id)).not.toContain(a.id);
    expect((await t.request('GET', `/api/actions/${a.id}`)).body.status).toBe('pending_approval');
    expect((await t.request('GET', '/api/actions/not-a-uuid')).body.error.message).toMatch(/^id:/);
  });
});
