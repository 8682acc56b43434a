import { createHash } from 'node:crypto';

export const EMBEDDING_DIMS = 256;

/** Lowercase, no accents, no punctuation, single spaces. */
export function foldText(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

// Legal forms and filler words say nothing about which company it is.
const NOISE = new Set([
  'sarl',
  'sas',
  'sasu',
  'eurl',
  'sa',
  'sci',
  'snc',
  'selarl',
  'selas',
  'scp',
  'ei',
  'eirl',
  'et',
  'de',
  'des',
  'du',
  'la',
  'le',
  'les',
  'l',
  'd',
  'societe',
  'ste',
  'entreprise',
  'ets',
  'etablissements',
]);

export function companyKey(name: string): string {
  return foldText(name)
    .split(' ')
    .filter((w) => w && !NOISE.has(w))
    .join(' ');
}

function bucket(gram: string): { index: number; sign: number } {
  const h = createHash('md5').update(gram).digest();
  return { index: h.readUInt16LE(0) % EMBEDDING_DIMS, sign: h[2] & 1 ? 1 : -1 };
}

const cache = new Map<string, { index: number; sign: number }>();
function cachedBucket(gram: string) {
  let b = cache.get(gram);
  if (!b) {
    if (cache.size > 200_000) cache.clear();
    b = bucket(gram);
    cache.set(gram, b);
  }
  return b;
}

/**
 * The offline embedding: character 3-grams hashed into 256 signed buckets, L2-normalised.
 * Deterministic and fast; close for names that differ by case, accents, legal form or a typo.
 */
export function hashEmbedding(parts: { text: string; weight: number }[]): number[] {
  const v = new Array<number>(EMBEDDING_DIMS).fill(0);
  for (const { text, weight } of parts) {
    const padded = ` ${text} `;
    for (let i = 0; i + 3 <= padded.length; i++) {
      const { index, sign } = cachedBucket(padded.slice(i, i + 3));
      v[index] += sign * weight;
    }
  }
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1;
  return v.map((x) => Math.round((x / norm) * 1e6) / 1e6);
}

/** What identifies a company for dedupe: its name (mostly) and its street address. */
export function companyEmbedding(name: string, address: string | null | undefined): number[] {
  return hashEmbedding([
    { text: companyKey(name), weight: 1 },
    { text: foldText(address ?? ''), weight: 0.35 },
  ]);
}

export function cosine(a: number[], b: number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}
