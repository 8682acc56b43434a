import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/context';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t?.close());

describe('/api/activities', () => {
  it('logs a call on a company and lists the timeline newest first', async () => {
    const { body: c } = await t.request('POST', '/api/companies', { body: { name: 'Toitures Lyonnaises' } });
    const logged = await t.request('POST', '/api/activities', { body: { subjectType: 'company', subjectId: c.id, kind: 'call', summary: 'Appel : rappeler en janvier' } });
    expect(logged.status).toBe(201);
    expect(logged.body).toMatchObject({ kind: 'call', actorType: 'user', summary: 'Appel : rappeler en janvier' });
    const { body } = await t.request('GET', `/api/activities?subjectType=company&subjectId=${c.id}`);
    expect(body.items.map((a) => a.kind)).toEqual(['call', 'created']);
  });

  it('rejects bad input naming the field', async () => {
    const r = await t.request('POST', '/api/activities', { body: { subjectType: 'invoice', subjectId: '00000000-0000-7000-8000-000000000000', kind: 'call', summary: 'x' } });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/^subjectType:/);
    const s = await t.request('POST', '/api/activities', { body: { subjectType: 'company', subjectId: '00000000-0000-7000-8000-000000000000', kind: 'call', summary: '' } });
    expect(s.body.error.message).toMatch(/^summary:/);
  });

  it('cannot log on or read another workspace record', async () => {
    const { body: c } = await t.request('POST', '/api/companies', { body: { name: 'Chez A' } });
    expect((await t.request('GET', '/api/activities', { token: null })).status).toBe(401);
    const asB = { token: t.b.adminToken };
    const write = await t.request('POST', '/api/activities', { ...asB, body: { subjectType: 'company', subjectId: c.id, kind: 'note', summary: 'intrusion' } });
    expect(write.status).toBe(404);
    const read = await t.request('GET', `/api/activities?subjectType=company&subjectId=${c.id}`, asB);
    expect(read.body.items).toEqual([]);
  });
});
