import type { Language } from '../../lib/language';
import { messages } from '../messages';
import { FUNCTION_WORDS } from '../text/function-words';
import { tokenize } from '../text/tokenize';
import { placeFromRef } from './build-place';
import { findArrondissements, findDepartementNumbers, findPostcodes, matchPlaceName, placeFromMatch, type PlaceScan } from './find-places';
import { fuzzyPlace, placeSuggestions } from './place-fuzzy';
import type { PlaceRef } from './place-index';
import { rankPlaceRefs } from './rank-places';
import type { Place, PlaceKind } from './schema';

export type PlaceLookup = {
  place: Place | null;
  /** ambiguity, spelling correction, former commune… (in `lang`) */
  warnings: string[];
  /** closest official names when nothing matched */
  suggestions: string[];
};

export type PlaceLookupOptions = { lang?: Language; kind?: PlaceKind };

/**
 * Map a place name (as a model or a user wrote it) to an official place: "Lyon 7e", "69007",
 * "dans le Rhône", "Haute-Savoie", "74", "Bretagne", "St Etienne", "au Havre". `kind` forces
 * the reading of homonyms ("Paris" as département, "Vienne" as commune).
 */
export function lookupPlace(name: string, options: PlaceLookupOptions = {}): PlaceLookup {
  const lang = options.lang ?? 'fr';
  const tokens = tokenize(typeof name === 'string' ? name.slice(0, 300) : '');
  const scan: PlaceScan = { tokens, used: tokens.map(() => false), lang, placeOnly: true };
  if (tokens.length === 0) return { place: null, warnings: [], suggestions: [] };

  if (options.kind !== 'departement' && options.kind !== 'region') {
    const [arrondissement] = findArrondissements(scan, () => false);
    if (arrondissement) return { place: arrondissement.place, warnings: arrondissement.warnings, suggestions: [] };
    const [postcode] = findPostcodes(scan);
    if (postcode) return { place: postcode.place, warnings: postcode.warnings, suggestions: [] };
  }
  for (let i = 0; i < tokens.length; i++) {
    if (FUNCTION_WORDS.has(tokens[i].norm)) continue;
    const match = matchPlaceName(scan, i);
    if (!match) continue;
    if (options.kind) {
      const forced = rankPlaceRefs(match.ranked, options.kind).filter((r) => r.kind === options.kind);
      if (forced.length === 0) continue;
      match.ranked = forced;
    }
    const found = placeFromMatch(scan, i, match);
    return { place: found.place, warnings: found.warnings, suggestions: [] };
  }
  if (options.kind !== 'commune' && options.kind !== 'region') {
    const [departement] = findDepartementNumbers(scan, false);
    if (departement) return { place: departement.place, warnings: [], suggestions: [] };
  }

  const content = tokens.filter((t, i) => i > 0 || !FUNCTION_WORDS.has(t.norm));
  const phrase = content.map((t) => t.norm).join(' ');
  const typo = fuzzyPlace(phrase, options.kind ?? null);
  if (typo && (!options.kind || typo.ref.kind === options.kind)) {
    const place = placeFromRef(typo.ref as PlaceRef);
    return { place, warnings: [messages.placeCorrected(lang, name.trim(), place.label)], suggestions: [] };
  }
  return { place: null, warnings: [messages.placeNotFound(lang, name.trim(), placeSuggestions(phrase))], suggestions: placeSuggestions(phrase) };
}

/** The official place a name designates, or null. See lookupPlace for warnings and suggestions. */
export function resolvePlace(name: string, options: PlaceLookupOptions = {}): Place | null {
  return lookupPlace(name, options).place;
}
