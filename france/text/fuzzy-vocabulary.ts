import { editDistance } from './edit-distance';

type Entry<T> = { word: string; value: T };

/**
 * Words bucketed by length and first letter, for typo lookups. One typo is searched among
 * all words of a close length; two typos only among words with the same first letter
 * (people rarely mistype the first letter, and it keeps a lookup well under a millisecond).
 */
export class FuzzyVocabulary<T = string> {
  private readonly byLength = new Map<number, Map<string, Entry<T>[]>>();

  add(word: string, value: T): void {
    if (!word) return;
    let byInitial = this.byLength.get(word.length);
    if (!byInitial) {
      byInitial = new Map();
      this.byLength.set(word.length, byInitial);
    }
    const bucket = byInitial.get(word[0]);
    if (bucket) bucket.push({ word, value });
    else byInitial.set(word[0], [{ word, value }]);
  }

  private *candidates(word: string, spread: number, sameInitial: boolean): Generator<Entry<T>> {
    for (let len = word.length - spread; len <= word.length + spread; len++) {
      const byInitial = this.byLength.get(len);
      if (!byInitial) continue;
      if (sameInitial) yield* byInitial.get(word[0]) ?? [];
      else for (const bucket of byInitial.values()) yield* bucket;
    }
  }

  /** All entries at the smallest distance ≤ max (max 2) from `word`; empty when none. */
  closest(word: string, max: number): { distance: number; matches: Entry<T>[] } {
    if (max <= 0 || !word) return { distance: max + 1, matches: [] };
    const exact: Entry<T>[] = [];
    const one: Entry<T>[] = [];
    for (const entry of this.candidates(word, 1, false)) {
      const d = editDistance(word, entry.word, 1);
      if (d === 0) exact.push(entry);
      else if (d === 1) one.push(entry);
    }
    if (exact.length) return { distance: 0, matches: exact };
    if (one.length || max < 2) return { distance: one.length ? 1 : max + 1, matches: one };
    const two: Entry<T>[] = [];
    for (const entry of this.candidates(word, 2, true)) if (editDistance(word, entry.word, 2) === 2) two.push(entry);
    return { distance: two.length ? 2 : max + 1, matches: two };
  }
}
