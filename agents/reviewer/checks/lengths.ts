import type { ReviewNote } from '../state';
import { t, type Check } from './context';

export const SUBJECT_MAX = 70;
export const BODY_MIN_WORDS = 50;
export const BODY_MAX_WORDS = 250;

export function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\d]/u.test(w)).length;
}

export const checkLengths: Check = ({ draft, expectedLanguage: lang }) => {
  const notes: ReviewNote[] = [];
  const subject = draft.subject.trim();
  if (subject.length > SUBJECT_MAX) {
    notes.push({
      code: 'subject_length',
      severity: 'error',
      message: t(lang, `objet trop long (${subject.length} caractères, ${SUBJECT_MAX} au plus)`, `subject too long (${subject.length} characters, ${SUBJECT_MAX} at most)`),
    });
  } else if (subject.length < 3) {
    notes.push({ code: 'subject_length', severity: 'error', message: t(lang, 'objet vide ou trop court', 'subject empty or too short') });
  }
  const words = wordCount(draft.body);
  if (words < BODY_MIN_WORDS) {
    notes.push({
      code: 'body_too_short',
      severity: 'error',
      message: t(lang, `message trop court (${words} mots, ${BODY_MIN_WORDS} au moins)`, `message too short (${words} words, at least ${BODY_MIN_WORDS})`),
    });
  } else if (words > BODY_MAX_WORDS) {
    notes.push({
      code: 'body_too_long',
      severity: 'error',
      message: t(lang, `message trop long (${words} mots, ${BODY_MAX_WORDS} au plus)`, `message too long (${words} words, ${BODY_MAX_WORDS} at most)`),
    });
  }
  return notes;
};
