import type { Language } from '../../lib/language';
import { FUNCTION_WORDS } from '../text/function-words';
import { ACTIVITY_NOUNS, GENERIC_NOUNS, STOPWORDS } from '../text/request-vocabulary';
import { tokenize } from '../text/tokenize';
import { correctSectorTypos, matchLexiconAt, nafCodeAt, newSectorScan, searchNafLabels, sectorFromMatch, sectorFromNafCode } from './find-sectors';
import { toNafCode } from './naf-codes';
import type { Sector } from './schema';

/**
 * Map an activity name (as a model or a user wrote it) to NAF codes: a NAF code ("43.34Z",
 * "6920Z"), a trade from the FR/EN lexicon ("plombiers", "roofers", "agence immo",
 * "rénovation énergétique"), or the official NAF labels ("fabrication de meubles").
 * Typos are tolerated. Several trades in one label are merged. Returns null when nothing fits.
 */
export function resolveSector(label: string, lang: Language = 'fr'): Sector | null {
  const text = typeof label === 'string' ? label.slice(0, 300) : '';
  const direct = toNafCode(text);
  if (direct) return sectorFromNafCode(direct);
  const tokens = tokenize(text);
  const used = tokens.map(() => false);
  const scan = newSectorScan(tokens, used, lang);
  const isWord = (k: number) => !FUNCTION_WORDS.has(tokens[k].norm) && !STOPWORDS.has(tokens[k].norm) && !GENERIC_NOUNS.has(tokens[k].norm);

  const found: Sector[] = [];
  const scanLexicon = () => {
    for (let i = 0; i < tokens.length; i++) {
      const code = nafCodeAt(scan, i);
      if (code) {
        found.push(sectorFromNafCode(code.code));
        for (let k = i; k < code.end; k++) used[k] = true;
        continue;
      }
      const match = matchLexiconAt(scan, i);
      if (!match) continue;
      found.push(sectorFromMatch(match, lang));
      for (let k = i; k < match.end; k++) used[k] = true;
    }
  };
  scanLexicon();
  if (found.length === 0) {
    correctSectorTypos(
      scan,
      tokens.map((_, k) => k).filter((k) => isWord(k) && !ACTIVITY_NOUNS.has(tokens[k].norm)),
    );
    scanLexicon();
  }
  if (found.length === 0) {
    const words = tokens.map((_, k) => k).filter((k) => isWord(k) && !/^\d+$/.test(tokens[k].norm));
    if (words.some((k) => !ACTIVITY_NOUNS.has(tokens[k].norm))) {
      const result = searchNafLabels(words.map((k) => scan.stems[k]));
      if (result.kind === 'found') {
        return { label: result.codes.length === 1 ? sectorFromNafCode(result.codes[0]).label : text.trim(), naf: result.codes };
      }
    }
    return null;
  }
  const distinct = found.filter((s, i) => found.findIndex((o) => o.label === s.label) === i);
  if (distinct.length === 1) return distinct[0];
  const naf = [...new Set(distinct.flatMap((s) => s.naf))];
  return { label: distinct.map((s) => s.label).join(' + '), naf };
}
