import type { WorkspaceProfile } from '../../identity/profile';
import type { LeadFacts } from '../../crm/lead-facts';

// Lead facts and a workspace profile for tests and evals that need no database.

export const PROFILE: WorkspaceProfile = {
  name: 'Atelier Lumière',
  legalName: 'Atelier Lumière SAS',
  address: '1 rue de la République, 69001 Lyon',
  defaultLanguage: 'fr',
  tone: 'chaleureux et direct',
  signature: 'Marie Lefèvre\nGérante – Atelier Lumière\n04 78 00 00 00',
  offer: 'Nous installons des éclairages LED sur mesure pour les artisans et les commerces.',
  formality: 'vous',
};

const PEOPLE: [string, string, string | null, 'madame' | 'monsieur' | null][] = [
  ['Jean', 'Dupont', 'Gérant', null],
  ['Sophie', 'Girard', 'Gérante', 'madame'],
  ['Karim', 'Benali', 'Président', 'monsieur'],
  ['Claire', 'Moreau', 'Directrice générale', null],
  ['', '', null, null],
  ['Thomas', 'Lefebvre', 'Président de SAS', null],
  ['Julie', 'Perrin', 'Présidente', 'madame'],
  ['Antoine', 'Roche', null, null],
  ['Nathalie', 'Fontaine', 'Co-gérante', null],
  ['Mehdi', 'Garnier', 'Gérant', 'monsieur'],
  ['Camille', 'Faure', 'Exploitante', null],
  ['Lucas', 'Rousseau', 'Gérant', null],
];
const COMPANIES: [string, string, string, string, string | null, number | null][] = [
  ['LYON BATI RENOVATION', 'Travaux de peinture et vitrerie', '43.34Z', 'LYON 3E ARRONDISSEMENT', '11', 2012],
  ['Rénov’Confort', 'Travaux de menuiserie bois et PVC', '43.32A', 'Villeurbanne', '03', null],
  ['MARTIN & FILLES', 'Travaux d’isolation', '43.29A', 'Lyon', null, 2019],
  ['Cabinet Fourvière Expertise', 'Activités comptables', '69.20Z', 'Lyon', '12', 2004],
  ['Immobilière des Brotteaux', 'Agences immobilières', '68.31Z', 'LYON 6E ARRONDISSEMENT', '02', null],
  ['Plomberie Guillotière', 'Travaux d’installation d’eau et de gaz en tous locaux', '43.22A', 'Lyon', '01', 2016],
  ['TOITURES MONPLAISIR', 'Travaux de couverture par éléments', '43.91B', 'LYON 8E ARRONDISSEMENT', '11', 1998],
  ['Menuiserie Vaise', 'Travaux de menuiserie bois et PVC', '43.32A', 'Lyon', null, null],
  ['Agence Part-Dieu Habitat', 'Agences immobilières', '68.31Z', 'Lyon', '03', 2010],
  ['ELEC SERVICES RHONE', 'Travaux d’installation électrique dans tous locaux', '43.21A', 'VENISSIEUX', '02', 2021],
  ['Atelier Barbier', 'Autres travaux de finition', '43.39Z', 'Caluire-et-Cuire', '01', 2015],
  ['Nantes Immo Conseil', 'Agences immobilières', '68.31Z', 'Nantes', '11', 2008],
];

export function sampleLeads(): LeadFacts[] {
  return PEOPLE.map(([firstName, lastName, role, civility], i) => {
    const [name, activity, nafCode, city, band, year] = COMPANIES[i];
    return {
      personId: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
      firstName,
      lastName,
      role,
      civility,
      email: `contact${i + 1}@example.test`,
      optedOut: false,
      company: { id: `c${i + 1}`, name, activity, nafCode, city, postcode: null, headcountBand: band, creationYear: year },
    };
  });
}
