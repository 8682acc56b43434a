import type { ApiEtablissement, ApiUniteLegale } from './api-schema';

// How the API Recherche d'entreprises filters, reproduced for the offline directory and the
// local test server: activity, size and state on the legal unit; geography on establishments.

export type GeoFilter = {
  communes?: string[];
  postcodes?: string[];
  departement?: string;
  region?: string;
};

export type DirectoryFilter = GeoFilter & {
  /** NAF sub-classes of the legal unit's main activity; empty = any */
  naf: string[];
  /** INSEE headcount band codes of the legal unit; null = any */
  bands: string[] | null;
  /** etat_administratif=A: active legal units only */
  activeOnly: boolean;
};

export function hasGeo(f: GeoFilter): boolean {
  return Boolean(f.communes?.length || f.postcodes?.length || f.departement || f.region);
}

/** Head office and other known establishments, each once. */
export function establishmentsOf(unit: ApiUniteLegale): ApiEtablissement[] {
  const all = [...(unit.siege ? [unit.siege] : []), ...(unit.matching_etablissements ?? [])];
  return all.filter((e, i) => all.findIndex((o) => o.siret === e.siret) === i);
}

function departementOf(e: ApiEtablissement): string | null {
  if (e.departement) return e.departement;
  const code = e.commune ?? '';
  return code.startsWith('97') ? code.slice(0, 3) : code.slice(0, 2) || null;
}

export function establishmentInArea(e: ApiEtablissement, f: GeoFilter): boolean {
  if (f.communes?.length && !(e.commune && f.communes.includes(e.commune))) return false;
  if (f.postcodes?.length && !(e.code_postal && f.postcodes.includes(e.code_postal))) return false;
  if (f.departement && departementOf(e) !== f.departement) return false;
  if (f.region && e.region !== f.region) return false;
  return true;
}

export function unitMatches(unit: ApiUniteLegale, f: DirectoryFilter): boolean {
  if (f.activeOnly && unit.etat_administratif !== 'A') return false;
  if (f.naf.length && !(unit.activite_principale && f.naf.includes(unit.activite_principale))) return false;
  if (f.bands && !(unit.tranche_effectif_salarie && f.bands.includes(unit.tranche_effectif_salarie))) return false;
  return true;
}

/** Units matching the filter, each with its establishments in the area (like `matching_etablissements`). */
export function filterDirectory(units: ApiUniteLegale[], f: DirectoryFilter): { unit: ApiUniteLegale; matching: ApiEtablissement[] }[] {
  const out: { unit: ApiUniteLegale; matching: ApiEtablissement[] }[] = [];
  for (const unit of units) {
    if (!unitMatches(unit, f)) continue;
    const matching = establishmentsOf(unit).filter((e) => establishmentInArea(e, f));
    if (hasGeo(f) && matching.length === 0) continue;
    out.push({ unit, matching });
  }
  return out;
}
