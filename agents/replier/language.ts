import type { Language } from '../../lib/language';
import { fold } from './fold';

// A reply's language by its function words (one short message is enough for these), then
// the subject's; ties go to French, the product's home market.

const FR = new Set(
  'le la les des une un et est pour avec vous nous votre vos dans sur que qui pas ce cette je de du au aux mes notre nos sont mais ou par il elle en plus merci bonjour bonsoir cordialement oui non suis sommes serai ca c etes avez ai moi jusqu retour absent conges madame monsieur ne n l d j qu tres bien svp interesse desinscrire appelez rendez vacances absente'.split(
    ' ',
  ),
);
const EN = new Set(
  'the and to of for with you your we our is are be this that it not no yes thanks thank hi hello regards please my i am will can could would do does don ll ve at in from have has about what how when where which who out back until office sorry best kind dear unsubscribe interested meeting call sounds great busy'.split(
    ' ',
  ),
);

function score(text: string): number {
  let fr = 0;
  let en = 0;
  for (const word of fold(text.slice(0, 4000)).split(/[^a-z]+/)) {
    if (FR.has(word)) fr++;
    if (EN.has(word)) en++;
  }
  return en - fr;
}

export function detectReplyLanguage(text: string, subject = ''): Language {
  const s = score(text);
  if (s !== 0) return s > 0 ? 'en' : 'fr';
  return score(subject) > 0 ? 'en' : 'fr';
}
