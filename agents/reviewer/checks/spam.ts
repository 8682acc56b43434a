import type { ReviewNote } from '../state';
import { t, type Check } from './context';
import { fold } from './text';

// Words and habits that land prospecting in spam folders and read as pressure.
const TRIGGERS = [
  'gratuit',
  'gratuite',
  'gratuitement',
  'urgent',
  'offre exceptionnelle',
  'offre limitee',
  'derniere chance',
  'cliquez ici',
  'satisfait ou rembourse',
  'garanti',
  'garantie',
  'promotion',
  'promo',
  'gagnez',
  'argent facile',
  'sans frais',
  'prix imbattable',
  'meilleur prix',
  'ne ratez pas',
  'profitez-en',
  'felicitations',
  'free',
  'act now',
  'limited time',
  'click here',
  'guaranteed',
  'winner',
  'risk-free',
  'risk free',
  'cash',
  'best price',
  "don't miss",
  'congratulations',
  'buy now',
  'order now',
];
const ACRONYMS = new Set(['SARL', 'SASU', 'EURL', 'SIRET', 'SIREN', 'TVA', 'PME', 'TPE', 'BTP', 'RGPD', 'CNIL', 'URSSAF', 'HTML', 'HTTPS', 'RGE']);

export function spamTriggers(text: string): string[] {
  const f = ` ${fold(text).replace(/[^a-z0-9' -]+/g, ' ')} `;
  return TRIGGERS.filter((w) => f.includes(` ${w} `));
}

function shouting(text: string): string[] {
  return (text.match(/\b\p{Lu}{5,}\b/gu) ?? []).filter((w) => !ACRONYMS.has(w));
}

export const checkSpam: Check = ({ draft, profile, expectedLanguage: lang }) => {
  const notes: ReviewNote[] = [];
  const text = `${draft.subject}\n${draft.body}`;
  // the owner's own offer and signature may say "garantie décennale": their words, not spam
  const own = new Set(spamTriggers(`${profile.offer ?? ''}\n${profile.signature ?? ''}`));
  const words = spamTriggers(text).filter((w) => !own.has(w));
  if (words.length) notes.push({ code: 'spam', severity: 'error', message: t(lang, `vocabulaire de spam : ${words.join(', ')}`, `spam vocabulary: ${words.join(', ')}`) });
  const bangs = (text.match(/!/g) ?? []).length;
  if (draft.subject.includes('!') || bangs > 1) notes.push({ code: 'spam', severity: 'error', message: t(lang, 'points d’exclamation à retirer', 'remove the exclamation marks') });
  if (/€{2,}|\${2,}|\?{2,}/.test(text)) notes.push({ code: 'spam', severity: 'error', message: t(lang, 'ponctuation criarde', 'shouting punctuation') });
  const caps = shouting(text);
  if (caps.length)
    notes.push({ code: 'spam', severity: 'error', message: t(lang, `mots en majuscules : ${caps.slice(0, 3).join(', ')}`, `words in capitals: ${caps.slice(0, 3).join(', ')}`) });
  return notes;
};
