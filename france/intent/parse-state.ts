import type { Language } from '../../lib/language';
import type { SectorScan } from '../naf/find-sectors';
import type { Sector } from '../naf/schema';
import { sectorIndex } from '../naf/sector-index';
import type { PlaceFinding, PlaceScan } from '../places/find-places';
import { FUNCTION_WORDS } from '../text/function-words';
import { ACTIVITY_NOUNS, GENERIC_NOUNS, HEADCOUNT_UNITS, PROSPECT_CUES, STOPWORDS } from '../text/request-vocabulary';
import type { Token } from '../text/tokenize';

// The working state of one parse, shared by its passes (names, leftovers, assembly).

export type SectorFinding = { sector: Sector; start: number; corrected: boolean; input: string };

export type ParseState = {
  text: string;
  tokens: Token[];
  used: boolean[];
  lang: Language;
  sectorScan: SectorScan;
  placeScan: PlaceScan;
  sectors: SectorFinding[];
  places: PlaceFinding[];
  warnings: string[];
  unknownPlaces: string[];
  unknownWords: string[];
  corrected: Set<number>;
};

export const isNumber = (t: Token) => /^\d+$/.test(t.norm);
// "15 max", "20 résultats": the number is how many companies to find
const COUNT_TAILS = new Set(['max', 'maxi', 'maximum', 'resultats', 'resultat', 'results', 'result', 'fiches', 'noms', 'names']);
// "30 PME": company-size words are counted things too
const SIZE_NOUNS = new Set(['pme', 'pmes', 'tpe', 'tpes', 'eti', 'etis', 'sme', 'smes', 'startups', 'startup', 'microentreprises']);

/** A word that carries no sector or place meaning by itself. */
export function isFiller(t: Token): boolean {
  return (
    FUNCTION_WORDS.has(t.norm) ||
    STOPWORDS.has(t.norm) ||
    GENERIC_NOUNS.has(t.norm) ||
    ACTIVITY_NOUNS.has(t.norm) ||
    PROSPECT_CUES.has(t.norm) ||
    HEADCOUNT_UNITS.has(t.norm) ||
    t.norm === '-' ||
    t.norm === '+'
  );
}

/** Token k names what is being counted: companies or a trade ("10 plombiers"). */
export function countNoun(state: ParseState, k: number): boolean {
  const t = state.tokens[k];
  if (!t || HEADCOUNT_UNITS.has(t.norm)) return false;
  if (COUNT_TAILS.has(t.norm)) return true;
  if (GENERIC_NOUNS.has(t.norm) || ACTIVITY_NOUNS.has(t.norm) || SIZE_NOUNS.has(t.norm)) return true;
  const { firstStems, knownStems, morphology } = sectorIndex();
  return firstStems.has(t.stem) || (knownStems.has(t.stem) && !FUNCTION_WORDS.has(t.norm)) || morphology.has(t.stem);
}

export function addSector(state: ParseState, sector: Sector, start: number, positions: number[]): void {
  for (const k of positions) state.used[k] = true;
  const corrected = positions.some((k) => state.corrected.has(k));
  const input = source(state, positions[0], positions[positions.length - 1]);
  state.sectors.push({ sector, start, corrected, input });
}

export function range(start: number, end: number): number[] {
  return Array.from({ length: end - start }, (_, k) => start + k);
}

/** Original text of tokens [from, to]. */
export function source(state: ParseState, from: number, to: number): string {
  return state.text.slice(state.tokens[from].start, state.tokens[to].end);
}
