import { composeOffline } from '../../agents/drafter/nodes/compose-offline';
import type { Draft } from '../../agents/drafter/state';
import type { Language } from '../../lib/language';
import type { LeadFacts } from '../../crm/lead-facts';
import { PROFILE, sampleLeads } from '../../test/teammates/leads';
import { HANDWRITTEN } from './handwritten';

// The review eval set: clean drafts (offline templates and hand-written ones) and the same
// drafts with one seeded defect each. A defect case counts as caught when the reviewer says
// "revise"; a clean case as a false alarm when it does.

export type ReviewCase = { id: string; kind: 'clean' | 'defect'; defect: string | null; lang: Language; facts: LeadFacts; draft: Draft };

type Defect = { name: string; lang: Language | 'any'; apply: (d: Draft, facts: LeadFacts, other: LeadFacts) => Draft };

const body =
  (fn: (b: string) => string) =>
  (d: Draft): Draft => ({ ...d, body: fn(d.body) });
/** insert a sentence after the greeting paragraph */
const insert = (sentence: string) => body((b) => b.replace(/\n\n/, `\n\n${sentence}\n\n`));
const greetingLine = (d: Draft) => d.body.split('\n')[0];

const DEFECTS: Defect[] = [
  {
    name: 'tutoiement',
    lang: 'fr',
    apply: body((b) =>
      b
        .replace(/\n\n([^\n]*)$/m, '\n\n$1')
        .replace(/(Bien cordialement|Cordialement|Sincères salutations|Bien à vous|Je vous remercie)/, 'Tu peux me répondre directement, je t’appelle dans la foulée.\n\n$1'),
    ),
  },
  { name: 'tutoiement mêlé au vouvoiement', lang: 'fr', apply: insert('N’hésite pas à me dire ce que tu en penses.') },
  { name: 'possessif de tutoiement', lang: 'fr', apply: insert('J’ai vu ton entreprise sur un annuaire professionnel.') },
  { name: 'chiffre inventé', lang: 'fr', apply: insert('Nous avons déjà équipé 150 artisans de la région.') },
  { name: 'pourcentage inventé', lang: 'fr', apply: insert('Nos clients réduisent leur facture d’électricité de 30 % en moyenne.') },
  { name: 'date inventée', lang: 'fr', apply: insert('Nous nous sommes croisés au salon du 12 mars dernier.') },
  { name: 'ancienneté inventée en lettres', lang: 'fr', apply: insert('Nous avons plus de vingt ans d’expérience dans ce domaine.') },
  { name: 'client inventé', lang: 'fr', apply: insert('C’est ce que nous avons fait pour Bouygues Construction à la Part-Dieu.') },
  {
    name: 'mauvais nom dans la salutation',
    lang: 'any',
    apply: (d, _facts, other) => ({
      ...d,
      body: d.body.replace(
        greetingLine(d),
        d.language === 'fr' ? `Bonjour ${other.firstName || 'Pierre'} ${other.lastName || 'Durand'},` : `Dear ${other.firstName || 'Peter'} ${other.lastName || 'Durand'},`,
      ),
    }),
  },
  {
    name: 'civilité devinée',
    lang: 'fr',
    apply: (d, facts) => ({
      ...d,
      body: d.body.replace(greetingLine(d), facts.civility === 'madame' ? `Bonjour Monsieur ${facts.lastName || 'Durand'},` : `Bonjour Madame ${facts.lastName || 'Durand'},`),
    }),
  },
  { name: 'mauvaise entreprise', lang: 'any', apply: insert('Je pense notamment à Menuiserie Dubreuil Frères et à ses chantiers.') },
  { name: 'crochet laissé', lang: 'any', apply: (d) => ({ ...d, body: d.body.replace(greetingLine(d), d.language === 'fr' ? 'Bonjour [Prénom] [Nom],' : 'Dear [First name],') }) },
  { name: 'variable de modèle', lang: 'any', apply: insert('{{company_name}} mérite un éclairage à sa mesure.') },
  { name: 'marqueur XXX', lang: 'fr', apply: insert('Notre tarif de départ est de XXX euros.') },
  { name: 'texte à compléter', lang: 'fr', apply: insert('Votre besoin principal : à compléter.') },
  { name: 'phrase anglaise dans un brouillon français', lang: 'fr', apply: insert('I would love to hear about your plans for this year and how we can help.') },
  { name: 'phrase française dans un brouillon anglais', lang: 'en', apply: insert('Nous serions ravis de vous rencontrer pour parler de vos projets.') },
  { name: 'salutation anglaise', lang: 'fr', apply: (d) => ({ ...d, body: d.body.replace(greetingLine(d), 'Dear Sir or Madam,') }) },
  { name: 'objet trop long', lang: 'any', apply: (d) => ({ ...d, subject: `${d.subject} – une proposition d’éclairage LED sur mesure pour toute votre équipe` }) },
  {
    name: 'message trop court',
    lang: 'any',
    apply: (d) => ({ ...d, body: `${greetingLine(d)}\n\n${d.language === 'fr' ? 'Un échange rapide vous tenterait-il ?' : 'Would a quick call suit you?'}\n\nMarie Lefèvre` }),
  },
  {
    name: 'message trop long',
    lang: 'any',
    apply: (d) => {
      const middle = d.body.split('\n\n').slice(1, -1).join('\n\n');
      let b = d.body;
      while (b.split(/\s+/).length < 320) b = b.replace(/\n\n/, `\n\n${middle}\n\n`);
      return { ...d, body: b };
    },
  },
  { name: 'deux liens', lang: 'any', apply: insert('Voir https://atelier-lumiere.example/realisations et https://atelier-lumiere.example/tarifs') },
  { name: 'vocabulaire de spam', lang: 'fr', apply: insert('Profitez de notre offre exceptionnelle : le diagnostic est gratuit.') },
  { name: 'spam en anglais', lang: 'en', apply: insert('Act now: this free offer is for a limited time.') },
  { name: 'majuscules criardes', lang: 'any', apply: (d) => ({ ...d, subject: `${d.subject.toUpperCase()}` }) },
  { name: 'points d’exclamation', lang: 'any', apply: (d) => insert(d.language === 'fr' ? 'Quelle belle entreprise !!' : 'What a great business!!')(d) },
  { name: 'pas de salutation', lang: 'any', apply: (d) => ({ ...d, body: d.body.split('\n').slice(2).join('\n') }) },
  { name: 'chiffre inventé (en)', lang: 'en', apply: insert('We have already fitted out 240 workshops across the region.') },
  { name: 'langue du brouillon', lang: 'any', apply: (d) => ({ ...d, language: d.language === 'fr' ? 'en' : 'fr' }) },
];

export function reviewCases(): ReviewCase[] {
  const leads = sampleLeads();
  const clean: ReviewCase[] = [];
  for (const [i, facts] of leads.entries()) {
    // French is the home market: two French wordings per lead, one English
    for (const [lang, seed] of [
      ['fr', 'a'],
      ['fr', 'b'],
      ['en', 'a'],
    ] as const) {
      clean.push({ id: `clean-${lang}-${seed}-${i}`, kind: 'clean', defect: null, lang, facts, draft: composeOffline(facts, PROFILE, lang, `eval:${seed}:${i}`) });
    }
  }
  for (const h of HANDWRITTEN) clean.push({ id: `hand-${h.draft.language}-${h.lead}`, kind: 'clean', defect: null, lang: h.draft.language, facts: leads[h.lead], draft: h.draft });

  const defects: ReviewCase[] = [];
  DEFECTS.forEach((defect, k) => {
    const bases = clean.filter((c) => defect.lang === 'any' || c.lang === defect.lang);
    // two different bases per defect, one of them hand-written when possible
    const picks = [bases[(k * 5) % bases.length], bases.find((b) => b.id.startsWith('hand') && b !== bases[(k * 5) % bases.length]) ?? bases[(k * 5 + 3) % bases.length]];
    picks.forEach((base, j) => {
      const other = leads[(leads.indexOf(base.facts) + 3) % leads.length];
      defects.push({ id: `defect-${k}-${j}`, kind: 'defect', defect: defect.name, lang: base.lang, facts: base.facts, draft: defect.apply(base.draft, base.facts, other) });
    });
  });
  return [...clean, ...defects];
}
