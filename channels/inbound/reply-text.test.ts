import { describe, expect, it } from 'vitest';
import { splitReply } from './reply-text';

describe('splitReply', () => {
  it.each([
    ['Gmail FR, wrapped', 'Avec plaisir.\n\nLe jeu. 3 déc. 2026 à 10:12, Camille Martin <\ncamille@atelier.fr> a écrit :\n> non merci'],
    ['Gmail EN', 'Sounds good.\n\nOn Thu, Dec 3, 2026 at 10:12 AM Camille <c@a.fr> wrote:\n> no thanks'],
    ['Outlook FR', 'Avec plaisir.\n\nDe : Camille Martin <c@a.fr>\nEnvoyé : jeudi 3 décembre 2026 10:12\nÀ : Pierre\nObjet : Offre\n\nnon merci'],
    ['Outlook EN rule', 'Sounds good.\n\n________________________________\nFrom: Camille\nSent: Thursday\n\nno thanks'],
    ['Original message', "Avec plaisir.\n-----Message d'origine-----\nDe : Camille\nnon merci"],
    ['Apple Mail', 'Avec plaisir.\n\nEnvoyé de mon iPhone\n\n> Le 8 déc. 2026 à 14:03, Camille <c@a.fr> a écrit :\n>\n> non merci'],
  ])('%s: the quote is not new text', (_name, text) => {
    const { newText, quotedText } = splitReply(text);
    expect(newText).toMatch(/^(Avec plaisir\.|Sounds good\.)$/);
    expect(quotedText.toLowerCase()).toMatch(/non merci|no thanks/);
  });

  it('drops mobile and Outlook signatures', () => {
    expect(splitReply('Oui.\n\nEnvoyé de mon iPhone').newText).toBe('Oui.');
    expect(splitReply('Yes.\n\nGet Outlook for Android').newText).toBe('Yes.');
  });
});
