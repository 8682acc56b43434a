import { foldAccents } from '../../../france/text/normalize';
import type { Language } from '../../../lib/language';

// Request cues the rule-based router reads (folded: no accents, lower case).
const fold = (s: string) => ` ${foldAccents(s).replace(/[’']/g, "'").replace(/\s+/g, ' ')} `;

const QUESTION = /\b(combien|quel|quels|quelle|quelles|how many|how much|what|which|est-ce que|y a-t-il|ai-je|avons-nous|do i have|do we have)\b/;
const CRM_NOUNS =
  /\b(affaire|affaires|deal|deals|pipeline|opportunite|opportunites|prospects?|leads?|contacts?|entreprises?|societes?|companies|brouillons?|drafts?|negociation|proposition|gagnee?s?|perdue?s?|won|lost)\b/;
const FIND = /\b(trouve|trouver|trouvez|cherche|chercher|cherchez|recherche|rechercher|identifie|identifier|find|search|look for|get me|liste|lister|donne-moi|propose-moi)\b/;
const WRITE =
  /\b(ecris|ecrire|ecrivez|ecris-leur|redige|rediger|redigez|contacte|contacter|contactez|envoie|envoyer|relance|relancer|prepare|preparer|write|draft|email|e-mail|mail|reach out|contact)\b/;
const NO_WRITE =
  /\b(sans (leur )?(ecrire|e-?mail|message|rediger)|n'ecris pas|ne (leur )?ecris pas|n'ecrivez pas|ne (leur )?ecrivez pas|pas d'e-?mails?|pas de (message|brouillon)s?|juste (la )?liste|seulement (les )?trouver|without (writing|emailing|drafting)|don't (write|email|draft)|do not (write|email|draft)|no emails?|just (the )?list|only find)\b/;
const EXISTING =
  /\b(pas encore contacte(e|s|es)?|jamais contacte(e|s|es)?|deja (dans|en) (le|notre) crm|du crm|dans le crm|nos prospects|nos leads|mes prospects|mes leads|existing|already in the crm|not (yet )?contacted|never contacted|haven't contacted|have not contacted|in the crm|our leads|my leads)\b/;
const IN_ENGLISH = /\b(en anglais|in english)\b/;
const IN_FRENCH = /\b(en francais|in french)\b/;

export type Cues = { question: boolean; crmNoun: boolean; find: boolean; write: boolean; noWrite: boolean; existing: boolean; forceLanguage: Language | null };

export function readCues(text: string): Cues {
  const f = fold(text);
  return {
    question: QUESTION.test(f) || text.trim().endsWith('?'),
    crmNoun: CRM_NOUNS.test(f),
    find: FIND.test(f),
    write: WRITE.test(f) && !NO_WRITE.test(f),
    noWrite: NO_WRITE.test(f),
    existing: EXISTING.test(f),
    forceLanguage: IN_ENGLISH.test(f) ? 'en' : IN_FRENCH.test(f) ? 'fr' : null,
  };
}
