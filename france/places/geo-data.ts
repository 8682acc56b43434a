import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

// The official découpage from @etalab/decoupage-administratif, read once. The files come
// from a pinned dependency, not from users, so a cheap shape check replaces a zod pass
// (which would add ~150 ms to every CLI start for 37 000 records).

export type CommuneType = 'commune-actuelle' | 'commune-deleguee' | 'commune-associee' | 'arrondissement-municipal';

export type CommuneRecord = {
  code: string;
  nom: string;
  type: CommuneType;
  departement?: string;
  region?: string;
  codesPostaux?: string[];
  population?: number;
  /** parent commune of a municipal arrondissement */
  commune?: string;
  /** current commune a former (déléguée/associée) commune belongs to */
  chefLieu?: string;
  zone?: string;
};

export type DepartementRecord = { code: string; nom: string; region: string; zone?: string };
export type RegionRecord = { code: string; nom: string; zone?: string };

const require = createRequire(import.meta.url);

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(require.resolve(`@etalab/decoupage-administratif/data/${file}`), 'utf8'));
}

function checkedArray<T extends { code: string; nom: string }>(file: string, required: string[]): T[] {
  const data = readJson(file);
  if (!Array.isArray(data)) throw new Error(`decoupage-administratif: ${file} is not an array`);
  for (const row of data as Record<string, unknown>[]) {
    for (const key of required) {
      if (typeof row?.[key] !== 'string') {
        throw new Error(`decoupage-administratif: ${file}: record without "${key}" (${JSON.stringify(row).slice(0, 120)})`);
      }
    }
  }
  return data as T[];
}

let cache: { communes: CommuneRecord[]; departements: DepartementRecord[]; regions: RegionRecord[] } | null = null;

export function geoData() {
  if (!cache) {
    cache = {
      communes: checkedArray<CommuneRecord>('communes.json', ['code', 'nom', 'type']),
      departements: checkedArray<DepartementRecord>('departements.json', ['code', 'nom', 'region']),
      regions: checkedArray<RegionRecord>('regions.json', ['code', 'nom']),
    };
  }
  return cache;
}
