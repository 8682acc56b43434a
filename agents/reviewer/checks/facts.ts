import type { Language } from '../../../lib/language';
import type { WorkspaceProfile } from '../../../identity/profile';
import type { LeadFacts } from '../../../crm/lead-facts';
import { displayCity, displayCompanyName, headcountLabel } from '../../../crm/lead-display';
import type { ReviewNote } from '../state';
import { t, type Check } from './context';
import { fold, numbersIn } from './text';

// Every name, number and date in the draft must come from the lead's facts or the workspace
// profile. Numbers (digits, and number words before a unit) are matched exactly; names are the
// capitalised words that do not open a sentence, matched against the facts' words.

const COMMON_CAPITALISED = new Set([
  'madame',
  'monsieur',
  'mme',
  'mlle',
  'mr',
  'mrs',
  'ms',
  'miss',
  'dr',
  'bonjour',
  'bonsoir',
  'cher',
  'chere',
  'cordialement',
  'dear',
  'hello',
  'hi',
  'i',
  'je',
  'nous',
  'vous',
  'france',
  'francais',
  'francaise',
  'english',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
  'sir',
  'madam',
  'kind',
  'best',
  'regards',
  'yours',
  'sincerely',
  'bien',
  'sinceres',
  'salutations',
  'merci',
  'thanks',
  'thank',
  'p.s',
  'ps',
  'ok',
]);

const NUMBER_WORDS =
  '(deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingt|trente|quarante|cinquante|soixante|cent|cents|mille|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|hundreds|thousand|thousands|dozens?|douzaines?|centaines?|milliers?)';
const UNITS =
  '(ans|annees|clients|salaries|employes|chantiers|projets|realisations|entreprises|artisans|agences|magasins|collaborateurs|experts|years|clients|customers|employees|projects|companies|businesses|sites|stores|offices|partners|partenaires)';
const WORD_FIGURE = new RegExp(`\\b${NUMBER_WORDS}\\s+(?:\\w+\\s+)?${UNITS}\\b`, 'g');

export function factsCorpus(facts: LeadFacts, profile: WorkspaceProfile): string {
  const c = facts.company;
  const parts = [
    facts.firstName,
    facts.lastName,
    facts.role ?? '',
    facts.email ?? '',
    c?.name ?? '',
    c ? displayCompanyName(c.name) : '',
    c?.activity ?? '',
    c?.nafCode ?? '',
    c?.city ?? '',
    c?.city ? displayCity(c.city) : '',
    c?.postcode ?? '',
    c?.headcountBand ?? '',
    headcountLabel(c?.headcountBand ?? null, 'fr') ?? '',
    headcountLabel(c?.headcountBand ?? null, 'en') ?? '',
    c?.creationYear ? String(c.creationYear) : '',
    profile.name,
    profile.legalName,
    profile.address,
    profile.signature ?? '',
    profile.offer ?? '',
    profile.tone ?? '',
  ];
  return parts.join('\n');
}

function corpusWords(corpus: string): Set<string> {
  return new Set(
    fold(corpus)
      .split(/[^a-z0-9]+/)
      .filter(Boolean),
  );
}

/** Capitalised words that do not start a sentence, a line, a quotation or follow a colon. */
export function midSentenceNames(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const tokens = line.split(/\s+/).filter(Boolean);
    for (let i = 1; i < tokens.length; i++) {
      if (/[.!?…:«"“(–—-]$/.test(tokens[i - 1])) continue;
      const m = /^[\p{Lu}][\p{L}'’-]*/u.exec(tokens[i]);
      if (m) out.push(m[0]);
    }
  }
  return out;
}

export function unknownFacts(text: string, facts: LeadFacts, profile: WorkspaceProfile): { numbers: string[]; names: string[] } {
  const corpus = factsCorpus(facts, profile);
  const known = new Set(numbersIn(corpus).map((n) => n.replace(/^0+(?=\d)/, '')));
  const numbers = numbersIn(text).filter((n) => !known.has(n.replace(/^0+(?=\d)/, '')));
  const foldedText = fold(text);
  const foldedCorpus = fold(corpus);
  for (const m of foldedText.matchAll(WORD_FIGURE)) if (!foldedCorpus.includes(m[0])) numbers.push(m[0]);
  const words = corpusWords(corpus);
  const names = midSentenceNames(text).filter((name) => {
    const parts = fold(name)
      .split(/[^a-z0-9]+/)
      .filter(Boolean);
    return parts.length > 0 && !parts.every((p) => words.has(p) || COMMON_CAPITALISED.has(p));
  });
  return { numbers: [...new Set(numbers)], names: [...new Set(names)] };
}

export function factNotes(lang: Language, found: { numbers: string[]; names: string[] }): ReviewNote[] {
  const notes: ReviewNote[] = [];
  if (found.numbers.length) {
    notes.push({
      code: 'unknown_fact',
      severity: 'error',
      message: t(lang, `chiffre ou date absent des données du prospect : ${found.numbers.join(', ')}`, `figure or date not in the lead's facts: ${found.numbers.join(', ')}`),
    });
  }
  if (found.names.length) {
    notes.push({
      code: 'unknown_fact',
      severity: 'error',
      message: t(lang, `nom absent des données du prospect : ${found.names.join(', ')}`, `name not in the lead's facts: ${found.names.join(', ')}`),
    });
  }
  return notes;
}

export const checkFacts: Check = ({ draft, facts, profile, expectedLanguage: lang }) => factNotes(lang, unknownFacts(`${draft.subject}\n${draft.body}`, facts, profile));
