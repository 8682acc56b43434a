import type { Token } from '../text/tokenize';

// Numbers written with digits or words (FR/EN), as in "10", "1 000", "vingt-cinq",
// "quatre-vingts", "twenty five", "une dizaine", "a dozen".

const WORD_VALUES: Record<string, number> = {
  zero: 0,
  un: 1,
  une: 1,
  deux: 2,
  trois: 3,
  quatre: 4,
  cinq: 5,
  six: 6,
  sept: 7,
  huit: 8,
  neuf: 9,
  dix: 10,
  onze: 11,
  douze: 12,
  treize: 13,
  quatorze: 14,
  quinze: 15,
  seize: 16,
  vingt: 20,
  vingts: 20,
  trente: 30,
  quarante: 40,
  cinquante: 50,
  soixante: 60,
  septante: 70,
  huitante: 80,
  octante: 80,
  nonante: 90,
  cent: 100,
  cents: 100,
  mille: 1000,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
  hundred: 100,
  thousand: 1000,
};

/** "une dizaine de", "a dozen": approximate quantities. */
export const APPROXIMATE: Record<string, number> = {
  dizaine: 10,
  dizaines: 10,
  douzaine: 12,
  quinzaine: 15,
  vingtaine: 20,
  trentaine: 30,
  quarantaine: 40,
  cinquantaine: 50,
  soixantaine: 60,
  centaine: 100,
  dozen: 12,
  couple: 2,
};

const LONE_ARTICLES = new Set(['un', 'une', 'one']);

export type ParsedNumber = { value: number; end: number };

/**
 * The number starting at token i, or null. Words joined by "et"/"and" are one number. A lone
 * "un"/"une"/"one" is an article, unless `oneIsNumber` ("au moins un salarié").
 */
export function parseNumberAt(tokens: Token[], i: number, used: boolean[], oneIsNumber = false): ParsedNumber | null {
  const t = tokens[i];
  if (!t || used[i]) return null;
  if (/^\d{1,6}$/.test(t.norm)) {
    let value = Number(t.norm);
    let end = i + 1;
    // "1 000": a thousands group written with a space
    const next = tokens[end];
    if (value > 0 && value < 1000 && next && !used[end] && !next.breakBefore && /^\d{3}$/.test(next.norm)) {
      value = value * 1000 + Number(next.norm);
      end++;
    }
    return { value, end };
  }
  if (!(t.norm in WORD_VALUES)) return null;
  let total = 0;
  let current = 0;
  let previous = -1;
  let end = i;
  let words = 0;
  for (let k = i; k < tokens.length && !used[k]; k++) {
    const w = tokens[k].norm;
    if (k > i && tokens[k].breakBefore) break;
    if ((w === 'et' || w === 'and') && words > 0 && tokens[k + 1] && tokens[k + 1].norm in WORD_VALUES) continue;
    const v = WORD_VALUES[w];
    if (v === undefined) break;
    if (v === 100) current = (current || 1) * 100;
    else if (v === 1000) {
      total += (current || 1) * 1000;
      current = 0;
    } else if (v === 20 && previous === 4)
      current += 76; // quatre-vingt(s) = 80
    else current += v;
    previous = v;
    words++;
    end = k + 1;
  }
  if (words === 1 && LONE_ARTICLES.has(t.norm) && !oneIsNumber) return null; // "une agence" is not a count
  return { value: total + current, end };
}
