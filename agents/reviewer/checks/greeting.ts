import type { ReviewNote } from '../state';
import { t, type Check } from './context';
import { fold, splitBody } from './text';
import type { Language } from '../../../lib/language';

// The first line greets the right person: a name must be the lead's, a civility (Madame,
// Monsieur, Mr, Ms) only when the record holds one and it matches, in the draft's language.
const GREETING_WORDS: Record<Language, RegExp> = {
  fr: /^(bonjour|bonsoir|madame|monsieur|cher|chere|mesdames|messieurs)\b/,
  en: /^(dear|hello|hi|good (morning|afternoon))\b/,
};
const CIVILITY: Record<string, 'madame' | 'monsieur'> = {
  madame: 'madame',
  mme: 'madame',
  ms: 'madame',
  mrs: 'madame',
  miss: 'madame',
  monsieur: 'monsieur',
  m: 'monsieur',
  mr: 'monsieur',
};
const SKIP = new Set(['bonjour', 'bonsoir', 'cher', 'chere', 'dear', 'hello', 'hi', 'good', 'morning', 'afternoon', 'sir', 'or', 'madam', 'ou', 'et', 'mesdames', 'messieurs']);

export const checkGreeting: Check = ({ draft, facts, expectedLanguage: lang }) => {
  const notes: ReviewNote[] = [];
  const { greeting } = splitBody(draft.body);
  const g = fold(greeting)
    .replace(/[,.:!]+$/, '')
    .trim();
  if (!GREETING_WORDS[lang].test(g)) {
    const other = GREETING_WORDS[lang === 'fr' ? 'en' : 'fr'].test(g);
    notes.push({
      code: other ? 'language' : 'greeting',
      severity: 'error',
      message: other
        ? t(lang, `formule d’appel dans une autre langue : « ${greeting} »`, `greeting in another language: "${greeting}"`)
        : t(
            lang,
            'le message doit commencer par une formule d’appel (« Bonjour Prénom Nom, » ou « Madame, Monsieur, »)',
            'the message must open with a greeting ("Dear First Last," or "Dear Sir or Madam,")',
          ),
    });
    return notes;
  }
  const tokens = g.split(/[\s,]+/).filter(Boolean);
  const generic = /^(madame,? monsieur|dear sir or madam|mesdames,? messieurs)/.test(g);
  if (generic) return notes;
  const civilities = tokens.map((w) => CIVILITY[w.replace(/\.$/, '')]).filter(Boolean);
  const names = tokens.filter((w) => !CIVILITY[w.replace(/\.$/, '')] && !SKIP.has(w));
  const own = new Set([...fold(facts.firstName).split(/[^a-z]+/), ...fold(facts.lastName).split(/[^a-z]+/)].filter(Boolean));
  const wrong = names.filter(
    (n) =>
      !n
        .split(/[^a-z]+/)
        .filter(Boolean)
        .every((part) => own.has(part)),
  );
  if (wrong.length) {
    notes.push({
      code: 'greeting',
      severity: 'error',
      message: t(
        lang,
        `la formule d’appel ne nomme pas le bon destinataire (« ${greeting} ») : le prospect est ${[facts.firstName, facts.lastName].filter(Boolean).join(' ') || 'inconnu — écrivez « Madame, Monsieur, »'}`,
        `the greeting names the wrong person ("${greeting}"): the lead is ${[facts.firstName, facts.lastName].filter(Boolean).join(' ') || 'unknown — write "Dear Sir or Madam,"'}`,
      ),
    });
  }
  if (civilities.length) {
    const used = civilities[0];
    if (!facts.civility) {
      notes.push({
        code: 'greeting',
        severity: 'error',
        message: t(
          lang,
          'civilité non renseignée dans la fiche : écrivez « Bonjour Prénom Nom, » plutôt que de deviner Madame ou Monsieur',
          'civility unknown in the record: write "Dear First Last," rather than guess Mr or Ms',
        ),
      });
    } else if (used !== facts.civility) {
      notes.push({
        code: 'greeting',
        severity: 'error',
        message: t(
          lang,
          `mauvaise civilité : la fiche indique ${facts.civility === 'madame' ? 'Madame' : 'Monsieur'}`,
          `wrong civility: the record says ${facts.civility === 'madame' ? 'Ms' : 'Mr'}`,
        ),
      });
    }
  }
  return notes;
};
