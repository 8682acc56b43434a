import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../test/support/context';
import type { CrmCtx } from './context';
import { createLeadsFromCompanies, type LeadCandidate } from './leads';

let t: TestContext;
let ctx: CrmCtx;
beforeAll(async () => {
  t = await createTestContext();
  ctx = { db: t.db.kysely, jobs: t.deps.jobs, workspaceId: t.a.id, actor: { type: 'teammate', id: 'prospector' } };
});
afterAll(async () => t?.close());

const found = (over: Partial<LeadCandidate> & { name: string }): LeadCandidate => ({
  nafCode: '43.34Z',
  nafLabel: 'Travaux de peinture et vitrerie',
  postcode: '69003',
  communeCode: '69383',
  city: 'Lyon',
  source: 'offline',
  dirigeants: [{ firstName: 'Marie', lastName: 'Durand', role: 'Gérante' }],
  ...over,
});

describe('createLeadsFromCompanies', () => {
  it('creates companies and dirigeants as leads, then recognises them when asked again', async () => {
    const batch = [
      found({ name: 'Peintures du Rhône SARL', siren: '732829320', siret: '73282932000074', address: '10 rue Paul Bert' }),
      found({
        name: 'Atelier Vitrerie Lumière',
        address: '4 cours Gambetta',
        postcode: '69007',
        dirigeants: [{ firstName: 'Luc', lastName: 'Bernard', role: 'Président', isNaturalPerson: true }],
      }),
    ];
    const first = await createLeadsFromCompanies(ctx, batch);
    expect(first).toMatchObject({ created: 2, known: 0 });
    const people = await t.request('GET', '/api/people?kind=lead');
    expect(people.body.items.map((p) => p.lastName).sort()).toEqual(['Bernard', 'Durand']);
    expect(people.body.items[0]).toMatchObject({ lawfulBasis: 'legitimate_interest', source: 'offline' });

    const again = await createLeadsFromCompanies(ctx, batch);
    expect(again).toMatchObject({ created: 0, known: 2 });
    expect(again.outcomes.map((o) => o.matchedBy)).toEqual(['siret', 'similar']);
    expect((await t.request('GET', '/api/people?kind=lead')).body.items).toHaveLength(2);
  });

  it('recognises the same company under a slightly different name in the same postcode', async () => {
    await createLeadsFromCompanies(ctx, [found({ name: 'Menuiserie Dupont et Fils', postcode: '69008', address: '22 avenue des Frères Lumière' })]);
    const r = await createLeadsFromCompanies(ctx, [
      found({ name: 'MENUISERIE DUPONT & FILS SAS', postcode: '69008', address: '22 av. des Freres Lumiere' }),
      found({ name: 'Menuiserie Martin', postcode: '69008', address: '3 rue Villon' }),
    ]);
    expect(r.outcomes.map((o) => o.status)).toEqual(['known', 'created']);
  });

  it('folds duplicates inside one batch', async () => {
    const r = await createLeadsFromCompanies(ctx, [
      found({ name: 'Plâtrerie Croix-Rousse', siren: '100000009', postcode: '69004' }),
      found({ name: 'Platrerie Croix Rousse', siren: '100000009', postcode: '69004' }),
    ]);
    expect(r).toMatchObject({ created: 1, known: 1 });
  });

  it('never re-creates an opted-out person', async () => {
    const { body: p } = await t.request('POST', '/api/people', { body: { firstName: 'Inès', lastName: 'Faure', email: 'ines@faure-renov.example' } });
    await t.db.kysely.updateTable('people').set({ opted_out_at: new Date() }).where('id', '=', p.id).execute();
    const r = await createLeadsFromCompanies(ctx, [
      found({
        name: 'Faure Rénovation',
        postcode: '69009',
        dirigeants: [
          { firstName: 'Inès', lastName: 'Faure', email: 'INES@faure-renov.example' },
          { firstName: 'Paul', lastName: 'Faure' },
        ],
      }),
    ]);
    expect(r.outcomes[0]).toMatchObject({ status: 'created', skippedOptedOut: 1 });
    expect(r.outcomes[0].personIds).toHaveLength(1);
  });

  it('rejects a malformed candidate before writing anything', async () => {
    const before = (await t.request('GET', '/api/companies?limit=200')).body.items.length;
    await expect(createLeadsFromCompanies(ctx, [found({ name: 'Valide' }), found({ name: 'Invalide', siren: '12' })])).rejects.toThrow();
    expect((await t.request('GET', '/api/companies?limit=200')).body.items.length).toBe(before);
  });
});
