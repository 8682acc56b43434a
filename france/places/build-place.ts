import { placeIndex, type PlaceRef } from './place-index';
import { arrondissementsOf } from './plm';
import type { Place, PlaceKind } from './schema';

// Member communes and postcodes of départements and régions are computed once per code:
// a région lists thousands of communes and requests name the same few places again and again.
const memo = new Map<string, { communes: string[]; postcodes: string[] }>();

function sortedUnique(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}

/** A commune's own code, or the arrondissements of Paris/Lyon/Marseille. */
function communeMembers(code: string): { communes: string[]; postcodes: string[] } {
  const { communes } = placeIndex();
  const members = arrondissementsOf(code) ?? [code];
  const postcodes: string[] = [];
  for (const m of members) postcodes.push(...(communes.get(m)?.codesPostaux ?? []));
  return { communes: members, postcodes: sortedUnique(postcodes) };
}

/**
 * Member communes (arrondissements for Paris/Lyon/Marseille) and postcodes of every
 * département and région, built in one pass the first time any area is asked for.
 */
let areas: Map<string, { communes: string[]; postcodes: Set<string> }> | null = null;
function allAreas(): Map<string, { communes: string[]; postcodes: Set<string> }> {
  if (!areas) {
    areas = new Map();
    for (const c of placeIndex().communes.values()) {
      if (c.type !== 'commune-actuelle') continue;
      const members = communeMembers(c.code);
      for (const key of [`departement:${c.departement}`, `region:${c.region}`]) {
        let area = areas.get(key);
        if (!area) {
          area = { communes: [], postcodes: new Set() };
          areas.set(key, area);
        }
        area.communes.push(...members.communes);
        for (const cp of members.postcodes) area.postcodes.add(cp);
      }
    }
  }
  return areas;
}

function areaMembers(kind: 'departement' | 'region', code: string): { communes: string[]; postcodes: string[] } {
  const key = `${kind}:${code}`;
  const cached = memo.get(key);
  if (cached) return cached;
  const area = allAreas().get(key);
  const result = { communes: [...(area?.communes ?? [])].sort(), postcodes: [...(area?.postcodes ?? [])].sort() };
  memo.set(key, result);
  return result;
}

export function buildPlace(kind: PlaceKind, code: string): Place | null {
  const index = placeIndex();
  if (kind === 'commune') {
    const c = index.communes.get(code);
    if (!c) return null;
    return { label: c.nom, kind, code, ...communeMembers(code) };
  }
  const record = kind === 'departement' ? index.departements.get(code) : index.regions.get(code);
  if (!record) return null;
  const { communes, postcodes } = areaMembers(kind, code);
  // copies: callers may own and mutate what they get back
  return { label: record.nom, kind, code, communes: [...communes], postcodes: [...postcodes] };
}

export function placeFromRef(ref: PlaceRef): Place {
  const place = buildPlace(ref.kind, ref.code);
  if (!place) throw new Error(`place index out of sync: ${ref.kind} ${ref.code}`);
  return place;
}
