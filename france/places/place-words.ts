import type { Token } from '../text/tokenize';
import type { PlaceHint } from './rank-places';

// The words around a place name that tell us it is one, and which kind.

const ARTICLES = new Set(['le', 'la', 'les', 'l', 'the']);
const TOWN_PREPS = new Set(['a', 'au', 'aux', 'at']);
const AREA_PREPS = new Set(['en', 'dans']);
const OTHER_PREPS = new Set(['in', 'near', 'around', 'sur', 'vers', 'within', 'across', 'nearby', 'from', 'inside', 'throughout']);
// "près de", "autour de", "à côté de", "au nord de", "secteur de"…
const LEADS_BEFORE_DE = new Set([
  'pres',
  'proche',
  'autour',
  'alentours',
  'alentour',
  'environs',
  'cote',
  'secteur',
  'zone',
  'banlieue',
  'peripherie',
  'nord',
  'sud',
  'est',
  'ouest',
  'centre',
  'coin',
  'outside',
  'north',
  'south',
  'east',
  'west',
]);
export const PLACE_KEYWORDS: Record<string, PlaceHint> = {
  departement: 'departement',
  departements: 'departement',
  dept: 'departement',
  dpt: 'departement',
  department: 'departement',
  region: 'region',
  ville: 'commune',
  commune: 'commune',
  city: 'commune',
  town: 'commune',
  metropole: 'commune',
  agglomeration: 'commune',
  agglo: 'commune',
};
const OF = new Set(['de', 'd', 'du', 'des', 'of']);
/** "au Havre" = "à le Havre": the article the contraction hides. */
const IMPLIED_ARTICLE: Record<string, string> = { au: 'le', aux: 'les', du: 'le', des: 'les' };

export type PlaceContext = {
  /** a locative preposition or keyword announces a place */
  strong: boolean;
  hint: PlaceHint;
  /** article to try in front of the name ("au Havre" -> "le havre") */
  article: string | null;
  /** the introducing word, for diagnostics */
  lead: string | null;
};

const NONE: PlaceContext = { strong: false, hint: null, article: null, lead: null };

/** What precedes token i (skipping articles) says about a place starting at i. */
export function placeContext(tokens: Token[], i: number): PlaceContext {
  let j = i - 1;
  let skippedArticle = false;
  while (j >= 0 && ARTICLES.has(tokens[j].norm) && !tokens[j + 1].breakBefore) {
    j--;
    skippedArticle = true;
  }
  if (j < 0 || tokens[j + 1].breakBefore) return NONE;
  const w = tokens[j].norm;
  const article = skippedArticle ? null : (IMPLIED_ARTICLE[w] ?? null);
  if (w in PLACE_KEYWORDS) return { strong: true, hint: PLACE_KEYWORDS[w], article, lead: w };
  if (TOWN_PREPS.has(w)) return { strong: true, hint: 'town', article, lead: w };
  if (AREA_PREPS.has(w)) return { strong: true, hint: 'area', article, lead: w };
  if (OTHER_PREPS.has(w)) return { strong: true, hint: null, article, lead: w };
  if (OF.has(w) && j > 0 && !tokens[j].breakBefore) {
    const before = tokens[j - 1].norm;
    if (before in PLACE_KEYWORDS) return { strong: true, hint: PLACE_KEYWORDS[before], article, lead: before };
    if (LEADS_BEFORE_DE.has(before)) return { strong: true, hint: null, article, lead: before };
    return { strong: false, hint: null, article, lead: w };
  }
  return NONE;
}

// Leads after which a word can only be a place ("à", "near", "près de"), unlike "en"/"dans"
// ("en plomberie", "dans le bâtiment") or "sur".
const PLACE_ONLY_LEADS = new Set([
  'a',
  'au',
  'aux',
  'at',
  'in',
  'near',
  'nearby',
  'around',
  'pres',
  'proche',
  'autour',
  'alentours',
  'alentour',
  'environs',
  'cote',
  'inside',
  'within',
  'throughout',
]);

export function introducesPlaceOnly(ctx: PlaceContext): boolean {
  return ctx.strong && (ctx.hint === 'town' || (ctx.lead !== null && PLACE_ONLY_LEADS.has(ctx.lead)));
}

export const ARRONDISSEMENT_WORDS = new Set(['arrondissement', 'arrondissements', 'arr', 'arrt', 'arrdt', 'ardt', 'arrondt', 'district']);

/** "15e", "1er", "2eme", "3ème", "2nd", "15th" -> 15, 1, 2, 3, 2, 15 */
export function ordinalValue(norm: string): number | null {
  const m = /^(\d{1,2})(e|er|ere|eme|ieme|em|me|nd|th|st|rd|d)$/.exec(norm);
  return m ? Number(m[1]) : null;
}

const ROMAN: Record<string, number> = { i: 1, v: 5, x: 10 };
/** "XVe", "XV" (upper-case in the raw text only, so the pronoun "I" never counts) -> 15 */
export function romanOrdinal(token: Token): number | null {
  const m = /^([IVX]+)(e|er|ème|eme)?$/.exec(token.raw);
  if (!m || (m[1] === 'I' && !m[2])) return null;
  let total = 0;
  const s = m[1].toLowerCase();
  for (let k = 0; k < s.length; k++) {
    const v = ROMAN[s[k]];
    const next = ROMAN[s[k + 1]] ?? 0;
    total += v < next ? -v : v;
  }
  return total > 0 && total <= 20 ? total : null;
}
