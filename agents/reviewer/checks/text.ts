import { foldAccents } from '../../../france/text/normalize';

// Text helpers shared by the checks: folded words, sentences, the greeting and signature.

export const APOSTROPHES = /[\u2019\u2018`´]/g;

export function fold(text: string): string {
  return foldAccents(text.replace(APOSTROPHES, "'"));
}

export function foldedWords(text: string): string[] {
  return fold(text)
    .split(/[^a-z0-9']+/)
    .flatMap((w) => w.split("'"))
    .filter(Boolean);
}

/** Body lines split into greeting (first line), content, and the closing/signature tail. */
export function splitBody(body: string): { greeting: string; lines: string[] } {
  const lines = body.split(/\r?\n/).map((l) => l.trim());
  const first = lines.find((l) => l.length > 0) ?? '';
  return { greeting: first, lines };
}

export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?…])\s+|\n+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Numbers as digit strings: "1 000" and "1\u202f000" read as 1000; "3e" as 3. */
export function numbersIn(text: string): string[] {
  const joined = text.replace(/(\d)[\s\u00a0\u202f.](?=\d{3}\b)/g, '$1');
  return [...joined.matchAll(/\d+(?:[.,]\d+)?/g)].map((m) => m[0].replace(',', '.'));
}
