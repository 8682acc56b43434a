import type { ReviewNote } from '../state';
import { t, type Check } from './context';

// Leftovers of a template or a model: brackets, braces, tags, TODO markers, snake-case slots.
const PATTERNS: [RegExp, string][] = [
  [/\[[^\]\n]*\]/, 'crochets'],
  [/\{[^}\n]*\}/, 'accolades'],
  [/<[^>\n]+>/, 'balise'],
  [/\b(XXX+|TODO|TBD|FIXME|lorem ipsum)\b/i, 'marqueur'],
  [/%[sd]\b/, 'variable'],
  [/\b[A-Z]{2,}(?:_[A-Z]+)+\b/, 'variable'],
  [/_{3,}/, 'blanc à remplir'],
  [/\.{3}\s*$/m, 'phrase inachevée'],
  [/(?<!\p{L})(à compléter|a completer|to be completed|insert (name|company)|votre nom ici|nom du prospect|prénom nom)(?!\p{L})/iu, 'texte à compléter'],
];

export function findPlaceholder(text: string): { match: string; kind: string } | null {
  for (const [re, kind] of PATTERNS) {
    const m = re.exec(text);
    if (m) return { match: m[0], kind };
  }
  return null;
}

export const checkPlaceholders: Check = ({ draft, expectedLanguage: lang }) => {
  const notes: ReviewNote[] = [];
  for (const [part, text] of [
    ['objet', draft.subject],
    ['corps', draft.body],
  ] as const) {
    const found = findPlaceholder(text);
    if (found) {
      notes.push({
        code: 'placeholder',
        severity: 'error',
        message: t(
          lang,
          `élément à compléter laissé dans ${part === 'objet' ? 'l’objet' : 'le message'} : « ${found.match} »`,
          `placeholder left in the ${part === 'objet' ? 'subject' : 'body'}: "${found.match}"`,
        ),
      });
    }
  }
  return notes;
};
