import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../db/repositories/audit';
import { createPerson, proposeEmail, TEST_SECRET_KEY } from '../../test/support/approval';
import { createTestContext, type TestContext } from '../../test/support/context';

// Access requests (GDPR art. 15): GET /api/people/{id}/export, JSON or CSV.
let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({ RELAIS_SECRET_KEY: TEST_SECRET_KEY });
});
afterAll(async () => t?.close());

/** The JSON export (the route answers CSV too, typed as text: this is the JSON one). */
async function exportJson(id: string, token?: string) {
  const r = await t.request('GET', `/api/people/${id}/export`, { token });
  return { ...r, body: r.body as Exclude<typeof r.body, string> };
}

async function personWithHistory() {
  const company = await t.request('POST', '/api/companies', { body: { name: 'Toitures Morel', source: 'recherche-entreprises', sourceId: '55203253400646' } });
  expect(company.status).toBe(201);
  const email = `m.morel.${Date.now()}@exemple.fr`;
  const person = await t.request('POST', '/api/people', {
    body: {
      kind: 'lead',
      firstName: 'Marc',
      lastName: 'Morel',
      email,
      companyId: company.body.id,
      lawfulBasis: 'legitimate_interest',
      lawfulBasisNote: 'Gérant, prospection liée à son métier',
      source: 'recherche-entreprises',
    },
  });
  expect(person.status).toBe(201);
  const id = person.body.id;
  const approved = await proposeEmail(t, id, { subject: 'Vos toitures à Lyon', body: 'Bonjour Monsieur Morel,\n\nPremière version.' });
  const edited = await t.request('POST', `/api/actions/${approved.id}/approve`, {
    body: { version: approved.version, payload: { body: 'Bonjour Monsieur Morel,\n\nVersion corrigée.' } },
  });
  expect(edited.status).toBe(200);
  const rejected = await proposeEmail(t, id, { subject: '=HYPERLINK("http://evil.example")' });
  expect((await t.request('POST', `/api/actions/${rejected.id}/reject`, { body: { reason: 'trop insistant' } })).status).toBe(200);
  await t.request('POST', '/api/activities', { body: { subjectType: 'person', subjectId: id, kind: 'call', summary: 'Appel : rappeler en mars' } });
  return { id, email, companyId: company.body.id as string, approvedId: approved.id as string, rejectedId: rejected.id as string };
}

describe('GET /api/people/:id/export', () => {
  it('gives everything held about the person as JSON: record, origin, company, messages with versions, decisions, timeline, audit', async () => {
    const p = await personWithHistory();
    const other = await createPerson(t);
    const unrelated = await proposeEmail(t, other, { subject: 'Pour quelqu’un d’autre' });

    const r = await exportJson(p.id, t.a.memberToken);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/json/);
    expect(r.headers.get('content-disposition')).toBe(`attachment; filename="relais-personne-${p.id}.json"`);
    const x = r.body;
    expect(x.controller).toMatchObject({ name: 'Atelier A', legalName: 'Atelier A SAS' });
    expect(x.person).toMatchObject({ id: p.id, firstName: 'Marc', lastName: 'Morel', email: p.email });
    expect(x.origin).toMatchObject({
      source: 'recherche-entreprises',
      sourceId: '55203253400646',
      lawfulBasis: 'legitimate_interest',
      lawfulBasisNote: 'Gérant, prospection liée à son métier',
      collectedAt: x.person.createdAt,
      lastContactFromPersonAt: null,
    });
    expect(x.company).toMatchObject({ id: p.companyId, name: 'Toitures Morel', source: 'recherche-entreprises' });
    expect(x.suppression).toBeNull();

    expect(x.messages.map((m) => m.id)).toEqual([p.approvedId, p.rejectedId]);
    expect(x.messages.map((m) => m.id)).not.toContain(unrelated.id);
    const sent = x.messages[0];
    expect(sent.status).toBe('approved');
    expect(sent.payloads.proposed).toMatchObject({ body: 'Bonjour Monsieur Morel,\n\nPremière version.' });
    expect(sent.payloads.approved).toMatchObject({ body: 'Bonjour Monsieur Morel,\n\nVersion corrigée.' });
    expect(sent.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(x.decisions.filter((d) => d.subjectId === p.approvedId).map((d) => d.action)).toContain('action.approved');
    expect(x.decisions.find((d) => d.subjectId === p.rejectedId && d.action === 'action.rejected')).toMatchObject({ actor: { type: 'user', id: t.a.adminId } });
    expect(x.activities.map((a) => a.kind)).toEqual(['created', 'call']);
    expect(x.audit.map((a) => a.action)).toContain('person.created');
    expect(x.deals).toEqual([]);

    // the export is on the record: who asked, in which format
    const audit = await listAudit(t.db.kysely, t.a.id, 'person', p.id);
    expect(audit.at(-1)).toMatchObject({ action: 'person.exported', actor_type: 'user', actor_id: t.a.memberId, data: { format: 'json' } });
  });

  it('says when the address is on the suppression list', async () => {
    const id = await createPerson(t);
    await t.request('POST', `/api/people/${id}/opt-out`);
    const r = await exportJson(id);
    expect(r.body.suppression).toMatchObject({ reason: 'opt_out', source: 'recorded by a user' });
    expect(r.body.activities.map((a) => a.kind)).toContain('opted_out');
  });

  it('gives the same content as CSV, one value a line, for French or English spreadsheets', async () => {
    const p = await personWithHistory();
    const r = await t.request('GET', `/api/people/${p.id}/export?format=csv`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(r.headers.get('content-disposition')).toBe(`attachment; filename="relais-personne-${p.id}.csv"`);
    const text = r.body as unknown as string;
    const lines = text.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toBe('Rubrique;Élément;Champ;Valeur');
    expect(lines).toContain(`person;;email;${p.email}`);
    expect(lines).toContain('origin;;sourceId;55203253400646');
    expect(lines).toContain(`messages;${p.approvedId};payloads.approved.subject;Vos toitures à Lyon`);
    // multi-line values stay in one quoted cell
    expect(text).toContain(`messages;${p.approvedId};payloads.approved.body;"Bonjour Monsieur Morel,\n\nVersion corrigée."`);
    expect(lines.some((l) => l.startsWith(`decisions;`) && l.includes('action.rejected'))).toBe(true);
    const en = await t.request('GET', `/api/people/${p.id}/export?format=csv&lang=en`);
    expect((en.body as unknown as string).replace(/^\uFEFF/, '').split('\r\n')[0]).toBe('Section;Item;Field;Value');
    expect((await listAudit(t.db.kysely, t.a.id, 'person', p.id)).at(-1)).toMatchObject({ action: 'person.exported', data: { format: 'csv' } });
  });

  it('answers 400 for an unknown format or parameter, 401 without a token, 404 outside the workspace', async () => {
    const id = await createPerson(t);
    const bad = await t.request('GET', `/api/people/${id}/export?format=xml`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^format:/);
    expect((await t.request('GET', `/api/people/${id}/export?download=1`)).status).toBe(400);
    expect((await t.request('GET', `/api/people/${id}/export?lang=de`)).status).toBe(400);
    expect((await t.request('GET', '/api/people/not-a-uuid/export')).status).toBe(400);
    expect((await t.request('GET', `/api/people/${id}/export`, { token: null })).status).toBe(401);
    const foreign = await t.request('GET', `/api/people/${id}/export`, { token: t.b.adminToken });
    expect(foreign.status).toBe(404);
    expect(JSON.stringify(foreign.body)).not.toContain('Claire');
    expect((await t.request('GET', '/api/people/00000000-0000-4000-8000-000000000000/export')).status).toBe(404);
    // nothing audited for what was refused
    expect((await listAudit(t.db.kysely, t.b.id, 'person', id)).length).toBe(0);
  });

  it('is documented in the OpenAPI document with both media types', async () => {
    const doc = await t.request('GET', '/api/openapi.json');
    const op = doc.body.paths['/people/{id}/export'].get!;
    expect(Object.keys(op.responses['200'].content ?? {}).sort()).toEqual(['application/json', 'text/csv']);
  });
});
