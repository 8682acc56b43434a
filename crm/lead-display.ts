import type { Language } from '../lib/language';
// How lead facts read in a letter: registry data comes in capitals ("LYON BATI RENOVATION",
// "DUPONT"), with legal forms and arrondissement suffixes a careful writer would not copy.

const SMALL_WORDS = new Set(['de', 'du', 'des', 'et', 'la', 'le', 'les', 'en', 'à', 'a', 'aux', 'sur', 'sous', 'pour', 'par', 'of', 'and', 'the']);
const LEGAL_FORMS = /\b(SARL|SAS|SASU|EURL|SA|SCI|SNC|SCP|SELARL|SELAS|SCOP|EI|EIRL|GIE)\b/g;

function capitalize(word: string): string {
  return word.charAt(0).toLocaleUpperCase('fr') + word.slice(1);
}

/** Title case for words written all in capitals; mixed-case input is the owner's spelling and kept. */
export function titleCase(text: string): string {
  if (text !== text.toLocaleUpperCase('fr')) return text;
  let first = true;
  return text
    .toLocaleLowerCase('fr')
    .split(/(\s+|-|')/)
    .map((part) => {
      if (/^(\s+|-|')$/.test(part) || part === '') return part;
      const keepSmall = !first && SMALL_WORDS.has(part);
      first = false;
      if (/^(l|d)$/.test(part)) return part; // l' d'
      return keepSmall ? part : capitalize(part);
    })
    .join('');
}

export function displayCompanyName(name: string): string {
  const stripped = name
    .replace(LEGAL_FORMS, ' ')
    .replace(/\s{2,}/g, ' ')
    .replace(/^[\s,.-]+|[\s,.-]+$/g, '');
  return titleCase(stripped || name).trim();
}

export function displayPersonName(first: string, last: string): { first: string; last: string; full: string } {
  const f = titleCase(first.trim().split(/\s+/)[0] ?? '');
  const l = titleCase(last.trim());
  return { first: f, last: l, full: [f, l].filter(Boolean).join(' ') };
}

/** "LYON 3E ARRONDISSEMENT" → "Lyon": the arrondissement number is not a fact worth quoting. */
export function displayCity(city: string): string {
  const base = city.replace(/\s+\d{1,2}\s*(er|e|eme|ème)?(\s+arrondissement)?$/i, '').trim();
  return titleCase(base);
}

/** The lower-cased label a sentence can carry: "Travaux de peinture" → "travaux de peinture". */
export function lowerFirst(text: string): string {
  if (text.length > 1 && text.charAt(1) === text.charAt(1).toLocaleUpperCase('fr') && /\p{L}/u.test(text.charAt(1))) return text; // acronym
  return text.charAt(0).toLocaleLowerCase('fr') + text.slice(1);
}

const ROLE_RE =
  /^(gérante?|co-gérante?|président(e)?|directeur général|directrice générale|directeur|directrice|associée? gérante?|dirigeante?|fondateur|fondatrice|exploitante?)\b/i;

/** A role the letter can name ("en votre qualité de gérant"), or null when it would read badly. */
export function displayRole(role: string | null): string | null {
  if (!role) return null;
  const m = ROLE_RE.exec(role.trim());
  return m ? m[0].toLocaleLowerCase('fr') : null;
}

// INSEE "tranche d'effectif salarié" codes → words; a band already in words is kept.
const BANDS: Record<string, { fr: string; en: string } | null> = {
  NN: null,
  '00': null,
  '01': { fr: '1 ou 2 salariés', en: '1 or 2 employees' },
  '02': { fr: '3 à 5 salariés', en: '3 to 5 employees' },
  '03': { fr: '6 à 9 salariés', en: '6 to 9 employees' },
  '11': { fr: '10 à 19 salariés', en: '10 to 19 employees' },
  '12': { fr: '20 à 49 salariés', en: '20 to 49 employees' },
  '21': { fr: '50 à 99 salariés', en: '50 to 99 employees' },
  '22': { fr: '100 à 199 salariés', en: '100 to 199 employees' },
  '31': { fr: '200 à 249 salariés', en: '200 to 249 employees' },
  '32': { fr: '250 à 499 salariés', en: '250 to 499 employees' },
  '41': { fr: '500 à 999 salariés', en: '500 to 999 employees' },
  '42': { fr: '1 000 à 1 999 salariés', en: '1,000 to 1,999 employees' },
  '51': { fr: '2 000 à 4 999 salariés', en: '2,000 to 4,999 employees' },
  '52': { fr: '5 000 à 9 999 salariés', en: '5,000 to 9,999 employees' },
  '53': { fr: '10 000 salariés et plus', en: '10,000 employees or more' },
};

export function headcountLabel(band: string | null, lang: Language): string | null {
  if (!band) return null;
  const code = band.trim();
  if (code in BANDS) return BANDS[code]?.[lang] ?? null;
  // a label in words ("10 à 19 salariés") reads in the letter's language
  const known = Object.values(BANDS).find((b) => b && (b.fr === code || b.en === code));
  if (known) return known[lang];
  return /\d/.test(code) ? code : null;
}
