import { FUNCTION_WORDS } from '../text/function-words';
import { FuzzyVocabulary } from '../text/fuzzy-vocabulary';
import { words } from '../text/normalize';
import { stem } from '../text/stem';
import { ACTIVITY_CHANGING_AGENTS, LABEL_MORPHOLOGY } from './label-morphology';
import { SECTOR_LEXICON } from './lexicon';
import { nafLabels } from './naf-codes';

export const LANG_FR = 1;
export const LANG_EN = 2;

/**
 * A known phrase: a lexicon entry, or (entry -1) the exact official label of one NAF code,
 * and the language(s) people say it in.
 */
export type PhraseHit = { entry: number; langs: number; code?: string };

export type SectorIndex = {
  /** content stems joined by spaces -> lexicon entry */
  phrases: Map<string, PhraseHit>;
  maxPhraseWords: number;
  /** stems that start a lexicon phrase ("10 plombiers" is a count) */
  firstStems: Set<string>;
  /** every stem of the lexicon and of the NAF labels */
  knownStems: Set<string>;
  /** every folded word of the lexicon and of the NAF labels (for "is this a common word") */
  knownWords: Set<string>;
  lexiconVocabulary: FuzzyVocabulary<string>;
  /** NAF label stem -> sub-class codes whose label contains it */
  labelPostings: Map<string, string[]>;
  labelVocabulary: FuzzyVocabulary<string>;
  labelStems: string[];
  /** content stems of each NAF label, to rank matches by specificity */
  labelSize: Map<string, number>;
  morphology: Map<string, string[]>;
  /** folded lexicon word (and its plural) -> languages it belongs to (LANG_FR | LANG_EN) */
  wordLangs: Map<string, number>;
  /** stems of agents read with their object against the labels first */
  changingAgents: Set<string>;
};

// Label words that never narrow a search ("Autres activités … n.c.a.").
const LABEL_NOISE = new Set(
  ['autre', 'autres', 'activite', 'activites', 'divers', 'diverses', 'similaire', 'similaires', 'connexe', 'connexes', 'annexe', 'annexes', 'hors', 'sauf', 'compris', 'nca'].map(
    stem,
  ),
);

/** Content stems of a phrase: normalized, function words dropped, stemmed. */
export function contentStems(text: string): string[] {
  return words(text)
    .filter((w) => !FUNCTION_WORDS.has(w))
    .map(stem);
}

let index: SectorIndex | null = null;

export function sectorIndex(): SectorIndex {
  if (!index) index = buildSectorIndex();
  return index;
}

function buildSectorIndex(): SectorIndex {
  const phrases = new Map<string, PhraseHit>();
  const firstStems = new Set<string>();
  const knownStems = new Set<string>();
  const knownWords = new Set<string>();
  const lexiconVocabulary = new FuzzyVocabulary<string>();
  let maxPhraseWords = 1;

  const wordLangs = new Map<string, number>();
  const addWordLang = (w: string, lang: number) => {
    if (FUNCTION_WORDS.has(w) || w.length < 3) return;
    const plurals = [w, `${w}s`, `${w}x`, w.endsWith('y') ? `${w.slice(0, -1)}ies` : `${w}es`];
    for (const form of plurals) wordLangs.set(form, (wordLangs.get(form) ?? 0) | lang);
  };
  SECTOR_LEXICON.forEach((entry, i) => {
    const terms: [string, number][] = [...entry.fr.map((t): [string, number] => [t, LANG_FR]), ...entry.en.map((t): [string, number] => [t, LANG_EN])];
    for (const [term, lang] of terms) {
      const stems = contentStems(term);
      if (stems.length === 0) continue;
      for (const w of words(term)) {
        knownWords.add(w);
        addWordLang(w, lang);
      }
      const key = stems.join(' ');
      const hit = phrases.get(key);
      if (!hit) phrases.set(key, { entry: i, langs: lang });
      else if (hit.entry === i) hit.langs |= lang;
      else hit.langs |= lang; // first entry wins; the word is still a cue for that language
      maxPhraseWords = Math.max(maxPhraseWords, stems.length);
      firstStems.add(stems[0]);
      for (const s of stems) {
        if (!knownStems.has(s)) lexiconVocabulary.add(s, s);
        knownStems.add(s);
      }
    }
  });

  const labelPostings = new Map<string, string[]>();
  const labelSize = new Map<string, number>();
  for (const [code, label] of nafLabels()) {
    for (const w of words(label)) knownWords.add(w);
    // the official label itself, word for word, names exactly its code
    const full = contentStems(label);
    const fullKey = full.join(' ');
    if (full.length > 0 && !phrases.has(fullKey)) {
      phrases.set(fullKey, { entry: -1, langs: LANG_FR, code });
      firstStems.add(full[0]);
      maxPhraseWords = Math.max(maxPhraseWords, full.length);
    }
    const stems = [...new Set(contentStems(label))].filter((s) => !LABEL_NOISE.has(s));
    labelSize.set(code, stems.length);
    for (const s of stems) {
      knownStems.add(s);
      const list = labelPostings.get(s);
      if (list) list.push(code);
      else labelPostings.set(s, [code]);
    }
  }
  const labelVocabulary = new FuzzyVocabulary<string>();
  const labelStems = [...labelPostings.keys()].sort();
  for (const s of labelStems) labelVocabulary.add(s, s);

  const morphology = new Map<string, string[]>();
  for (const [agent, activities] of Object.entries(LABEL_MORPHOLOGY)) morphology.set(stem(agent), activities.map(stem));

  const changingAgents = new Set(ACTIVITY_CHANGING_AGENTS.map(stem));

  return {
    phrases,
    maxPhraseWords,
    firstStems,
    knownStems,
    knownWords,
    lexiconVocabulary,
    labelPostings,
    labelVocabulary,
    labelStems,
    labelSize,
    morphology,
    changingAgents,
    wordLangs,
  };
}
