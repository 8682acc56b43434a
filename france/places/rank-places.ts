import type { PlaceRef } from './place-index';
import type { PlaceKind } from './schema';

/**
 * What the words around a name say about it: an explicit keyword ("département", "région",
 * "ville de"), "à/au" (a town), "en/dans" (an area: département or région), or nothing.
 */
export type PlaceHint = PlaceKind | 'town' | 'area' | null;

function score(ref: PlaceRef, hint: PlaceHint): number {
  // Régions and départements outrank homonymous villages; big cities outrank départements
  // ("Paris", "Vienne"), unless the wording says otherwise ("dans la Vienne").
  let s = ref.kind === 'region' ? 4 : ref.kind === 'departement' ? 3.5 : Math.log10(ref.population + 1);
  if (ref.match === 'exact') s += 1;
  else if (ref.match === 'former') s -= 0.5;
  if (hint === ref.kind) s += 5;
  else if (hint === 'town' && ref.kind === 'commune') s += 2.5;
  else if (hint === 'area' && ref.kind !== 'commune') s += 2.5;
  return s;
}

/** Candidates best first; aliases that need a keyword are dropped without it. */
export function rankPlaceRefs(refs: PlaceRef[], hint: PlaceHint): PlaceRef[] {
  return refs
    .filter((r) => !r.needsKeyword || hint === r.kind)
    .map((ref) => ({ ref, s: score(ref, hint) }))
    .sort((a, b) => b.s - a.s || b.ref.population - a.ref.population || a.ref.code.localeCompare(b.ref.code))
    .map((x) => x.ref);
}

/** Homonyms of the chosen commune worth telling the user about (same kind, other places). */
export function homonyms(ranked: PlaceRef[]): PlaceRef[] {
  const [best] = ranked;
  if (best?.kind !== 'commune') return [];
  return ranked.filter((r) => r.kind === 'commune' && r.code !== best.code && (best.match !== 'exact' || r.match === 'exact'));
}
