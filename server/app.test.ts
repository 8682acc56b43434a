import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../test/support/context';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t?.close());

describe('service surface', () => {
  it('reports health with the database checked', async () => {
    const r = await t.request('GET', '/health', { token: null });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: 'ok', database: 'ok' });
  });

  it('publishes an OpenAPI document generated from the zod schemas', async () => {
    const r = await t.request('GET', '/api/openapi.json', { token: null });
    expect(r.status).toBe(200);
    expect(r.body.openapi).toBe('3.0.0');
    expect(Object.keys(r.body.paths)).toEqual(expect.arrayContaining(['/companies', '/people/{id}', '/deals/{id}/move', '/activities']));
    expect(r.body.paths['/people'].post!.requestBody!.content['application/json'].schema.properties!.email).toBeTruthy();
  });

  it('answers unknown routes and bad tokens with the error shape and a request id', async () => {
    const r = await t.request('GET', '/api/nothing-here');
    expect(r.status).toBe(404);
    const u = await t.request('GET', '/api/people', { token: 'nope' });
    expect(u.status).toBe(401);
    expect(u.body.error).toMatchObject({ code: 'unauthorized', message: expect.any(String) });
    expect(u.headers.get('x-request-id')).toBeTruthy();
  });

  it('keeps the audit log append-only', async () => {
    await t.request('POST', '/api/companies', { body: { name: 'Audité' } });
    await expect(t.db.kysely.updateTable('audit_log').set({ action: 'forged' }).execute()).rejects.toThrow(/append-only/);
    await expect(t.db.kysely.deleteFrom('audit_log').execute()).rejects.toThrow(/append-only/);
  });
});
