import type { Language } from '../../lib/language';
import { sectorIndex, LANG_EN, LANG_FR } from '../naf/sector-index';
import { ENGLISH_CUES, FRENCH_CUES } from '../text/request-vocabulary';
import type { Token } from '../text/tokenize';

/**
 * The request's language from lexical cues: grammar words, sector words that exist in one
 * language only, and accented letters outside proper names. Ties go to French (the product's
 * home market).
 */
export function detectLanguage(tokens: Token[]): Language {
  const { wordLangs } = sectorIndex();
  let fr = 0;
  let en = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (FRENCH_CUES.has(t.norm)) fr++;
    if (ENGLISH_CUES.has(t.norm)) en++;
    // trade words that exist in one language only ("plombiers", "roofers", "dentists")
    const langs = wordLangs.get(t.norm);
    if (langs === LANG_FR) fr += 1.5;
    if (langs === LANG_EN) en += 1.5;
    if (!t.capitalized && /[àâçéèêëîïôûùüÿœ]/i.test(t.raw)) fr += 1;
  }
  return en > fr ? 'en' : 'fr';
}
