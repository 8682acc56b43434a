import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/context';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t?.close());

const lyonBati = { name: 'Lyon Bâti Rénovation', siren: '732829320', siret: '73282932000074', nafCode: '43.34Z', postcode: '69003', communeCode: '69383', city: 'Lyon' };

describe('/api/companies', () => {
  it('creates, reads, lists, searches and paginates', async () => {
    const created = await t.request('POST', '/api/companies', { body: lyonBati });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.any(String), name: lyonBati.name, siren: '732829320', nafCode: '43.34Z', version: 1 });
    const got = await t.request('GET', `/api/companies/${created.body.id}`);
    expect(got.status).toBe(200);
    expect(got.body.siret).toBe(lyonBati.siret);
    for (let i = 0; i < 5; i++) await t.request('POST', '/api/companies', { body: { name: `Cabinet Comptable ${i}`, nafCode: '69.20Z' } });
    const page1 = await t.request('GET', '/api/companies?limit=2&nafCode=69.20Z');
    expect(page1.body.items).toHaveLength(2);
    expect(page1.body.nextCursor).toBeTruthy();
    const page2 = await t.request('GET', `/api/companies?limit=2&nafCode=69.20Z&cursor=${page1.body.nextCursor}`);
    expect(page2.body.items.map((c) => c.id)).not.toContain(page1.body.items[0].id);
    const search = await t.request('GET', '/api/companies?q=bâti');
    expect(search.body.items.map((c) => c.name)).toEqual([lyonBati.name]);
  });

  it('updates with the current version, answers 409 on a stale one, deletes', async () => {
    const { body: c } = await t.request('POST', '/api/companies', { body: { name: 'Versionnée' } });
    const ok = await t.request('PATCH', `/api/companies/${c.id}`, { body: { city: 'Lyon', version: 1 } });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ city: 'Lyon', version: 2 });
    const stale = await t.request('PATCH', `/api/companies/${c.id}`, { body: { city: 'Paris', version: 1 } });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('conflict');
    expect((await t.request('GET', `/api/companies/${c.id}`)).body.city).toBe('Lyon');
    expect((await t.request('DELETE', `/api/companies/${c.id}`)).status).toBe(204);
    expect((await t.request('GET', `/api/companies/${c.id}`)).status).toBe(404);
  });

  it('rejects bad input naming the field', async () => {
    const badSiren = await t.request('POST', '/api/companies', { body: { name: 'X', siren: '123456789' } });
    expect(badSiren.status).toBe(400);
    expect(badSiren.body.error.message).toMatch(/^siren:/);
    const badSiret = await t.request('POST', '/api/companies', { body: { name: 'X', siret: '7328293200007' } });
    expect(badSiret.body.error.details.fields[0].path).toBe('siret');
    const unknown = await t.request('POST', '/api/companies', { body: { name: 'X', color: 'red' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toContain('color');
    const missing = await t.request('POST', '/api/companies', { body: {} });
    expect(missing.body.error.details.fields[0].path).toBe('name');
    const malformed = await t.request('POST', '/api/companies', { rawBody: '{"name": ' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('bad_request');
    const big = await t.request('POST', '/api/companies', { rawBody: JSON.stringify({ name: 'x'.repeat(1_100_000) }) });
    expect(big.status).toBe(413);
    const dupe = await t.request('POST', '/api/companies', { body: { name: 'Doublon', siret: '73282932000074' } });
    expect(dupe.status).toBe(409);
    const badId = await t.request('GET', '/api/companies/not-a-uuid');
    expect(badId.status).toBe(400);
    expect(badId.body.error.message).toMatch(/^id:/);
    const badCursor = await t.request('GET', '/api/companies?cursor=zzz');
    expect(badCursor.body.error.message).toMatch(/^cursor:/);
  });

  it('requires a token and never shows another workspace', async () => {
    expect((await t.request('GET', '/api/companies', { token: null })).status).toBe(401);
    expect((await t.request('GET', '/api/companies', { token: `rl_00000000000000000000000000000000_${'A'.repeat(43)}` })).status).toBe(401);
    const { body: c } = await t.request('POST', '/api/companies', { body: { name: 'Secret de A' } });
    const asB = { token: t.b.adminToken };
    expect((await t.request('GET', `/api/companies/${c.id}`, asB)).status).toBe(404);
    expect((await t.request('PATCH', `/api/companies/${c.id}`, { ...asB, body: { name: 'pwned', version: 1 } })).status).toBe(404);
    expect((await t.request('DELETE', `/api/companies/${c.id}`, asB)).status).toBe(404);
    const list = await t.request('GET', '/api/companies?limit=200', asB);
    expect(list.body.items.map((x) => x.id)).not.toContain(c.id);
  });
});
