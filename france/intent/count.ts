import type { Token } from '../text/tokenize';
import { APPROXIMATE, parseNumberAt } from './numbers';

// "10 entreprises", "trouve-moi 25 plombiers", "find 5 roofers", "une dizaine d'agences",
// "top 20", "les 30 premiers": how many companies the user wants.

const ADJECTIVES = new Set([
  'premiers',
  'premieres',
  'premier',
  'premiere',
  'meilleurs',
  'meilleures',
  'nouveaux',
  'nouvelles',
  'bons',
  'bonnes',
  'petits',
  'petites',
  'grands',
  'grandes',
  'autres',
  'potentiels',
  'potentielles',
  'jeunes',
  'gros',
  'grosses',
  'first',
  'best',
  'new',
  'good',
  'great',
  'top',
  'local',
  'more',
  'other',
  'additional',
  'potential',
  'small',
  'big',
  'large',
  'independent',
  'young',
  'recent',
  'different',
  'nouveau',
]);
const FIRST = new Set(['premiers', 'premieres', 'first']);
const TOP = new Set(['top', 'limite', 'limit', 'first']);
const OF = new Set(['de', 'd', 'of']);
const MAX_COUNT = 10_000;

export type CountFinding = { count: number; start: number; end: number };

/** `isCountNoun(k)`: token k names what is counted (companies, a trade…). */
export function findCount(tokens: Token[], used: boolean[], isCountNoun: (k: number) => boolean): CountFinding | null {
  for (let i = 0; i < tokens.length; i++) {
    if (used[i]) continue;
    const found = countAt(tokens, used, i, isCountNoun);
    if (found && found.count >= 1 && found.count <= MAX_COUNT) {
      for (let k = found.start; k < found.end; k++) used[k] = true;
      return found;
    }
  }
  return null;
}

function countAt(tokens: Token[], used: boolean[], i: number, isCountNoun: (k: number) => boolean): CountFinding | null {
  const t = tokens[i];
  // "top 10", "limit 20", "first 5"
  if (TOP.has(t.norm)) {
    const num = parseNumberAt(tokens, i + 1, used);
    if (num && !tokens[i + 1].breakBefore) return { count: num.value, start: i, end: num.end };
  }
  // "une dizaine de plombiers", "a dozen roofers", "a dozen of them"
  if (t.norm in APPROXIMATE) {
    const k = i + 1;
    const noun = k < tokens.length && OF.has(tokens[k].norm) ? k + 1 : k;
    if (noun < tokens.length && isCountNoun(noun)) return { count: APPROXIMATE[t.norm], start: i, end: noun };
    return null;
  }
  const num = parseNumberAt(tokens, i, used);
  if (!num) return null;
  let k = num.end;
  let skipped = 0;
  while (k < tokens.length && !used[k] && ADJECTIVES.has(tokens[k].norm) && skipped < 2) {
    k++;
    skipped++;
  }
  // the noun may already be read as something else ("30 PME" is also a headcount)
  if (k < tokens.length && !tokens[k].breakBefore && isCountNoun(k)) return { count: num.value, start: i, end: num.end };
  // "les 20 premiers", "the first 10" at the end of a clause
  if (skipped > 0 && FIRST.has(tokens[k - 1].norm)) return { count: num.value, start: i, end: k };
  return null;
}
