import type { Language } from '../../lib/language';
import { FUNCTION_WORDS } from '../text/function-words';
import { typoBudget } from '../text/edit-distance';
import type { Token } from '../text/tokenize';
import { SECTOR_LEXICON } from './lexicon';
import { nafLabel, toNafCode } from './naf-codes';
import type { Sector } from './schema';
import { sectorIndex } from './sector-index';

/** Token-level sector detection shared by the intent parser and resolveSector. */
export type SectorScan = {
  tokens: Token[];
  used: boolean[];
  /** per token: its stem, or the lexicon stem a typo was corrected to */
  stems: string[];
  lang: Language;
};

export type LexiconMatch = { end: number; entry: number; code?: string; langs: number; positions: number[] };

export function newSectorScan(tokens: Token[], used: boolean[], lang: Language): SectorScan {
  return { tokens, used, stems: tokens.map((t) => t.stem), lang };
}

/**
 * Longest lexicon phrase starting at token i. Function words inside are skipped
 * ("pompes à chaleur"); a used token or punctuation ends the phrase.
 */
export function matchLexiconAt(scan: SectorScan, i: number): LexiconMatch | null {
  const { tokens, used, stems } = scan;
  if (used[i] || FUNCTION_WORDS.has(tokens[i].norm)) return null;
  const { phrases, maxPhraseWords, firstStems } = sectorIndex();
  if (!firstStems.has(stems[i])) return null;
  const positions: number[] = [];
  for (let k = i; k < tokens.length && positions.length < maxPhraseWords; k++) {
    if (used[k] || (k > i && tokens[k].breakBefore)) break;
    if (FUNCTION_WORDS.has(tokens[k].norm)) continue;
    positions.push(k);
  }
  for (let n = positions.length; n >= 1; n--) {
    const key = positions
      .slice(0, n)
      .map((k) => stems[k])
      .join(' ');
    const hit = phrases.get(key);
    if (hit) return { end: positions[n - 1] + 1, entry: hit.entry, code: hit.code, langs: hit.langs, positions: positions.slice(0, n) };
  }
  return null;
}

/** The sector a lexicon phrase or an official label names. */
export function sectorFromMatch(match: Pick<LexiconMatch, 'entry' | 'code'>, lang: Language): Sector {
  if (match.code) return sectorFromNafCode(match.code);
  const e = SECTOR_LEXICON[match.entry];
  return { label: e.label[lang], naf: [...e.naf] };
}

/** "43.34Z", "4334Z", "43 34 Z" written in the request. */
export function nafCodeAt(scan: SectorScan, i: number): { code: string; end: number } | null {
  const { tokens, used } = scan;
  if (used[i]) return null;
  const one = toNafCode(tokens[i].norm);
  if (one) return { code: one, end: i + 1 };
  for (let n = 2; n <= 3 && i + n <= tokens.length; n++) {
    const parts = tokens.slice(i, i + n);
    if (parts.some((t, k) => used[i + k] || (k > 0 && t.breakBefore && !/^\d/.test(t.norm)))) break;
    const code = toNafCode(parts.map((t) => t.norm).join(' '));
    if (code) return { code, end: i + n };
  }
  return null;
}

export function sectorFromNafCode(code: string): Sector {
  return { label: nafLabel(code) ?? code, naf: [code] };
}

function lowerBound(sorted: string[], value: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export type LabelSearch = { kind: 'found'; codes: string[] } | { kind: 'vague'; count: number } | { kind: 'none' };

const MAX_LABEL_CODES = 30;

/**
 * Any activity through the official labels: every content word (or its activity noun,
 * a prefix, or a near spelling) must appear in the label. Most specific labels first.
 */
export function searchNafLabels(stems: string[]): LabelSearch {
  if (stems.length === 0) return { kind: 'none' };
  const { labelPostings, labelStems, labelVocabulary, morphology, labelSize } = sectorIndex();
  const perWord: Set<string>[] = [];
  for (const s of stems) {
    const codes = new Set<string>();
    const addPosting = (x: string) => {
      for (const c of labelPostings.get(x) ?? []) codes.add(c);
    };
    addPosting(s);
    morphology.get(s)?.forEach(addPosting);
    if (codes.size === 0 && s.length >= 6) {
      // label words starting with it ("pharma" -> "pharmaceutique"): a range of the sorted list
      for (let k = lowerBound(labelStems, s); k < labelStems.length && labelStems[k].startsWith(s); k++) addPosting(labelStems[k]);
    }
    if (codes.size === 0) {
      const budget = typoBudget(s.length);
      if (budget > 0) for (const m of labelVocabulary.closest(s, budget).matches) addPosting(m.value);
    }
    if (codes.size === 0) return { kind: 'none' };
    perWord.push(codes);
  }
  perWord.sort((a, b) => a.size - b.size);
  const codes = [...perWord[0]].filter((c) => perWord.every((set) => set.has(c)));
  if (codes.length === 0) return { kind: 'none' };
  if (codes.length > MAX_LABEL_CODES) return { kind: 'vague', count: codes.length };
  codes.sort((a, b) => (labelSize.get(a) ?? 0) - (labelSize.get(b) ?? 0) || a.localeCompare(b));
  return { kind: 'found', codes };
}

/**
 * Replace unknown stems by the closest lexicon stem ("plombiets" -> "plombier").
 * Returns the corrected token positions.
 */
export function correctSectorTypos(scan: SectorScan, positions: number[]): number[] {
  const { knownStems, lexiconVocabulary } = sectorIndex();
  const corrected: number[] = [];
  for (const k of positions) {
    const s = scan.stems[k];
    if (knownStems.has(s) || /\d/.test(s)) continue;
    // stricter than for places: short everyday words ("small") sit one letter from some trade
    const length = scan.tokens[k].norm.length;
    const budget = length < 6 ? 0 : length < 9 ? 1 : 2;
    if (budget === 0) continue;
    const { matches } = lexiconVocabulary.closest(s, budget);
    if (matches.length === 0) continue;
    const sameInitial = matches.find((m) => m.word[0] === s[0]);
    scan.stems[k] = (sameInitial ?? matches[0]).value;
    corrected.push(k);
  }
  return corrected;
}
