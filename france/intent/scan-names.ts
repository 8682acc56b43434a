import { matchLexiconAt, nafCodeAt, searchNafLabels, sectorFromMatch, sectorFromNafCode } from '../naf/find-sectors';
import { sectorIndex } from '../naf/sector-index';
import { matchPlaceName, placeFromMatch, type NameMatch } from '../places/find-places';
import { introducesPlaceOnly, placeContext } from '../places/place-words';
import { FUNCTION_WORDS } from '../text/function-words';
import { COMMON_PLACE_WORDS } from '../text/request-vocabulary';
import { addSector, isFiller, isNumber, range, source, type ParseState } from './parse-state';

// The exact pass: NAF codes, trades of the lexicon, official NAF labels and place names,
// left to right, longest first.

/**
 * Without "à"/"en"/"dans"… a name only counts as a place when it is unlikely to be
 * an ordinary word: a département or région, or a commune of some size, and, for names
 * that are also everyday words, written with a capital or ending the request.
 */
function acceptBarePlace(state: ParseState, i: number, match: NameMatch): boolean {
  const best = match.ranked[0];
  const span = state.tokens.slice(i, i + match.n);
  // a village named like a filler word ("dans le Grand Lyon" is not Grand, Vosges)
  if (best.kind === 'commune' && best.population < 20_000 && span.every(isFiller) && !state.placeScan.placeOnly) return false;
  if (match.ctx.strong || state.placeScan.placeOnly) return true;
  const { knownWords } = sectorIndex();
  const common = span.every((t) => isFiller(t) || COMMON_PLACE_WORDS.has(t.norm) || knownWords.has(t.norm));
  if (common) {
    const capitalized = span.some((t) => t.capitalized) && i > 0;
    const last = i + match.n === state.tokens.length && i > 0;
    if (!capitalized && !last) return false;
  }
  if (best.kind !== 'commune') return true;
  return best.match === 'exact' ? best.population >= 1000 : best.population >= 20000;
}

/**
 * "fabricants de fenêtres", "grossistes en vins", "loueurs de bateaux": an agent noun and
 * its object read together against the NAF labels, before the object alone is taken for a
 * trade by the lexicon. Returns the end of the match.
 */
function agentSectorAt(state: ParseState, i: number): number | null {
  const { tokens, used } = state;
  if (used[i] || !sectorIndex().changingAgents.has(state.sectorScan.stems[i])) return null;
  const window: number[] = [i];
  for (let k = i + 1; k < tokens.length && window.length < 4; k++) {
    if (used[k] || tokens[k].breakBefore) break;
    if (placeContext(tokens, k).strong && matchPlaceName(state.placeScan, k)) break;
    if (!isFiller(tokens[k]) && !isNumber(tokens[k])) window.push(k);
  }
  for (let e = window.length; e >= 2; e--) {
    const positions = window.slice(0, e);
    const result = searchNafLabels(positions.map((k) => state.sectorScan.stems[k]));
    if (result.kind !== 'found') continue;
    const input = source(state, positions[0], positions[e - 1]);
    const label = result.codes.length === 1 ? sectorFromNafCode(result.codes[0]).label : input;
    addSector(state, { label, naf: result.codes }, i, positions);
    return positions[e - 1] + 1;
  }
  return null;
}

/** Known names, left to right, longest first: NAF codes, lexicon sectors and place names. */
export function scanNames(state: ParseState): void {
  const { tokens, used, lang } = state;
  for (let i = 0; i < tokens.length; i++) {
    if (used[i]) continue;
    const naf = nafCodeAt(state.sectorScan, i);
    if (naf) {
      addSector(state, sectorFromNafCode(naf.code), i, range(i, naf.end));
      i = naf.end - 1;
      continue;
    }
    const agent = agentSectorAt(state, i);
    if (agent) {
      i = agent - 1;
      continue;
    }
    let lexicon = matchLexiconAt(state.sectorScan, i);
    // a bare official label right after "à"/"near" is a place we do not know ("à La Défense")
    if (lexicon?.code && introducesPlaceOnly(placeContext(tokens, i))) lexicon = null;
    // "entreprises de rénovation énergétique": a phrase led by a generic word gives way to a
    // longer one starting on its next word
    if (lexicon && isFiller(tokens[i]) && lexicon.positions.length > 1) {
      const next = matchLexiconAt(state.sectorScan, lexicon.positions[1]);
      if (next && next.end > lexicon.end) lexicon = null;
    }
    const name = FUNCTION_WORDS.has(tokens[i].norm) || isNumber(tokens[i]) ? null : matchPlaceName(state.placeScan, i);
    const cutsCompound = name && tokens[i + name.n]?.joined && !FUNCTION_WORDS.has(tokens[i + name.n - 1].norm);
    const place = name && !cutsCompound && acceptBarePlace(state, i, name) ? name : null;
    const lexiconSpan = lexicon ? lexicon.end - i : 0;
    if (place && (!lexicon || place.n > lexiconSpan || (place.n === lexiconSpan && place.ctx.strong))) {
      const finding = placeFromMatch(state.placeScan, i, place);
      state.places.push(finding);
      i = finding.end - 1;
    } else if (lexicon) {
      addSector(state, sectorFromMatch(lexicon, lang), i, lexicon.positions);
      for (let k = i; k < lexicon.end; k++) if (FUNCTION_WORDS.has(tokens[k].norm)) used[k] = true;
      i = lexicon.end - 1;
    }
  }
}
