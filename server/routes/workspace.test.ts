import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/context';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t?.close());

describe('/api/workspace', () => {
  it('lets an admin set the legal identity used in email footers', async () => {
    const r = await t.request('PATCH', '/api/workspace', {
      body: {
        legalName: 'Atelier A SARL',
        address: '12 quai Saint-Antoine, 69002 Lyon',
        siret: '73282932000074',
        vatNumber: 'FR44732829320',
        settings: { voice: { tone: 'chaleureux', signature: 'Marie, Atelier A' } },
      },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ legalName: 'Atelier A SARL', siret: '73282932000074', settings: { voice: { tone: 'chaleureux' } } });
    expect((await t.request('GET', '/api/workspace', { token: t.a.memberToken })).body.legalName).toBe('Atelier A SARL');
  });

  it('rejects bad input naming the field', async () => {
    const r = await t.request('PATCH', '/api/workspace', { body: { siret: '12345678901234' } });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/^siret:/);
    const w = await t.request('PATCH', '/api/workspace', { body: { settings: { sendWindow: { days: [1], start: '9h', end: '18:00' } } } });
    expect(w.body.error.details.fields[0].path).toBe('settings.sendWindow.start');
  });

  it('is admin-only to change, and never crosses workspaces', async () => {
    expect((await t.request('PATCH', '/api/workspace', { token: null, body: { name: 'x' } })).status).toBe(401);
    const member = await t.request('PATCH', '/api/workspace', { token: t.a.memberToken, body: { legalName: 'Pirate' } });
    expect(member.status).toBe(403);
    expect(member.body.error.message).toMatch(/admin-only/);
    await t.request('PATCH', '/api/workspace', { token: t.b.adminToken, body: { legalName: 'Bureau B SAS modifié' } });
    expect((await t.request('GET', '/api/workspace')).body.legalName).not.toBe('Bureau B SAS modifié');
  });
});
