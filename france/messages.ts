import type { Language } from '../lib/language';

// Every sentence the France toolkit shows a user, in both languages, in one place.

const quote = (lang: Language, s: string) => (lang === 'fr' ? `« ${s} »` : `"${s}"`);
const list = (items: string[]) => items.join(', ');

export const messages = {
  placeNotFound(lang: Language, input: string, suggestions: string[]): string {
    if (lang === 'fr') {
      const hint = suggestions.length ? ` — vouliez-vous dire : ${list(suggestions)} ?` : '';
      return `lieu introuvable : ${quote(lang, input)}${hint}`;
    }
    const hint = suggestions.length ? ` — did you mean: ${list(suggestions)}?` : '';
    return `place not found: ${quote(lang, input)}${hint}`;
  },
  placeAmbiguous(lang: Language, input: string, chosen: string, others: string[]): string {
    return lang === 'fr'
      ? `${quote(lang, input)} est ambigu : ${chosen} retenue (la plus peuplée) ; autres : ${list(others)}`
      : `${quote(lang, input)} is ambiguous: using ${chosen} (largest population); others: ${list(others)}`;
  },
  placeCorrected(lang: Language, input: string, name: string): string {
    return lang === 'fr' ? `lieu ${quote(lang, input)} compris comme ${quote(lang, name)}` : `place ${quote(lang, input)} read as ${quote(lang, name)}`;
  },
  formerCommune(lang: Language, former: string, current: string): string {
    return lang === 'fr' ? `${quote(lang, former)} est une ancienne commune, rattachée à ${current}` : `${quote(lang, former)} is a former commune, now part of ${current}`;
  },
  arrondissementUnknown(lang: Language, city: string, n: number): string {
    return lang === 'fr' ? `${city} n'a pas de ${n}e arrondissement : toute la ville est retenue` : `${city} has no arrondissement ${n}: using the whole city`;
  },
  arrondissementWithoutCity(lang: Language, n: number): string {
    return lang === 'fr' ? `${n}e arrondissement sans ville précisée : Paris retenu` : `arrondissement ${n} without a city: assuming Paris`;
  },
  postcodeShared(lang: Language, postcode: string, chosen: string, others: string[]): string {
    return lang === 'fr'
      ? `le code postal ${postcode} couvre plusieurs communes : ${chosen} retenue ; autres : ${list(others)}`
      : `postcode ${postcode} covers several communes: using ${chosen}; others: ${list(others)}`;
  },
  sectorCorrected(lang: Language, input: string, label: string): string {
    return lang === 'fr' ? `activité ${quote(lang, input)} comprise comme ${quote(lang, label)}` : `activity ${quote(lang, input)} read as ${quote(lang, label)}`;
  },
  sectorUnknown(lang: Language, input: string): string {
    return lang === 'fr' ? `activité non reconnue : ${quote(lang, input)}` : `activity not recognised: ${quote(lang, input)}`;
  },
  sectorTooVague(lang: Language, input: string, codes: number): string {
    return lang === 'fr'
      ? `${quote(lang, input)} est trop vague (${codes} codes NAF) : précisez l'activité`
      : `${quote(lang, input)} is too vague (${codes} NAF codes): please be more specific`;
  },
  noSector(lang: Language): string {
    return lang === 'fr'
      ? 'Précisez le secteur recherché (ex. « plombiers », « agences immobilières », « experts-comptables »).'
      : 'Please name the trade or activity you are looking for (e.g. "plumbers", "real estate agencies", "accountants").';
  },
  notProspecting(lang: Language): string {
    return lang === 'fr'
      ? "Je n'ai pas reconnu de recherche d'entreprises. Exemple : « trouve 10 plombiers à Lyon » ou « agences immobilières en Bretagne de plus de 5 salariés »."
      : 'This does not look like a company search. Try e.g. "find 10 plumbers in Lyon" or "real estate agencies in Brittany with more than 5 employees".';
  },
  empty(lang: Language): string {
    return lang === 'fr' ? 'Demande vide. Exemple : « trouve 10 plombiers à Lyon ».' : 'Empty request. Try e.g. "find 10 plumbers in Lyon".';
  },
};
