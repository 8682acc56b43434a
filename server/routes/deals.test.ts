import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../test/support/context';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t?.close());

describe('/api/deals', () => {
  it('lists the default stages with their probabilities', async () => {
    const { body } = await t.request('GET', '/api/stages');
    expect(body.items.map((s) => `${s.name} ${s.probability}`)).toEqual([
      'Nouveau 10',
      'Qualifié 25',
      'Rendez-vous 40',
      'Proposition 60',
      'Négociation 80',
      'Gagné 100',
      'Perdu 0',
    ]);
  });

  it('creates a deal, moves it through stages with history, filters by stage', async () => {
    const created = await t.request('POST', '/api/deals', { body: { title: 'Rénovation cuisine Dupont', amountCents: 1234567, expectedCloseDate: '2026-12-15' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ stage: 'nouveau', probability: 10, amountCents: 1234567, currency: 'EUR', expectedCloseDate: '2026-12-15', version: 1 });
    const moved = await t.request('POST', `/api/deals/${created.body.id}/move`, { body: { stage: 'negociation', version: 1 } });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ stage: 'negociation', probability: 80, version: 2 });
    const won = await t.request('PATCH', `/api/deals/${created.body.id}`, { body: { stage: 'gagne', probabilityOverride: null, version: 2 } });
    expect(won.body).toMatchObject({ stage: 'gagne', probability: 100, closedAt: expect.any(String) });
    const history = await t.request('GET', `/api/activities?subjectType=deal&subjectId=${created.body.id}&kind=stage_changed`);
    expect(history.body.items.map((a) => `${a.data.from}>${a.data.to}`)).toEqual(['negociation>gagne', 'nouveau>negociation']);
    expect((await t.request('GET', '/api/deals?stage=gagne')).body.items).toHaveLength(1);
    expect((await t.request('GET', '/api/deals?stage=nouveau')).body.items).toHaveLength(0);
  });

  it('answers 409 to a stale update instead of clobbering', async () => {
    const { body: d } = await t.request('POST', '/api/deals', { body: { title: 'Concurrence' } });
    const [a, b] = await Promise.all([
      t.request('PATCH', `/api/deals/${d.id}`, { body: { amountCents: 100, version: 1 } }),
      t.request('PATCH', `/api/deals/${d.id}`, { body: { amountCents: 200, version: 1 } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const winner = a.status === 200 ? 100 : 200;
    expect((await t.request('GET', `/api/deals/${d.id}`)).body).toMatchObject({ amountCents: winner, version: 2 });
  });

  it('rejects bad input naming the field', async () => {
    const stage = await t.request('POST', '/api/deals', { body: { title: 'X', stage: 'signé' } });
    expect(stage.status).toBe(400);
    expect(stage.body.error.message).toMatch(/^stage: unknown stage/);
    const negative = await t.request('POST', '/api/deals', { body: { title: 'X', amountCents: -1 } });
    expect(negative.body.error.message).toMatch(/^amountCents:/);
    const fractional = await t.request('POST', '/api/deals', { body: { title: 'X', amountCents: 10.5 } });
    expect(fractional.body.error.message).toMatch(/^amountCents:/);
    const date = await t.request('POST', '/api/deals', { body: { title: 'X', expectedCloseDate: '15/12/2026' } });
    expect(date.body.error.message).toMatch(/^expectedCloseDate:/);
    const { body: d } = await t.request('POST', '/api/deals', { body: { title: 'Y' } });
    const move = await t.request('POST', `/api/deals/${d.id}/move`, { body: { stage: 'nope', version: 1 } });
    expect(move.body.error.details.fields[0].path).toBe('stage');
  });

  it('scopes deals and their references to the workspace', async () => {
    expect((await t.request('GET', '/api/deals', { token: null })).status).toBe(401);
    const { body: d } = await t.request('POST', '/api/deals', { body: { title: 'Affaire de A' } });
    const asB = { token: t.b.adminToken };
    expect((await t.request('GET', `/api/deals/${d.id}`, asB)).status).toBe(404);
    expect((await t.request('POST', `/api/deals/${d.id}/move`, { ...asB, body: { stage: 'gagne', version: 1 } })).status).toBe(404);
    const { body: bPerson } = await t.request('POST', '/api/people', { ...asB, body: { lastName: 'De B' } });
    expect((await t.request('POST', '/api/deals', { body: { title: 'X', personId: bPerson.id } })).status).toBe(404);
    // a member can work deals
    expect((await t.request('POST', '/api/deals', { token: t.a.memberToken, body: { title: 'Par un membre' } })).status).toBe(201);
  });
});
