import type { ReviewNote } from '../state';
import { t, type Check } from './context';
import { fold } from './text';

// « vous » by default: any tutoiement (pronouns, possessives, elisions, 2nd-person imperatives)
// is an error; with « tu » configured, the draft must not mix both.
const TU_FORMS = [
  /(?<![\p{L}'’-])tu(?![\p{L}'’-])/u,
  /(?<![\p{L}'’-])toi(?![\p{L}'’])/u,
  /(?<![\p{L}'’-])(?<!(le|un|du|de|au|meme|bon) )ton(?![\p{L}'’-])/u,
  /(?<![\p{L}'’-])(ta|tes|tien|tienne|tiens)(?![\p{L}'’-])/u,
  /(?<![\p{L}'’-])te(?![\p{L}'’-])/u,
  /(?<![\p{L}'’-])t['’](?=[aeiouyh])/u,
  /(?<![\p{L}'’-])(dis|fais|appelle|ecris|contacte|reponds|envoie|regarde|dites)-moi(?![\p{L}])/u,
];
const VOUS = /(?<![\p{L}'’-])(vous|votre|vos|vôtre)(?![\p{L}'’])/u;

export function hasTutoiement(text: string): boolean {
  const f = fold(text).replace(/dites-moi/g, '');
  return TU_FORMS.some((re) => re.test(f));
}

export const checkFormality: Check = ({ draft, profile, expectedLanguage: lang }) => {
  if (lang !== 'fr') return [];
  const notes: ReviewNote[] = [];
  const text = `${draft.subject}\n${draft.body}`;
  const tu = hasTutoiement(text);
  const vous = VOUS.test(fold(text));
  if (profile.formality === 'vous' && tu) {
    notes.push({ code: 'formality', severity: 'error', message: 'tutoiement détecté : vouvoyez le destinataire du début à la fin (« vous », jamais « tu »)' });
  } else if (profile.formality === 'tu' && tu && vous) {
    notes.push({ code: 'formality', severity: 'error', message: 'tutoiement et vouvoiement mélangés : choisissez une seule forme' });
  } else if (profile.formality === 'vous' && !vous) {
    notes.push({ code: 'formality', severity: 'error', message: t(lang, 'le message doit vouvoyer le destinataire', 'address the recipient formally') });
  }
  return notes;
};
