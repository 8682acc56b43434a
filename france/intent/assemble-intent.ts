import { messages } from '../messages';
import type { Sector } from '../naf/schema';
import { arrondissementsOf } from '../places/plm';
import { OTHER_CUES, PROSPECT_CUES } from '../text/request-vocabulary';
import type { ParseState } from './parse-state';
import type { Intent } from './schema';

// The last step: deduplicated sectors and places, the kind of request, and what to tell the user.

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** The Intent of a finished parse. */
export function assembleIntent(state: ParseState, count: number | null, headcount: Intent['headcount']): Intent {
  const { lang, tokens } = state;
  const sectors: Sector[] = [];
  const warnings: string[] = [];
  for (const f of [...state.sectors].sort((a, b) => a.start - b.start)) {
    if (sectors.some((s) => sameSet(s.naf, f.sector.naf))) continue;
    sectors.push(f.sector);
    if (f.corrected) warnings.push(messages.sectorCorrected(lang, f.input, f.sector.label));
  }
  const findings = [...state.places].sort((a, b) => a.start - b.start);
  // "Lyon … dans le 7e": the arrondissement replaces the whole city
  const covered = new Set(findings.flatMap((f) => (f.place.communes.length === 1 ? [f.place.code] : [])));
  const places = findings
    .filter((f, i) => findings.findIndex((g) => g.place.kind === f.place.kind && g.place.code === f.place.code) === i)
    .filter((f) => !(f.place.kind === 'commune' && arrondissementsOf(f.place.code)?.some((c) => covered.has(c))));
  for (const f of places) warnings.push(...f.warnings);
  warnings.push(...state.warnings, ...state.unknownPlaces);

  // A trade makes a prospecting request. Without one, a place still does when the user asks
  // for companies ("trouve des entreprises à Lyon") or says nothing else ("Paris 15e"), but
  // not when the request is about something else ("quel temps fait-il à Paris ?").
  const cue = tokens.some((t) => PROSPECT_CUES.has(t.norm));
  const elsewhere = tokens.some((t) => OTHER_CUES.has(t.norm)) || state.unknownWords.length > 0;
  const prospect = sectors.length > 0 || (places.length > 0 && (cue || !elsewhere)) || (state.unknownPlaces.length > 0 && cue);
  let message: string | undefined;
  if (!prospect) message = tokens.length === 0 ? messages.empty(lang) : cue && !elsewhere ? messages.noSector(lang) : messages.notProspecting(lang);
  else if (state.unknownPlaces.length) message = state.unknownPlaces[0];
  else if (sectors.length === 0) message = messages.noSector(lang);

  const intent: Intent = prospect
    ? { kind: 'prospect', language: lang, sectors, places: places.map((f) => f.place), count, headcount }
    : { kind: 'other', language: lang, sectors: [], places: [], count: null, headcount: null };
  if (message) intent.message = message;
  const unique = [...new Set(prospect ? warnings : [])];
  if (unique.length) intent.warnings = unique;
  return intent;
}
