import { HEADCOUNT_UNITS as UNITS } from '../text/request-vocabulary';
import type { Token } from '../text/tokenize';
import { parseNumberAt } from './numbers';
import type { Headcount } from './schema';

// Employee-count constraints: "de plus de 10 salariés", "entre 5 et 20 salariés", "with
// 10-50 employees", "10+ staff", "TPE". Numbers are kept as written: "plus de 10" -> min 10.

const EFFECTIF = new Set(['effectif', 'effectifs', 'headcount', 'taille', 'size', 'staff']);

// Phrases before a number: at least / at most. Matched on folded words.
const MIN_LEADS = [
  'plus de',
  'plus d',
  'au moins',
  'minimum',
  'min',
  'more than',
  'over',
  'above',
  'at least',
  'greater than',
  'superieur a',
  'superieur ou egal a',
  'superieurs a',
  'sup a',
  '+ de',
  '+',
  '>',
  '≥',
  '> =',
  'minimum de',
  'a partir de',
  'starting at',
  'from at least',
  'upwards of',
  'no less than',
  'not less than',
  'pas moins de',
];
const MAX_LEADS = [
  'moins de',
  'moins d',
  'au plus',
  'maximum',
  'max',
  'jusqu a',
  'less than',
  'fewer than',
  'under',
  'below',
  'up to',
  'at most',
  'inferieur a',
  'inferieurs a',
  'inf a',
  '<',
  '≤',
  '< =',
  'pas plus de',
  'no more than',
  'not more than',
  'maximum de',
  'max de',
];
const MIN_TAILS = ['et plus', 'ou plus', 'or more', 'and more', 'and up', 'and above', 'minimum', 'min', '+', 'au moins', 'et +', 'plus'];
const MAX_TAILS = ['maximum', 'max', 'au plus', 'ou moins', 'or less', 'or fewer', 'at most'];
const RANGE_STARTS = ['entre', 'between', 'de', 'from', 'd'];
const RANGE_JOINS = ['et', 'and', 'a', 'to', '-', 'au'];

/** Size words: TPE (< 10), PME (10–249), ETI (250–4 999), grandes entreprises (≥ 5 000). */
const SIZE_WORDS: [string, Headcount][] = [
  ['tpe pme', { min: null, max: 249 }],
  ['pme tpe', { min: null, max: 249 }],
  ['tpe', { min: null, max: 9 }],
  ['tpes', { min: null, max: 9 }],
  ['micro entreprise', { min: null, max: 9 }],
  ['micro entreprises', { min: null, max: 9 }],
  ['microentreprise', { min: null, max: 9 }],
  ['microentreprises', { min: null, max: 9 }],
  ['tres petites entreprises', { min: null, max: 9 }],
  ['tres petite entreprise', { min: null, max: 9 }],
  ['micro businesses', { min: null, max: 9 }],
  ['microbusinesses', { min: null, max: 9 }],
  ['pme', { min: 10, max: 249 }],
  ['pmes', { min: 10, max: 249 }],
  ['sme', { min: 10, max: 249 }],
  ['smes', { min: 10, max: 249 }],
  ['eti', { min: 250, max: 4999 }],
  ['etis', { min: 250, max: 4999 }],
  ['grandes entreprises', { min: 5000, max: null }],
  ['grande entreprise', { min: 5000, max: null }],
  ['grands comptes', { min: 5000, max: null }],
  ['large companies', { min: 5000, max: null }],
  ['large enterprises', { min: 5000, max: null }],
  ['sans salarie', { min: 0, max: 0 }],
  ['sans salaries', { min: 0, max: 0 }],
  ['sans employe', { min: 0, max: 0 }],
  ['sans employes', { min: 0, max: 0 }],
  ['no employees', { min: 0, max: 0 }],
  ['without employees', { min: 0, max: 0 }],
  ['non employeur', { min: 0, max: 0 }],
  ['non employeuses', { min: 0, max: 0 }],
  ['employeurs', { min: 1, max: null }],
  ['employeuses', { min: 1, max: null }],
  ['with employees', { min: 1, max: null }],
  ['avec salaries', { min: 1, max: null }],
  ['avec des salaries', { min: 1, max: null }],
];

/** Phrases as word lists, grouped by first word (each token only tries its own), longest first. */
type PhraseBook = Map<string, string[][]>;
function book(phrases: string[]): PhraseBook {
  const out: PhraseBook = new Map();
  for (const words of phrases.map((p) => p.split(' ')).sort((a, b) => b.length - a.length)) {
    const list = out.get(words[0]);
    if (list) list.push(words);
    else out.set(words[0], [words]);
  }
  return out;
}
const MIN_LEAD_WORDS = book(MIN_LEADS);
const MAX_LEAD_WORDS = book(MAX_LEADS);
const MIN_TAIL_WORDS = book(MIN_TAILS);
const MAX_TAIL_WORDS = book(MAX_TAILS);
const SIZE_WORD_BOOK = book(SIZE_WORDS.map(([p]) => p));
const SIZE_HEADCOUNT = new Map(SIZE_WORDS);

export type HeadcountFinding = { headcount: Headcount; start: number; end: number; sizeWord?: boolean };

/** Length of the longest phrase of the book found at token i (0 when none). */
function phraseAt(tokens: Token[], used: boolean[], i: number, phrases: PhraseBook): number {
  if (i >= tokens.length) return 0;
  for (const words of phrases.get(tokens[i].norm) ?? []) {
    if (i + words.length > tokens.length) continue;
    let ok = true;
    for (let k = 0; k < words.length && ok; k++) {
      ok = !used[i + k] && tokens[i + k].norm === words[k] && (k === 0 || !tokens[i + k].breakBefore);
    }
    if (ok) return words.length;
  }
  return 0;
}

const isUnit = (tokens: Token[], used: boolean[], k: number) => k < tokens.length && !used[k] && UNITS.has(tokens[k].norm);

/** "effectif de", "headcount of", "taille" within the 3 tokens before i: units are implied. */
function effectifBefore(tokens: Token[], i: number): boolean {
  for (let k = Math.max(0, i - 3); k < i; k++) if (EFFECTIF.has(tokens[k].norm)) return true;
  return false;
}

/**
 * The employee-count constraint of the request ("entre 5 et 20 salariés", "TPE"). All
 * mentions are consumed; a number wins over a size word ("TPE de moins de 5 salariés").
 */
export function findHeadcount(tokens: Token[], used: boolean[]): HeadcountFinding | null {
  let numeric: HeadcountFinding | null = null;
  let sized: HeadcountFinding | null = null;
  for (let i = 0; i < tokens.length; i++) {
    if (used[i]) continue;
    const found = headcountAt(tokens, used, i);
    if (!found) continue;
    for (let k = found.start; k < found.end; k++) used[k] = true;
    if (found.sizeWord) sized ??= found;
    else numeric ??= found;
    i = found.end - 1;
  }
  return numeric ?? sized;
}

function headcountAt(tokens: Token[], used: boolean[], i: number): HeadcountFinding | null {
  const implied = effectifBefore(tokens, i);
  // "entre 5 et 20 salariés", "de 10 à 50 salariés", "10-50 employees", "between 10 and 50 staff"
  {
    const lead = RANGE_STARTS.includes(tokens[i].norm) ? 1 : 0;
    const a = parseNumberAt(tokens, i + lead, used);
    if (a && a.end < tokens.length && RANGE_JOINS.includes(tokens[a.end].norm) && !used[a.end]) {
      const b = parseNumberAt(tokens, a.end + 1, used);
      if (b && b.value >= a.value && (isUnit(tokens, used, b.end) || implied)) {
        const end = isUnit(tokens, used, b.end) ? b.end + 1 : b.end;
        if (lead || isUnit(tokens, used, b.end) || implied) return { headcount: { min: a.value, max: b.value }, start: i, end };
      }
    }
  }
  // "plus de 10 salariés", "at least 50 employees", "moins de 20 salariés"
  for (const [phrases, kind] of [
    [MIN_LEAD_WORDS, 'min'],
    [MAX_LEAD_WORDS, 'max'],
  ] as const) {
    const n = phraseAt(tokens, used, i, phrases);
    if (!n) continue;
    const num = parseNumberAt(tokens, i + n, used, true);
    if (!num) continue;
    const unit = isUnit(tokens, used, num.end);
    if (!unit && !implied) continue;
    const headcount = kind === 'min' ? { min: num.value, max: null } : { min: null, max: num.value };
    return { headcount, start: i, end: unit ? num.end + 1 : num.end };
  }
  // "10 salariés et plus", "10+ employees", "50 salariés maximum", "15 salariés"
  const num = parseNumberAt(tokens, i, used);
  if (num) {
    let k = num.end;
    const plus = k < tokens.length && tokens[k].norm === '+' && !used[k];
    if (plus) k++;
    if (isUnit(tokens, used, k)) {
      const afterUnit = k + 1;
      if (plus) return { headcount: { min: num.value, max: null }, start: i, end: afterUnit };
      const minTail = phraseAt(tokens, used, afterUnit, MIN_TAIL_WORDS);
      if (minTail) return { headcount: { min: num.value, max: null }, start: i, end: afterUnit + minTail };
      const maxTail = phraseAt(tokens, used, afterUnit, MAX_TAIL_WORDS);
      if (maxTail) return { headcount: { min: null, max: num.value }, start: i, end: afterUnit + maxTail };
      return { headcount: { min: num.value, max: num.value }, start: i, end: afterUnit };
    }
  }
  // TPE, PME, ETI, grandes entreprises, sans salarié…
  const n = phraseAt(tokens, used, i, SIZE_WORD_BOOK);
  if (n) {
    const headcount = SIZE_HEADCOUNT.get(
      tokens
        .slice(i, i + n)
        .map((t) => t.norm)
        .join(' '),
    );
    if (headcount) return { headcount: { min: headcount.min, max: headcount.max }, start: i, end: i + n, sizeWord: true };
  }
  return null;
}
