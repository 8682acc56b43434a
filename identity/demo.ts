import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { hasCompaniesFromSource } from '../db/repositories/companies';
import { findDefaultWorkspace, insertWorkspace } from '../db/repositories/workspaces';
import { createCompany } from '../crm/companies';
import type { CrmCtx } from '../crm/context';
import { createDeal } from '../crm/deals';
import { createPerson } from '../crm/people';
import { PLACEHOLDER_WORKSPACE_NAME } from './profile';
import { noJobQueue } from '../db/jobs/queue';

// Fictitious Lyon businesses (SIRENs are checksum-valid but invented), so the Dashboard
// has something to show on day one. Emails live under .example: nothing can reach them.
const DEMO = [
  {
    company: {
      name: 'Rénov’Croix-Rousse',
      siren: '100000009',
      nafCode: '43.39Z',
      nafLabel: 'Autres travaux de finition',
      postcode: '69004',
      communeCode: '69384',
      city: 'Lyon 4e',
    },
    person: { firstName: 'Sophie', lastName: 'Girard', role: 'Gérante', email: 'sophie.girard@renov-croix-rousse.example' },
    deal: { title: 'Rénovation salle de bains — Girard', amountCents: 1_245_000, stage: 'proposition' },
  },
  {
    company: {
      name: 'Cabinet Fourvière Expertise',
      siren: '100000017',
      nafCode: '69.20Z',
      nafLabel: 'Activités comptables',
      postcode: '69005',
      communeCode: '69385',
      city: 'Lyon 5e',
    },
    person: { firstName: 'Thomas', lastName: 'Lefèvre', role: 'Expert-comptable associé', email: 't.lefevre@fourviere-expertise.example' },
    deal: { title: 'Mission annuelle de tenue comptable', amountCents: 480_000, stage: 'negociation' },
  },
  {
    company: {
      name: 'Immobilière des Brotteaux',
      siren: '100000025',
      nafCode: '68.31Z',
      nafLabel: 'Agences immobilières',
      postcode: '69006',
      communeCode: '69386',
      city: 'Lyon 6e',
    },
    person: { firstName: 'Claire', lastName: 'Moreau', role: 'Directrice d’agence', email: 'claire.moreau@immo-brotteaux.example' },
    deal: { title: 'Mandat de gestion — 12 lots', amountCents: 960_000, stage: 'rendez_vous' },
  },
  {
    company: {
      name: 'Plomberie Guillotière',
      siren: '100000033',
      nafCode: '43.22A',
      nafLabel: 'Travaux d’installation d’eau et de gaz en tous locaux',
      postcode: '69007',
      communeCode: '69387',
      city: 'Lyon 7e',
    },
    person: { firstName: 'Karim', lastName: 'Benali', role: 'Artisan plombier', email: 'karim@plomberie-guillotiere.example' },
    deal: { title: 'Remplacement chaudière — copropriété', amountCents: 1_830_050, stage: 'gagne' },
  },
  {
    company: {
      name: 'Toitures Monplaisir',
      siren: '100000041',
      nafCode: '43.91B',
      nafLabel: 'Travaux de couverture par éléments',
      postcode: '69008',
      communeCode: '69388',
      city: 'Lyon 8e',
    },
    person: { firstName: 'Julie', lastName: 'Perrin', role: 'Présidente', email: 'julie.perrin@toitures-monplaisir.example' },
    deal: { title: 'Réfection toiture entrepôt', amountCents: 2_675_000, stage: 'qualifie' },
  },
  {
    company: {
      name: 'Agence Part-Dieu Habitat',
      siren: '100000058',
      nafCode: '68.31Z',
      nafLabel: 'Agences immobilières',
      postcode: '69003',
      communeCode: '69383',
      city: 'Lyon 3e',
    },
    person: { firstName: 'Antoine', lastName: 'Roche', role: 'Gérant', email: 'antoine.roche@partdieu-habitat.example' },
    deal: { title: 'Pack annonces premium', amountCents: 150_000, stage: 'nouveau' },
  },
  {
    company: {
      name: 'Menuiserie Vaise',
      siren: '100000066',
      nafCode: '43.32A',
      nafLabel: 'Travaux de menuiserie bois et PVC',
      postcode: '69009',
      communeCode: '69389',
      city: 'Lyon 9e',
    },
    person: { firstName: 'Nathalie', lastName: 'Fontaine', role: 'Co-gérante', email: 'n.fontaine@menuiserie-vaise.example' },
    deal: { title: 'Fenêtres double vitrage — école', amountCents: 3_120_000, stage: 'perdu' },
  },
] as const;

/** Seeds the default workspace once; a second run changes nothing. */
export async function seedDemo(db: Kysely<Database>): Promise<{ workspaceId: string; created: number }> {
  const ws = (await findDefaultWorkspace(db)) ?? (await insertWorkspace(db, { name: PLACEHOLDER_WORKSPACE_NAME }));
  if (await hasCompaniesFromSource(db, ws.id, 'demo')) return { workspaceId: ws.id, created: 0 };
  const ctx: CrmCtx = { db, jobs: noJobQueue('the demo seed'), workspaceId: ws.id, actor: { type: 'system', id: 'demo-seed' } };
  for (const [i, d] of DEMO.entries()) {
    const company = await createCompany(ctx, { ...d.company, source: 'demo' });
    const person = await createPerson(ctx, {
      ...d.person,
      kind: i % 3 === 0 ? 'contact' : 'lead',
      companyId: company.id,
      source: 'demo',
      lawfulBasis: 'legitimate_interest',
      lawfulBasisNote: 'Prospection B2B en lien avec la profession (démo)',
    });
    await createDeal(ctx, { title: d.deal.title, amountCents: d.deal.amountCents, stage: d.deal.stage, companyId: company.id, personId: person.id });
  }
  return { workspaceId: ws.id, created: DEMO.length };
}
