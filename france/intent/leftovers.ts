import { messages } from '../messages';
import { searchNafLabels, sectorFromNafCode } from '../naf/find-sectors';
import { sectorIndex } from '../naf/sector-index';
import type { PlaceFinding } from '../places/find-places';
import { placeFromRef } from '../places/build-place';
import { fuzzyPlace, placeSuggestions } from '../places/place-fuzzy';
import { introducesPlaceOnly, placeContext } from '../places/place-words';
import { FUNCTION_WORDS } from '../text/function-words';
import { ACTIVITY_NOUNS } from '../text/request-vocabulary';
import { addSector, isFiller, isNumber, source, type ParseState } from './parse-state';

// The second pass, over words the exact pass did not understand: misspelt places, activities
// named in the words of the official NAF labels, and places we do not know.

/** Runs of leftover words between punctuation and already understood words. */
function leftoverRuns(state: ParseState): number[][] {
  const runs: number[][] = [];
  let run: number[] = [];
  state.tokens.forEach((t, k) => {
    if (state.used[k] || t.breakBefore) {
      if (run.length) runs.push(run);
      run = [];
    }
    if (!state.used[k]) run.push(k);
  });
  if (run.length) runs.push(run);
  return runs;
}

const LARGE_TOWN = 20_000;

/**
 * A mistyped place at the start of `span` (token positions of one run), longest phrase first;
 * communes smaller than `minPopulation` are not considered.
 */
function fuzzyPlaceIn(state: ParseState, span: number[], minPopulation = 0): { finding: PlaceFinding; taken: number[] } | null {
  const { tokens } = state;
  const ctx = placeContext(tokens, span[0]);
  for (let n = Math.min(span.length, 6); n >= 1; n--) {
    const positions = span.slice(0, n);
    if (FUNCTION_WORDS.has(tokens[positions[n - 1]].norm)) continue;
    if (tokens[positions[n - 1] + 1]?.joined) continue; // never cut "Marne-la-Vallée" in two
    const hit = fuzzyPlace(positions.map((k) => tokens[k].norm).join(' '), ctx.hint);
    if (!hit || (hit.ref.kind === 'commune' && hit.ref.population < minPopulation)) continue;
    const place = placeFromRef(hit.ref);
    const warnings = [messages.placeCorrected(state.lang, source(state, positions[0], positions[n - 1]), place.label)];
    for (const k of positions) state.used[k] = true;
    return { finding: { place, start: positions[0], end: positions[n - 1] + 1, warnings }, taken: positions };
  }
  return null;
}

/**
 * A sector from official NAF labels for the words from `positions[0]` on ("fabricants de
 * meubles", "commerce de gros de boissons"), longest first. Activity nouns ("commerce",
 * "magasin") take part but cannot make a sector alone.
 */
function labelSectorAt(state: ParseState, positions: number[]): number[] {
  const { tokens } = state;
  const { morphology } = sectorIndex();
  for (let e = positions.length; e >= 1; e--) {
    const window = positions.slice(0, e);
    // "magasins", "installateurs": a kind of business, not yet an activity
    if (window.every((k) => ACTIVITY_NOUNS.has(tokens[k].norm) || morphology.has(state.sectorScan.stems[k]))) break;
    const result = searchNafLabels(window.map((k) => state.sectorScan.stems[k]));
    const input = source(state, window[0], window[e - 1]);
    if (result.kind === 'found') {
      const label = result.codes.length === 1 ? sectorFromNafCode(result.codes[0]).label : input;
      addSector(state, { label, naf: result.codes }, window[0], window);
      return window;
    }
    if (result.kind === 'vague' && e === positions.length) {
      state.warnings.push(messages.sectorTooVague(state.lang, input, result.count));
      for (const k of window) state.used[k] = true;
      return window;
    }
  }
  return [];
}

/** Label-search candidates of a run from `head`, with the activity nouns just before it. */
function labelWindow(state: ParseState, run: number[], head: number): number[] {
  const { tokens } = state;
  let from = run.indexOf(head);
  for (let j = from - 1; j >= 0; j--) {
    const t = tokens[run[j]];
    if (state.used[run[j]]) break;
    if (ACTIVITY_NOUNS.has(t.norm)) from = j;
    else if (!FUNCTION_WORDS.has(t.norm)) break;
  }
  return run.slice(from).filter((k) => !state.used[k] && !isNumber(tokens[k]) && (ACTIVITY_NOUNS.has(tokens[k].norm) || !isFiller(tokens[k])));
}

/** The words of an unknown place: from `head` to the next filler word or the end of the run. */
function unknownPlaceSpan(state: ParseState, run: number[], head: number): number[] {
  const span: number[] = [];
  for (const k of run.slice(run.indexOf(head))) {
    const t = state.tokens[k];
    if (state.used[k] || (isFiller(t) && !FUNCTION_WORDS.has(t.norm))) break;
    span.push(k);
  }
  while (span.length > 1 && FUNCTION_WORDS.has(state.tokens[span[span.length - 1]].norm)) span.pop();
  return span;
}

/** Everything the exact pass did not understand: typos, NAF labels, unknown places. */
export function resolveLeftovers(state: ParseState): void {
  const { tokens } = state;
  const last = tokens.length - 1;
  for (const run of leftoverRuns(state)) {
    const isContent = (k: number) => !state.used[k] && !isFiller(tokens[k]) && !isNumber(tokens[k]);
    for (let head = run.find(isContent); head !== undefined; head = run.find(isContent)) {
      const strong = placeContext(tokens, head).strong;
      const fromHead = run.slice(run.indexOf(head)).filter((k) => !state.used[k]);
      if (strong) {
        const fuzzy = fuzzyPlaceIn(state, fromHead);
        if (fuzzy) {
          state.places.push(fuzzy.finding);
          continue;
        }
      }
      // after "à"/"in"/"near" a word is a place, never an activity ("avocats à La Défense")
      if (!introducesPlaceOnly(placeContext(tokens, head)) && labelSectorAt(state, labelWindow(state, run, head)).length) continue;
      if (strong) {
        const span = unknownPlaceSpan(state, run, head);
        const phrase = span.map((k) => tokens[k].norm).join(' ');
        // a capitalized article belongs to the name: « La Défense », « Le Touquet »
        const before = span[0] - 1;
        const article = before >= 0 && !state.used[before] && tokens[before].capitalized && ['la', 'le', 'les', 'l'].includes(tokens[before].norm);
        const input = source(state, article ? before : span[0], span[span.length - 1]);
        state.unknownPlaces.push(messages.placeNotFound(state.lang, input, placeSuggestions(phrase)));
        for (const k of span) state.used[k] = true;
        continue;
      }
      // a capitalized word may still be a mistyped town ("plombiers Marseile"); so may a final
      // lowercase one, if it is close to a large place ("plombiers marseile", not "moyenne")
      const capitalized = tokens[head].capitalized && head > 0;
      if (capitalized || head === last) {
        const compound = [head];
        while (tokens[compound[compound.length - 1] + 1]?.joined && !state.used[compound[compound.length - 1] + 1]) {
          compound.push(compound[compound.length - 1] + 1);
        }
        const fuzzy = fuzzyPlaceIn(state, compound, capitalized ? 0 : LARGE_TOWN);
        if (fuzzy) {
          state.places.push(fuzzy.finding);
          continue;
        }
        if (compound.length > 1 && tokens[head].capitalized) {
          // "Marne-la-Vallée": a capitalized compound name is meant as a place
          const input = source(state, compound[0], compound[compound.length - 1]);
          const phrase = compound.map((k) => tokens[k].norm).join(' ');
          state.unknownPlaces.push(messages.placeNotFound(state.lang, input, placeSuggestions(phrase)));
          for (const k of compound) state.used[k] = true;
          continue;
        }
      }
      state.unknownWords.push(tokens[head].raw);
      state.used[head] = true;
    }
  }
}
