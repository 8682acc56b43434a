import type { Language } from '../../lib/language';
import { messages } from '../messages';
import type { Token } from '../text/tokenize';
import { buildPlace, placeFromRef } from './build-place';
import { displayName } from './place-fuzzy';
import { placeIndex, type PlaceRef } from './place-index';
import { ARRONDISSEMENT_WORDS, ordinalValue, placeContext, romanOrdinal, type PlaceContext } from './place-words';
import { PLM, arrondissementCode, isPlmCity, type PlmCity } from './plm';
import { homonyms, rankPlaceRefs } from './rank-places';
import type { Place } from './schema';

/** Token-level place detection shared by the intent parser and resolvePlace. */
export type PlaceScan = {
  tokens: Token[];
  /** tokens already claimed by another reading (count, headcount, sector, place) */
  used: boolean[];
  lang: Language;
  /** the whole text is known to be a place name (resolvePlace): no preposition needed */
  placeOnly?: boolean;
};

export type PlaceFinding = { place: Place; start: number; end: number; warnings: string[] };

function claim(scan: PlaceScan, start: number, end: number): void {
  for (let k = start; k < end; k++) scan.used[k] = true;
}

function free(scan: PlaceScan, k: number): boolean {
  return k < scan.tokens.length && !scan.used[k];
}

function withPostcodes(place: Place, postcodes: string[]): Place {
  return { ...place, postcodes };
}

/** Number written right after a PLM city: "15", "15e", "XVe". */
function arrondissementNumber(scan: PlaceScan, city: PlmCity, k: number, isCountNoun: (k: number) => boolean): { n: number; end: number } | null {
  if (!free(scan, k) || scan.tokens[k].breakBefore) return null;
  const t = scan.tokens[k];
  let n = ordinalValue(t.norm) ?? romanOrdinal(t);
  let end = k + 1;
  if (n === null && /^\d{1,2}$/.test(t.norm)) {
    // "lyon 7" is the 7th arrondissement; "lyon 7 plombiers" and "Lyon 69" are not
    if (free(scan, k + 1) && isCountNoun(k + 1)) return null;
    if (Number(t.norm) < 1 || Number(t.norm) > PLM[city].count) return null;
    n = Number(t.norm);
    if (free(scan, end) && /^(e|er|eme|ieme)$/.test(scan.tokens[end].norm)) end++;
  }
  if (n === null) return null;
  if (free(scan, end) && ARRONDISSEMENT_WORDS.has(scan.tokens[end].norm)) end++;
  return { n, end };
}

function arrondissementPlace(scan: PlaceScan, city: PlmCity, n: number, warnings: string[]): Place {
  const code = arrondissementCode(city, n);
  if (code) return buildPlace('commune', code)!;
  const whole = buildPlace('commune', PLM[city].commune)!;
  warnings.push(messages.arrondissementUnknown(scan.lang, whole.label, n));
  return whole;
}

/** "Paris 15e", "lyon 7", "Marseille 8e arrondissement", "15e arrondissement de Paris", "Paris XVe". */
export function findArrondissements(scan: PlaceScan, isCountNoun: (k: number) => boolean): PlaceFinding[] {
  const found: PlaceFinding[] = [];
  const { tokens } = scan;
  for (let i = 0; i < tokens.length; i++) {
    if (!free(scan, i)) continue;
    const w = tokens[i].norm;
    if (isPlmCity(w)) {
      const num = arrondissementNumber(scan, w, i + 1, isCountNoun);
      if (!num) continue;
      const warnings: string[] = [];
      found.push({ place: arrondissementPlace(scan, w, num.n, warnings), start: i, end: num.end, warnings });
      claim(scan, i, num.end);
      continue;
    }
    const n = ordinalValue(w);
    if (n === null) continue;
    // "15e arrondissement (de Paris)", "7e arr. of Lyon", "dans le 7e" when the request names Lyon
    let k = i + 1;
    const hasWord = free(scan, k) && ARRONDISSEMENT_WORDS.has(tokens[k].norm);
    if (hasWord) k++;
    if (free(scan, k) && ['de', 'd', 'du', 'of'].includes(tokens[k].norm) && free(scan, k + 1) && isPlmCity(tokens[k + 1].norm)) {
      const warnings: string[] = [];
      const city = tokens[k + 1].norm as PlmCity;
      found.push({ place: arrondissementPlace(scan, city, n, warnings), start: i, end: k + 2, warnings });
      claim(scan, i, k + 2);
      continue;
    }
    if (free(scan, k) && isPlmCity(tokens[k].norm) && hasWord) {
      const warnings: string[] = [];
      found.push({ place: arrondissementPlace(scan, tokens[k].norm as PlmCity, n, warnings), start: i, end: k + 1, warnings });
      claim(scan, i, k + 1);
      continue;
    }
    // "dans le 7e" counts only when the request names the city elsewhere
    const mentioned = tokens.find((t) => isPlmCity(t.norm))?.norm as PlmCity | undefined;
    if (!hasWord && !(mentioned && placeContext(tokens, i).strong)) continue;
    const warnings: string[] = [];
    if (!mentioned) warnings.push(messages.arrondissementWithoutCity(scan.lang, n));
    found.push({ place: arrondissementPlace(scan, mentioned ?? 'paris', n, warnings), start: i, end: k, warnings });
    claim(scan, i, k);
  }
  return found;
}

/** Five-digit postcodes: "69007" -> Lyon 7e, "01400" -> the largest commune using it. */
export function findPostcodes(scan: PlaceScan): PlaceFinding[] {
  const found: PlaceFinding[] = [];
  const index = placeIndex();
  scan.tokens.forEach((t, i) => {
    if (!free(scan, i) || !/^\d{5}$/.test(t.norm)) return;
    const codes = index.byPostcode.get(t.norm);
    if (!codes) return;
    const ranked = [...codes].sort((a, b) => (index.communes.get(b)?.population ?? 0) - (index.communes.get(a)?.population ?? 0));
    const warnings: string[] = [];
    const place = withPostcodes(buildPlace('commune', ranked[0])!, [t.norm]);
    if (ranked.length > 1) {
      const others = ranked.slice(1, 4).map((c) => index.communes.get(c)?.nom ?? c);
      warnings.push(messages.postcodeShared(scan.lang, t.norm, place.label, others));
    }
    found.push({ place, start: i, end: i + 1, warnings });
    claim(scan, i, i + 1);
  });
  return found;
}

/** "2a" -> "2A"; null unless it is a real département code. */
export function departementCode(norm: string): string | null {
  const code = norm.toUpperCase();
  if (!/^(\d{2}|2A|2B|97\d)$/.test(code)) return null;
  return placeIndex().departements.has(code) ? code : null;
}

/**
 * Département numbers. `strict`: only when announced ("dans le 74", "département 69",
 * "du 69", "(69)"); otherwise any remaining bare number that is a département code.
 */
export function findDepartementNumbers(scan: PlaceScan, strict: boolean): PlaceFinding[] {
  const found: PlaceFinding[] = [];
  scan.tokens.forEach((t, i) => {
    if (!free(scan, i)) return;
    const code = departementCode(t.norm);
    if (!code) return;
    if (strict) {
      const ctx = placeContext(scan.tokens, i);
      const announced = (ctx.strong && (ctx.hint === 'area' || ctx.hint === 'departement' || ctx.lead === 'sur')) || ctx.lead === 'du';
      if (!announced && !scan.placeOnly) return;
    }
    found.push({ place: buildPlace('departement', code)!, start: i, end: i + 1, warnings: [] });
    claim(scan, i, i + 1);
  });
  return found;
}

export type NameMatch = { n: number; ranked: PlaceRef[]; ctx: PlaceContext; key: string };

/** Longest official name or alias starting at token i (free tokens, no punctuation inside). */
export function matchPlaceName(scan: PlaceScan, i: number): NameMatch | null {
  const { byName, maxNameWords } = placeIndex();
  const { tokens } = scan;
  const ctx = placeContext(tokens, i);
  let key = '';
  const keys: string[] = [];
  for (let k = i; k < tokens.length && k - i < maxNameWords; k++) {
    if (!free(scan, k) || (k > i && tokens[k].breakBefore)) break;
    key = k === i ? tokens[k].norm : `${key} ${tokens[k].norm}`;
    keys.push(key);
  }
  for (let n = keys.length; n >= 1; n--) {
    const candidates = [keys[n - 1]];
    if (ctx.article) candidates.push(`${ctx.article} ${keys[n - 1]}`);
    for (const candidate of candidates) {
      const refs = byName.get(candidate);
      if (!refs) continue;
      const ranked = rankPlaceRefs(refs, ctx.hint);
      if (ranked.length) return { n, ranked, ctx, key: keys[n - 1] };
    }
  }
  return null;
}

/** Turn a name match into a place, with the notes the user should see. */
export function placeFromMatch(scan: PlaceScan, i: number, match: NameMatch): PlaceFinding {
  let ranked = match.ranked;
  let end = i + match.n;
  const input = scan.tokens
    .slice(i, end)
    .map((t) => t.raw)
    .join(' ');
  // "Saint-Denis (93)", "Saint-Denis 974": a département number right after the name picks the homonym
  const next = scan.tokens[end];
  const dep = next && free(scan, end) ? departementCode(next.norm) : null;
  if (dep && ranked.some((r) => r.kind === 'commune' && r.departement === dep)) {
    ranked = ranked.filter((r) => r.kind === 'commune' && r.departement === dep);
    end++;
  }
  const [best] = ranked;
  const warnings: string[] = [];
  const others = homonyms(ranked);
  if (others.length) {
    warnings.push(messages.placeAmbiguous(scan.lang, input, displayName(best), others.slice(0, 3).map(displayName)));
  }
  if (best.match === 'former' && best.formerName) warnings.push(messages.formerCommune(scan.lang, best.formerName, best.name));
  claim(scan, i, end);
  return { place: placeFromRef(best), start: i, end, warnings };
}
