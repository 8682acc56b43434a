import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPerson, proposeEmail, TEST_SECRET_KEY } from '../support/approval';
import { createTestContext, type TestContext } from '../support/context';
import { importCsv } from '../support/imports';
import { PageClient } from '../portal/page-client';

// Hostile input gets a clear 4xx naming the field, never a 500 (issue 10, point 6): characters
// Postgres cannot store (NUL anywhere, a lone UTF-16 surrogate in jsonb), numbers out of the
// columns' range, ids that are not UUIDs, over-long CSV cells, and references out of the workspace.

let t: TestContext;
let page: PageClient;
let csrf: string;
beforeAll(async () => {
  t = await createTestContext({ RELAIS_SECRET_KEY: TEST_SECRET_KEY });
  t.startWorker({ jobs: 'csv.import', pollMs: 50 });
  page = new PageClient(t);
  await page.signIn(t.a.id, t.a.adminId);
  csrf = await page.csrfToken('/companies/new');
});
afterAll(async () => t?.close());

const NUL = 'a\u0000b';
const LONE = 'x\ud800y';
const fieldOf = (body: { error: { details: { fields: { path: string }[] } } }) => body.error.details.fields[0].path;

describe('characters Postgres cannot store: 400 naming the field', () => {
  it('a NUL in any JSON text field, or in a query string', async () => {
    const company = await t.request('POST', '/api/companies', { body: { name: NUL } });
    expect(company.status).toBe(400);
    expect(fieldOf(company.body)).toBe('name');
    expect(company.body.error.message).toMatch(/^name: .*NUL/);

    const personId = await createPerson(t);
    const person = await t.request('PATCH', `/api/people/${personId}`, { body: { role: NUL, version: 1 } });
    expect([person.status, fieldOf(person.body)]).toEqual([400, 'role']);

    const activity = await t.request('POST', '/api/activities', { body: { subjectType: 'person', subjectId: personId, kind: 'note', summary: NUL } });
    expect([activity.status, fieldOf(activity.body)]).toEqual([400, 'summary']);

    const chat = await t.request('POST', '/api/chat', { body: { message: NUL } });
    expect([chat.status, fieldOf(chat.body)]).toEqual([400, 'message']);

    const connector = await t.request('POST', '/api/connectors', {
      body: { type: 'smtp', host: 'smtp.example.com', port: 587, secure: false, user: 'u', password: 'p', fromEmail: 'a@b.fr', fromName: NUL },
    });
    expect([connector.status, fieldOf(connector.body)]).toEqual([400, 'fromName']);

    const search = await t.request('GET', `/api/companies?q=${encodeURIComponent(NUL)}`);
    expect([search.status, fieldOf(search.body)]).toEqual([400, 'q']);
    const filter = await t.request('GET', `/api/people?status=${encodeURIComponent(NUL)}`);
    expect([filter.status, fieldOf(filter.body)]).toEqual([400, 'status']);
  });

  it('a lone UTF-16 surrogate in a JSON-stored field', async () => {
    const personId = await createPerson(t);
    const action = await t.request('POST', '/api/actions', { body: { kind: 'email', personId, subject: LONE, body: 'Bonjour' } });
    expect([action.status, fieldOf(action.body)]).toEqual([400, 'subject']);
    expect(action.body.error.message).toMatch(/surrogate/);

    const voice = await t.request('PATCH', '/api/workspace', { body: { settings: { voice: { tone: LONE } } } });
    expect([voice.status, fieldOf(voice.body)]).toEqual([400, 'settings.voice.tone']);

    const a = await proposeEmail(t, personId);
    const edit = await t.request('POST', `/api/actions/${a.id}/approve`, { body: { payload: { body: `Bonjour ${LONE}` } } });
    expect([edit.status, fieldOf(edit.body)]).toEqual([400, 'payload.body']);
    const reject = await t.request('POST', `/api/actions/${a.id}/reject`, { body: { reason: NUL } });
    expect([reject.status, fieldOf(reject.body)]).toEqual([400, 'reason']);
    expect((await t.request('GET', `/api/actions/${a.id}`)).body.status).toBe('pending_approval');
  });

  it('a NUL in a Portal form is a 400 page naming the field, and nothing is written', async () => {
    const r = await page.post('/companies', { _csrf: csrf, name: NUL, city: 'Lyon' });
    expect(r.status).toBe(400);
    expect(r.html).toContain('name');
    const timeline = await page.post('/timeline', {
      _csrf: csrf,
      subjectType: 'company',
      subjectId: '00000000-0000-4000-8000-000000000000',
      kind: 'note',
      summary: NUL,
      back: '/',
    });
    expect(timeline.status).toBe(400);
    const chat = await page.post('/chat', { _csrf: csrf, message: NUL });
    expect(chat.status).toBe(400);
    expect((await t.request('GET', '/api/companies')).body.items).toHaveLength(0);
  });
});

describe('numbers and ids out of range in Portal forms', () => {
  it('a non-numeric or huge version is a 400 (or a conflict), never a 500', async () => {
    const { body: co } = await t.request('POST', '/api/companies', { body: { name: 'Versions SARL' } });
    for (const version of ['abc', '99999999999', '1e400', '-1', '2.5']) {
      const r = await page.post(`/companies/${co.id}`, { _csrf: csrf, name: 'Versions SAS', version });
      expect(r.status, `version=${version}`).toBe(400);
    }
    const personId = await createPerson(t);
    const promote = await page.post(`/people/${personId}/promote`, { _csrf: csrf, version: '99999999999' });
    expect(promote.status).toBeLessThan(500);
    const { body: deal } = await t.request('POST', '/api/deals', { body: { title: 'Versions' } });
    const move = await page.post(`/deals/${deal.id}/move`, { _csrf: csrf, stage: 'gagne', version: '99999999999' });
    expect(move.status).toBeLessThan(500);
    expect((await t.request('GET', `/api/deals/${deal.id}`)).body).toMatchObject({ stage: 'nouveau', version: 1 });
    const a = await proposeEmail(t, personId);
    const approve = await page.post(`/library/${a.id}/approve`, { _csrf: csrf, version: '99999999999' });
    expect(approve.status).toBeLessThan(500);
    expect((await t.request('GET', `/api/actions/${a.id}`)).body.status).toBe('pending_approval');
  });

  it('Library bulk decide: ids that are not UUIDs are refused, not sent to the database', async () => {
    const r = await page.post('/library/bulk', { _csrf: csrf, ids: ['-'.repeat(36), 'ffffffff-ffff-ffff-ffff-fffffffffffg'.slice(0, 36), 'zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz'] });
    expect(r.status).toBeLessThan(500);
  });
});

describe('CSV import: an over-long cell names its line and column', () => {
  it('a 900 KB company name', async () => {
    const csv = `Raison sociale;Ville\nBoulangerie Normale;Lyon\n${'N'.repeat(900_000)};Lyon\n`;
    const { report } = await importCsv(t, csv);
    expect(report?.rejected).toEqual([{ line: 3, field: 'companyName', reason: expect.stringContaining('300') }]);
    expect(report?.companies.created).toBe(1);
  });

  it('a NUL in a cell', async () => {
    const csv = `Raison sociale;Nom;E-mail\nAtelier Nul;Du${'\u0000'}pont;nul@exemple.fr\n`;
    expect((await importCsv(t, csv)).report?.rejected).toEqual([{ line: 2, field: 'lastName', reason: expect.any(String) }]);
  });
});

describe('deal owners are members of the workspace', () => {
  it('a made-up user id, or another workspace’s user, is a 400 naming ownerUserId', async () => {
    const madeUp = await t.request('POST', '/api/deals', { body: { title: 'Fantôme', ownerUserId: '00000000-0000-4000-8000-000000000000' } });
    expect([madeUp.status, fieldOf(madeUp.body)]).toEqual([400, 'ownerUserId']);
    const foreign = await t.request('POST', '/api/deals', { body: { title: 'Étranger', ownerUserId: t.b.adminId } });
    expect([foreign.status, fieldOf(foreign.body)]).toEqual([400, 'ownerUserId']);
    const ok = await t.request('POST', '/api/deals', { body: { title: 'Membre', ownerUserId: t.a.memberId } });
    expect(ok.status).toBe(201);
    const patch = await t.request('PATCH', `/api/deals/${ok.body.id}`, { body: { ownerUserId: t.b.memberId, version: 1 } });
    expect([patch.status, fieldOf(patch.body)]).toEqual([400, 'ownerUserId']);
    expect((await t.request('GET', `/api/deals/${ok.body.id}`)).body.version).toBe(1);
  });
});
