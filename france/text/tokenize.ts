import { canonicalWord, foldAccents } from './normalize';
import { stem } from './stem';

/** One word (or a meaningful symbol: + < > ≥ ≤ and "-" between two numbers) of a request. */
export type Token = {
  raw: string;
  /** folded, lower-case, abbreviations expanded ("St" -> "saint", "15ᵉ" -> "15e") */
  norm: string;
  stem: string;
  /** punctuation (, ; . ! ? : parentheses, quotes) separates it from the previous token */
  breakBefore: boolean;
  capitalized: boolean;
  /** glued to the previous token by a hyphen or apostrophe ("Marne-la-Vallée", "l'Ain") */
  joined: boolean;
  /** offsets in the original text */
  start: number;
  end: number;
};

const TOKEN = /[\p{L}\p{N}\p{M}]+|[+<>≥≤]|(?<=\d)\s*[-–—]\s*(?=\d)/gu;
const BREAK = /[,;.!?:()[\]{}"«»\n]/;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    const raw = m[0].trim();
    const start = (m.index ?? 0) + m[0].indexOf(raw);
    const end = start + raw.length;
    const gap = text.slice(last, start);
    last = end;
    const breakBefore = tokens.length > 0 && BREAK.test(gap);
    const joined = tokens.length > 0 && /^[-'’‐]$/.test(gap);
    if (raw === '-' || raw === '–' || raw === '—') {
      tokens.push({ raw, norm: '-', stem: '-', breakBefore, capitalized: false, joined: false, start, end });
      continue;
    }
    const norm = canonicalWord(foldAccents(raw).replace(/[^a-z0-9+<>≥≤]/g, ''));
    if (!norm) continue;
    tokens.push({ raw, norm, stem: stem(norm), breakBefore, capitalized: /^\p{Lu}/u.test(raw), joined, start, end });
  }
  return tokens;
}
