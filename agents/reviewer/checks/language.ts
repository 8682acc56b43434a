import type { Language } from '../../../lib/language';
import type { ReviewNote } from '../state';
import { t, type Check } from './context';
import { foldedWords, sentences } from './text';

// Language by function words: a draft in the wrong language, or an English sentence left in
// a French draft (and the reverse), is sent back.
const FR = new Set([
  'le',
  'la',
  'les',
  'des',
  'une',
  'un',
  'et',
  'est',
  'pour',
  'avec',
  'vous',
  'nous',
  'votre',
  'vos',
  'dans',
  'sur',
  'que',
  'qui',
  'pas',
  'ce',
  'cette',
  'je',
  'de',
  'du',
  'au',
  'aux',
  'mes',
  'notre',
  'nos',
  'se',
  'sont',
  'etre',
  'mais',
  'ou',
  'par',
  'il',
  'elle',
  'me',
  'en',
  'plus',
  'si',
]);
const EN = new Set([
  'the',
  'and',
  'to',
  'of',
  'for',
  'with',
  'you',
  'your',
  'we',
  'our',
  'is',
  'are',
  'this',
  'that',
  'in',
  'on',
  'i',
  'would',
  'be',
  'have',
  'will',
  'can',
  'it',
  'my',
  'at',
  'from',
  'as',
  'an',
  'could',
  'about',
  'if',
  'am',
  'look',
  'forward',
  'hear',
  'best',
  'regards',
  'thank',
  'please',
  'by',
]);

export function languageScores(text: string): { fr: number; en: number } {
  let fr = 0;
  let en = 0;
  for (const w of foldedWords(text)) {
    if (FR.has(w)) fr++;
    if (EN.has(w)) en++;
  }
  return { fr, en };
}

export function detectLanguage(text: string): Language | null {
  const { fr, en } = languageScores(text);
  if (fr === 0 && en === 0) return null;
  return fr >= en ? 'fr' : 'en';
}

export const checkLanguage: Check = ({ draft, expectedLanguage: lang }) => {
  const notes: ReviewNote[] = [];
  const detected = detectLanguage(`${draft.subject}\n${draft.body}`);
  if (draft.language !== lang || (detected && detected !== lang)) {
    notes.push({
      code: 'language',
      severity: 'error',
      message: t(lang, 'le brouillon doit être rédigé en français', 'the draft must be written in English'),
    });
    return notes;
  }
  const other = lang === 'fr' ? 'en' : 'fr';
  for (const s of [draft.subject, ...sentences(draft.body)]) {
    const words = foldedWords(s);
    if (words.length < 4) continue;
    const sc = languageScores(s);
    if (sc[other] >= 3 && sc[other] > sc[lang] * 2) {
      notes.push({
        code: 'language',
        severity: 'error',
        message: t(lang, `phrase dans une autre langue : « ${s.slice(0, 80)} »`, `sentence in another language: "${s.slice(0, 80)}"`),
      });
      break;
    }
  }
  return notes;
};
