import { fold } from './fold';
import type { PhraseBook } from './phrases/book';
import { CUE_THRESHOLD, CUES, type CueCategory } from './phrases/cues';
import { EN } from './phrases/en';
import { FR } from './phrases/fr';
import type { ReplyCategory } from './state';

// The offline rules over what the sender wrote (quoted text and signature already removed).
// Both languages' phrases apply to every message: a French prospect writes "ok", an English
// one "merci". The order settles overlaps: an objection or a deferral outranks the politeness
// around it ("intéressant, mais pas le bon moment" is not_now), a concrete meeting outranks a question.

const BOOKS: readonly PhraseBook[] = [FR, EN];
// a reply's intent is in its first lines; a longer text is not read further
const READ_MAX = 5000;
const QUESTION_SENTENCE = /[^.!?\n]{1,300}\?/g;
const RHETORICAL = /^\s*(pourquoi pas|why not|ok|d'?\s?accord|non|no)\s*\?$/;

type ListKey = Exclude<keyof PhraseBook, 'interrogative'>;

function says(text: string, key: ListKey): boolean {
  return BOOKS.some((book) => book[key].some((re) => re.test(text)));
}

function asksQuestion(text: string): boolean {
  if (says(text, 'question')) return true;
  for (const m of text.matchAll(QUESTION_SENTENCE)) {
    const sentence = m[0];
    if (RHETORICAL.test(sentence)) continue;
    if (BOOKS.some((book) => book.interrogative.test(sentence))) return true;
    // French asks by intonation alone ("vous livrez à Lyon ?"): a real sentence ending in "?" asks
    if (sentence.trim().split(/\s+/).length >= 4) return true;
  }
  return false;
}

// someone else's address next to words that hand the matter over ("go through", "s'adresser à")
const ADDRESS = /[a-z0-9._%+-]{1,64}@[a-z0-9-]{1,63}(\.[a-z0-9-]{1,63}){0,8}\.[a-z]{2,24}/g;
const HAND_OVER =
  /\b(adresser|passer par|voir avec|voyez|s'?\s?occupe|gere|en charge|responsable|charge de|acheteu(r|se)|contactez|contacter|ecrire a|ecrivez|plutot|directement|handles?|in charge|responsible|go(es)? through|buyer|contact|reach|write to|instead|directly|looks after|deals with|runs|took over|retired|repris|retraite)\b/;

function handsOver(text: string, sender: string): boolean {
  for (const m of text.matchAll(ADDRESS)) if (m[0] !== sender) return HAND_OVER.test(text);
  return false;
}

/** The category with the most evidence, when it has enough (ties go to the first listed). */
function cueScore(text: string, category: CueCategory): number {
  let score = 0;
  for (const [re, weight] of CUES[category]) if (re.test(text)) score += weight;
  return score;
}

function strongestCue(text: string): CueCategory | null {
  let best: CueCategory | null = null;
  let bestScore = CUE_THRESHOLD - 1;
  for (const category of Object.keys(CUES) as CueCategory[]) {
    const score = cueScore(text, category);
    if (score > bestScore) {
      best = category;
      bestScore = score;
    }
  }
  return best;
}

/** Whether the text reads as an out-of-office notice. */
export function readsOutOfOffice(text: string): boolean {
  return says(fold(text.slice(0, READ_MAX)), 'outOfOffice');
}

/** The category of a message a person wrote (no automatic header): one of the human categories or out_of_office/auto_reply. */
export function categoryOfText(text: string, senderAddress = ''): ReplyCategory {
  const f = fold(text.slice(0, READ_MAX)).trim();
  if (!f) return 'other';
  if (says(f, 'unsubscribe')) return 'unsubscribe';
  if (says(f, 'outOfOffice')) return 'out_of_office';
  if (says(f, 'autoReply')) return 'auto_reply';
  if (says(f, 'wrongPerson') || handsOver(f, senderAddress.toLowerCase())) return 'wrong_person';
  if (says(f, 'notNow') || (says(f, 'recontact') && says(f, 'horizon'))) return 'not_now';
  if (says(f, 'notInterested')) return 'not_interested';
  // a day and a time offered ("mardi ou jeudi en fin de matinée ?") is a meeting, even asked as a question
  if (says(f, 'meeting') || cueScore(f, 'meeting_request') >= CUE_THRESHOLD) return 'meeting_request';
  if (says(f, 'requestOffer')) return 'interested';
  if (asksQuestion(f)) return 'question';
  if (says(f, 'interested')) return 'interested';
  return strongestCue(f) ?? 'other';
}
