import { words } from '../text/normalize';
import { geoData, type CommuneRecord, type DepartementRecord, type RegionRecord } from './geo-data';
import { CITY_DEMONYMS, COMMUNE_EXONYMS, REGION_ALIASES, demonymForms } from './place-aliases';
import type { PlaceKind } from './schema';

/** One way a normalized name can designate a place. */
export type PlaceRef = {
  kind: PlaceKind;
  code: string;
  /** official name of the designated place */
  name: string;
  /** communes only (0 otherwise); breaks ties between homonyms */
  population: number;
  /** département code of a commune, for messages ("Saint-Denis (93)") */
  departement?: string;
  /** exact official name, an alias (article dropped, short form), or a former commune's name */
  match: 'exact' | 'alias' | 'former';
  /** alias only valid after an explicit keyword ("région Centre") */
  needsKeyword?: boolean;
  /** for 'former': the name that was matched */
  formerName?: string;
};

export type PlaceIndex = {
  byName: Map<string, PlaceRef[]>;
  maxNameWords: number;
  /** current communes and municipal arrondissements by INSEE code */
  communes: Map<string, CommuneRecord>;
  departements: Map<string, DepartementRecord>;
  regions: Map<string, RegionRecord>;
  /** postcode -> commune codes (arrondissements for Paris/Lyon/Marseille) */
  byPostcode: Map<string, string[]>;
  /** every word of every place name ("billancourt"): such words are not typos of trades */
  nameWords: Set<string>;
};

const ARTICLES = new Set(['le', 'la', 'les', 'l']);
const CONNECTORS = new Set(['sur', 'en', 'les', 'le', 'la', 'de', 'd', 'du', 'des', 'sous', 'aux', 'au', 'et', 'lez', 'pres']);
// First words too generic to stand for the whole name on their own ("Saint", "Pont", "Val"…).
const WEAK_FIRST = new Set([
  'saint',
  'sainte',
  'saints',
  'saintes',
  'notre',
  'grand',
  'grande',
  'petit',
  'petite',
  'vieux',
  'vieille',
  'haut',
  'haute',
  'bas',
  'basse',
  'neuf',
  'neuve',
  'nouveau',
  'nouvelle',
  'mont',
  'val',
  'pont',
  'port',
  'bois',
  'fort',
  'ile',
  'villers',
  'ville',
  'les',
  'la',
  'le',
  'l',
  'chateau',
  'fontaine',
  'mesnil',
  'plessis',
  'champ',
  'roche',
  'pierre',
  'font',
  'puy',
  'bel',
  'beau',
  'belle',
  'vic',
]);

/** Short forms people use for a commune: article dropped, part before "-sur-"/"-en-"…, first word. */
export function communeAliases(name: string[]): string[][] {
  const out: string[][] = [];
  const bases = [name];
  if (name.length > 1 && ARTICLES.has(name[0])) {
    bases.push(name.slice(1));
    // "Le Havre" -> "havre", but "Le Saint" must not answer to "saint"
    if (name.length > 2 || !WEAK_FIRST.has(name[1])) out.push(name.slice(1));
  }
  for (const base of bases) {
    const k = base.findIndex((w, i) => i > 0 && CONNECTORS.has(w));
    if (k > 0 && !(k === 1 && WEAK_FIRST.has(base[0]))) out.push(base.slice(0, k));
    if (base.length > 1 && base[0].length >= 3 && !WEAK_FIRST.has(base[0])) out.push(base.slice(0, 1));
  }
  return out;
}

let index: PlaceIndex | null = null;

export function placeIndex(): PlaceIndex {
  if (!index) index = buildPlaceIndex();
  return index;
}

function buildPlaceIndex(): PlaceIndex {
  const { communes, departements, regions } = geoData();
  const byName = new Map<string, PlaceRef[]>();
  let maxNameWords = 1;
  const add = (nameWords: string[], ref: PlaceRef) => {
    if (nameWords.length === 0) return;
    const key = nameWords.join(' ');
    maxNameWords = Math.max(maxNameWords, nameWords.length);
    const list = byName.get(key);
    if (!list) byName.set(key, [ref]);
    else if (!list.some((r) => r.kind === ref.kind && r.code === ref.code)) list.push(ref);
    else if (ref.match === 'exact') {
      // an exact name beats an alias of the same place registered earlier
      const i = list.findIndex((r) => r.kind === ref.kind && r.code === ref.code);
      list[i] = ref;
    }
  };

  const communeByCode = new Map<string, CommuneRecord>();
  const byPostcode = new Map<string, string[]>();
  const plmParents = new Set(['75056', '69123', '13055']);
  for (const c of communes) {
    if (c.type !== 'commune-actuelle' && c.type !== 'arrondissement-municipal') continue;
    communeByCode.set(c.code, c);
    if (plmParents.has(c.code)) continue; // their postcodes are listed on the arrondissements
    for (const cp of c.codesPostaux ?? []) {
      const list = byPostcode.get(cp);
      if (list) list.push(c.code);
      else byPostcode.set(cp, [c.code]);
    }
  }

  // plain object literals below: object spread is surprisingly slow for ~60 000 refs
  const communeRef = (c: CommuneRecord, match: PlaceRef['match'], formerName?: string): PlaceRef => ({
    kind: 'commune',
    code: c.code,
    name: c.nom,
    population: c.population ?? 0,
    departement: c.departement,
    match,
    formerName,
  });
  for (const c of communes) {
    if (c.type === 'commune-actuelle' || c.type === 'arrondissement-municipal') {
      const nameWords = words(c.nom);
      add(nameWords, communeRef(c, 'exact'));
      if (c.type === 'commune-actuelle') {
        for (const alias of communeAliases(nameWords)) add(alias, communeRef(c, 'alias'));
      }
    } else if (c.chefLieu && c.chefLieu !== c.code) {
      const current = communeByCode.get(c.chefLieu);
      if (current && current.nom !== c.nom) add(words(c.nom), communeRef(current, 'former', c.nom));
    }
  }

  for (const { code, alias } of COMMUNE_EXONYMS) {
    const c = communeByCode.get(code);
    if (c) add(words(alias), communeRef(c, 'exact'));
  }
  for (const { code, demonym } of CITY_DEMONYMS) {
    const c = communeByCode.get(code);
    if (c) for (const form of demonymForms(demonym)) add([form], communeRef(c, 'alias'));
  }

  const departementByCode = new Map<string, DepartementRecord>();
  for (const d of departements) {
    departementByCode.set(d.code, d);
    const nameWords = words(d.nom);
    const ref = (match: PlaceRef['match']): PlaceRef => ({ kind: 'departement', code: d.code, name: d.nom, population: 0, match });
    add(nameWords, ref('exact'));
    if (nameWords.length > 1 && ARTICLES.has(nameWords[0])) add(nameWords.slice(1), ref('alias'));
  }

  const regionByCode = new Map<string, RegionRecord>();
  for (const r of regions) {
    regionByCode.set(r.code, r);
    const nameWords = words(r.nom);
    const ref = (match: PlaceRef['match']): PlaceRef => ({ kind: 'region', code: r.code, name: r.nom, population: 0, match });
    add(nameWords, ref('exact'));
    if (nameWords.length > 1 && ARTICLES.has(nameWords[0])) add(nameWords.slice(1), ref('alias'));
  }
  for (const { code, alias, needsKeyword } of REGION_ALIASES) {
    const r = regionByCode.get(code);
    if (r) add(words(alias), { kind: 'region', code, name: r.nom, population: 0, match: 'alias', needsKeyword });
  }

  const nameWords = new Set<string>();
  for (const key of byName.keys()) for (const w of key.split(' ')) nameWords.add(w);
  return { byName, maxNameWords, communes: communeByCode, departements: departementByCode, regions: regionByCode, byPostcode, nameWords };
}
