import { editDistance } from '../text/edit-distance';
import { placeIndex, type PlaceRef } from './place-index';
import { rankPlaceRefs, type PlaceHint } from './rank-places';

// Typo tolerance for place names. Only used for words that matched nothing exactly, so the
// indexes are built on first use, not at start-up:
// - one typo: a symmetric-deletion index over every name (exact lookups, no scan);
// - two typos, and "did you mean": a scan of the names of larger places only, since
//   a badly mistyped village is far less likely than a word that is not a place at all.

type Name = { key: string; refs: PlaceRef[]; size: number };

let names: Name[] | null = null;
let deletions: Map<string, number[]> | null = null;
/** names of larger places by length, then by first letter */
let larger: Map<number, Map<string, Name[]>> | null = null;

const LARGE = 5000;
const MIN_CORRECTED = 1000;

function placeNames(): Name[] {
  if (!names) {
    names = [];
    for (const [key, refs] of placeIndex().byName) {
      const size = Math.max(...refs.map((r) => (r.kind === 'commune' ? r.population : Number.MAX_SAFE_INTEGER)));
      names.push({ key, refs, size });
    }
  }
  return names;
}

function deletionsOf(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

function deletionIndex(): Map<string, number[]> {
  if (!deletions) {
    deletions = new Map();
    const all = placeNames();
    for (let id = 0; id < all.length; id++) {
      if (all[id].size < MIN_CORRECTED) continue; // never corrected to, so never indexed
      for (const variant of [all[id].key, ...deletionsOf(all[id].key)]) {
        const list = deletions.get(variant);
        if (list) {
          if (list[list.length - 1] !== id) list.push(id);
        } else deletions.set(variant, [id]);
      }
    }
  }
  return deletions;
}

function largerNames(): Map<number, Map<string, Name[]>> {
  if (!larger) {
    larger = new Map();
    for (const n of placeNames()) {
      if (n.size < LARGE) continue;
      let byInitial = larger.get(n.key.length);
      if (!byInitial) {
        byInitial = new Map();
        larger.set(n.key.length, byInitial);
      }
      const list = byInitial.get(n.key[0]);
      if (list) list.push(n);
      else byInitial.set(n.key[0], [n]);
    }
  }
  return larger;
}

/** Larger places whose name length is within `spread` of the phrase's (same initial if asked). */
function largerCandidates(phrase: string, spread: number, sameInitial: boolean): Name[] {
  const out: Name[] = [];
  for (let len = phrase.length - spread; len <= phrase.length + spread; len++) {
    const byInitial = largerNames().get(len);
    if (!byInitial) continue;
    if (sameInitial) out.push(...(byInitial.get(phrase[0]) ?? []));
    else for (const list of byInitial.values()) out.push(...list);
  }
  return out;
}

/** Names at edit distance exactly 1 (substitution, insertion, deletion, transposition). */
function oneTypoAway(phrase: string): Name[] {
  const index = deletionIndex();
  const all = placeNames();
  const ids = new Set<number>();
  for (const variant of [phrase, ...deletionsOf(phrase)]) for (const id of index.get(variant) ?? []) ids.add(id);
  return [...ids].map((id) => all[id]).filter((n) => n.key !== phrase && editDistance(phrase, n.key, 1) === 1);
}

/** Places of at least this many inhabitants (or any département/région) can be typo targets. */
export function isCorrectable(size: number): boolean {
  return size >= MIN_CORRECTED;
}

function twoTyposAway(phrase: string): Name[] {
  return largerCandidates(phrase, 2, true).filter((n) => editDistance(phrase, n.key, 2) === 2);
}

/** Closest place to a mistyped name: one typo from 5 letters, two from 9 (larger places only). */
export function fuzzyPlace(phrase: string, hint: PlaceHint): { ref: PlaceRef; distance: number } | null {
  if (phrase.length < 5) return null;
  let distance = 1;
  // correcting to a hamlet is worse than saying "not found"
  let matches = oneTypoAway(phrase);
  if (matches.length === 0 && phrase.length >= 9) {
    distance = 2;
    matches = twoTyposAway(phrase);
  }
  if (matches.length === 0) return null;
  // typos rarely hit the first letter
  const sameInitial = matches.filter((m) => m.key[0] === phrase[0]);
  const pool = (sameInitial.length ? sameInitial : matches).flatMap((m) => m.refs.filter((r) => r.match !== 'former'));
  const [ref] = rankPlaceRefs(pool, hint);
  return ref ? { ref, distance } : null;
}

export function displayName(ref: PlaceRef): string {
  if (ref.kind === 'commune') return ref.departement ? `${ref.name} (${ref.departement})` : ref.name;
  if (ref.kind === 'departement') return `${ref.name} (${ref.code})`;
  return ref.name;
}

/** Up to `limit` official names close to an unknown one, for "did you mean". */
export function placeSuggestions(phrase: string, limit = 3): string[] {
  const max = Math.max(2, Math.min(4, Math.ceil(phrase.length / 2)));
  const found: { ref: PlaceRef; distance: number }[] = [];
  for (const n of oneTypoAway(phrase)) for (const ref of n.refs) found.push({ ref, distance: 1 });
  // beyond one typo, only names starting with the same letter: enough for "did you mean"
  for (const n of largerCandidates(phrase, max, true)) {
    const d = editDistance(phrase, n.key, max);
    if (d <= max) for (const ref of n.refs) found.push({ ref, distance: d });
  }
  if (found.length === 0) {
    // nothing with the same initial: any larger place within three edits
    for (const n of largerCandidates(phrase, 3, false)) {
      const d = editDistance(phrase, n.key, 3);
      if (d <= 3) for (const ref of n.refs) found.push({ ref, distance: d });
    }
  }
  found.sort((a, b) => a.distance - b.distance || b.ref.population - a.ref.population);
  const out: string[] = [];
  for (const { ref } of found) {
    if (ref.match === 'former' || ref.needsKeyword) continue;
    const name = displayName(ref);
    if (!out.includes(name)) out.push(name);
    if (out.length >= limit) break;
  }
  return out;
}
