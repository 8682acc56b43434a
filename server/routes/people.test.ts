import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/context';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t?.close());

describe('/api/people', () => {
  it('creates leads and contacts, filters by kind, searches, promotes a lead', async () => {
    const { body: company } = await t.request('POST', '/api/companies', { body: { name: 'Agence du Parc' } });
    const lead = await t.request('POST', '/api/people', {
      body: { firstName: 'Camille', lastName: 'Roux', email: 'Camille.Roux@agence-du-parc.example', role: 'Gérante', companyId: company.id, lawfulBasis: 'legitimate_interest' },
    });
    expect(lead.status).toBe(201);
    expect(lead.body).toMatchObject({ id: expect.any(String), kind: 'lead', firstName: 'Camille', email: 'camille.roux@agence-du-parc.example', companyId: company.id });
    await t.request('POST', '/api/people', { body: { kind: 'contact', firstName: 'Jean', lastName: 'Martin' } });
    const leads = await t.request('GET', '/api/people?kind=lead');
    expect(leads.body.items.map((p) => p.lastName)).toEqual(['Roux']);
    const contacts = await t.request('GET', '/api/people?kind=contact');
    expect(contacts.body.items.map((p) => p.lastName)).toEqual(['Martin']);
    expect((await t.request('GET', '/api/people?q=camille')).body.items).toHaveLength(1);
    expect((await t.request('GET', `/api/people?companyId=${company.id}`)).body.items).toHaveLength(1);

    const promoted = await t.request('POST', `/api/people/${lead.body.id}/promote`, { body: { version: 1 } });
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({ kind: 'contact', version: 2 });
    const timeline = await t.request('GET', `/api/activities?subjectType=person&subjectId=${lead.body.id}`);
    expect(timeline.body.items.map((a) => a.kind)).toEqual(['promoted', 'created']);
    expect(timeline.body.items[0].data).toMatchObject({ from: 'lead', to: 'contact' });
  });

  it('rejects bad input naming the field', async () => {
    const email = await t.request('POST', '/api/people', { body: { lastName: 'X', email: 'pas-un-email' } });
    expect(email.status).toBe(400);
    expect(email.body.error.details.fields[0].path).toBe('email');
    const kind = await t.request('POST', '/api/people', { body: { lastName: 'X', kind: 'prospect' } });
    expect(kind.body.error.message).toMatch(/^kind:/);
    const empty = await t.request('POST', '/api/people', { body: {} });
    expect(empty.status).toBe(400);
    const badKindFilter = await t.request('GET', '/api/people?kind=vip');
    expect(badKindFilter.body.error.message).toMatch(/^kind:/);
    const { body: p } = await t.request('POST', '/api/people', { body: { lastName: 'Stale' } });
    await t.request('PATCH', `/api/people/${p.id}`, { body: { firstName: 'A', version: 1 } });
    const stale = await t.request('PATCH', `/api/people/${p.id}`, { body: { firstName: 'B', version: 1 } });
    expect(stale.status).toBe(409);
    const noVersion = await t.request('PATCH', `/api/people/${p.id}`, { body: { firstName: 'B' } });
    expect(noVersion.body.error.message).toMatch(/^version:/);
  });

  it('scopes everything to the token workspace', async () => {
    expect((await t.request('POST', '/api/people', { token: null, body: { lastName: 'X' } })).status).toBe(401);
    const { body: p } = await t.request('POST', '/api/people', { body: { lastName: 'Privé' } });
    const asB = { token: t.b.adminToken };
    expect((await t.request('GET', `/api/people/${p.id}`, asB)).status).toBe(404);
    expect((await t.request('POST', `/api/people/${p.id}/promote`, { ...asB, body: { version: 1 } })).status).toBe(404);
    expect((await t.request('DELETE', `/api/people/${p.id}`, asB)).status).toBe(404);
    // a reference to another workspace's company is refused the same way
    const { body: bCompany } = await t.request('POST', '/api/companies', { ...asB, body: { name: 'Société de B' } });
    expect((await t.request('POST', '/api/people', { body: { lastName: 'X', companyId: bCompany.id } })).status).toBe(404);
    expect((await t.request('DELETE', `/api/people/${p.id}`)).status).toBe(204);
  });
});
