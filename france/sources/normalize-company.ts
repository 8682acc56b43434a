import { nafLabel } from '../naf/naf-codes';
import type { ApiDirigeant, ApiEtablissement, ApiUniteLegale } from './api-schema';
import { establishmentInArea, type GeoFilter } from './directory-filter';
import { headcountBand } from './headcount-bands';
import type { CompanySourceName, Dirigeant, FoundCompany } from './types';

// One normalization for both sources (the offline directory uses the API's format), so
// prospects look the same whichever source found them.

const MASKED = 'NON-DIFFUSIBLE';
const isMasked = (value: string | null | undefined) => typeof value === 'string' && value.toUpperCase().includes(MASKED);

/** Units that asked not to be published (statut de diffusion partielle or masked name). */
export function isNonDiffusible(unit: ApiUniteLegale): boolean {
  return isMasked(unit.nom_complet) || isMasked(unit.nom_raison_sociale) || unit.statut_diffusion === 'P' || unit.statut_diffusion === 'N';
}

export function isOpenEstablishment(e: ApiEtablissement): boolean {
  return e.etat_administratif !== 'F' && !isMasked(e.adresse) && e.statut_diffusion_etablissement !== 'P';
}

function dirigeant(d: ApiDirigeant): Dirigeant {
  const natural = d.type_dirigeant !== 'personne morale';
  return {
    firstName: natural ? (d.prenoms ?? null) : null,
    lastName: natural ? (d.nom ?? null) : null,
    companyName: natural ? null : (d.denomination ?? null),
    role: d.qualite ?? null,
    isNaturalPerson: natural,
  };
}

function addressOf(e: ApiEtablissement): string | null {
  if (e.adresse) return e.adresse;
  const street = [e.numero_voie, e.type_voie, e.libelle_voie].filter(Boolean).join(' ');
  const parts = [street, [e.code_postal, e.libelle_commune].filter(Boolean).join(' ')].filter(Boolean);
  return parts.length ? parts.join(' ') : null;
}

/**
 * The CRM view of an API result: the first open, published establishment in the searched
 * area (matching establishments first, then the head office). Null when the unit is closed,
 * not published, or has no such establishment.
 */
export function toFoundCompany(unit: ApiUniteLegale, area: GeoFilter, source: CompanySourceName): FoundCompany | null {
  if (unit.etat_administratif === 'C' || isNonDiffusible(unit)) return null;
  const candidates = [...(unit.matching_etablissements ?? []), ...(unit.siege ? [unit.siege] : [])];
  const establishment = candidates.find((e) => isOpenEstablishment(e) && establishmentInArea(e, area));
  if (!establishment) return null;
  const name = unit.nom_raison_sociale || unit.nom_complet;
  if (!name || !/^\d{9}$/.test(unit.siren) || !/^\d{14}$/.test(establishment.siret)) return null;
  const nafCode = unit.activite_principale ?? establishment.activite_principale ?? null;
  const company: FoundCompany = {
    siren: unit.siren,
    siret: establishment.siret,
    name,
    nafCode,
    nafLabel: nafCode ? nafLabel(nafCode) : null,
    address: addressOf(establishment),
    postcode: establishment.code_postal ?? null,
    communeCode: establishment.commune ?? null,
    city: establishment.libelle_commune ?? null,
    headcountBand: headcountBand(unit.tranche_effectif_salarie),
    creationDate: unit.date_creation ?? null,
    isNaturalPerson: unit.complements?.est_entrepreneur_individuel === true || unit.nature_juridique === '1000',
    dirigeants: (unit.dirigeants ?? []).map(dirigeant),
    source,
    sourceId: establishment.siret,
  };
  const website = unit.coordonnees_fictives?.site_internet;
  const email = unit.coordonnees_fictives?.email;
  if (website) company.website = website;
  if (email) company.email = email;
  return company;
}
