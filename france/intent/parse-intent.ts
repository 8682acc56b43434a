import { correctSectorTypos, newSectorScan } from '../naf/find-sectors';
import { findArrondissements, findDepartementNumbers, findPostcodes } from '../places/find-places';
import { placeIndex } from '../places/place-index';
import { tokenize } from '../text/tokenize';
import { assembleIntent } from './assemble-intent';
import { findCount } from './count';
import { findHeadcount } from './headcount';
import { detectLanguage } from './language';
import { resolveLeftovers } from './leftovers';
import { countNoun, isFiller, isNumber, range, type ParseState } from './parse-state';
import { scanNames } from './scan-names';
import type { Intent } from './schema';

// Requests longer than this are not chat prospecting requests; parsing stays bounded.
const MAX_INPUT = 2000;

/**
 * Offline, rule-based reading of a prospecting request ("trouve 10 plombiers à Lyon 7e de
 * plus de 5 salariés"): sectors as NAF codes, places as INSEE codes, count and headcount.
 * Pure and synchronous; never throws on any input.
 */
export function parseIntent(text: string): Intent {
  const input = typeof text === 'string' ? text.slice(0, MAX_INPUT) : '';
  const tokens = tokenize(input);
  const lang = detectLanguage(tokens);
  const used = new Array<boolean>(tokens.length).fill(false);
  const state: ParseState = {
    text: input,
    tokens,
    used,
    lang,
    sectorScan: newSectorScan(tokens, used, lang),
    placeScan: { tokens, used, lang },
    sectors: [],
    places: [],
    warnings: [],
    unknownPlaces: [],
    unknownWords: [],
    corrected: new Set(),
  };
  if (tokens.length === 0) return assembleIntent(state, null, null);

  const headcount = findHeadcount(tokens, used)?.headcount ?? null;
  const isCountNoun = (k: number) => countNoun(state, k);
  state.places.push(...findArrondissements(state.placeScan, isCountNoun));
  state.places.push(...findPostcodes(state.placeScan));
  state.places.push(...findDepartementNumbers(state.placeScan, true));
  const count = findCount(tokens, used, isCountNoun)?.count ?? null;

  // typos in sector words are fixed before matching, so "couvreurs zingeurs" is one phrase
  const { nameWords } = placeIndex();
  const candidates = range(0, tokens.length).filter(
    (k) => !used[k] && !isFiller(tokens[k]) && !isNumber(tokens[k]) && tokens[k].norm.length >= 5 && !nameWords.has(tokens[k].norm),
  );
  for (const k of correctSectorTypos(state.sectorScan, candidates)) state.corrected.add(k);

  scanNames(state);
  state.places.push(...findDepartementNumbers(state.placeScan, false));
  resolveLeftovers(state);
  return assembleIntent(state, count, headcount);
}
