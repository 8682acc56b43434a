import type { Draft } from '../../agents/drafter/state';

// Clean drafts written by hand (not by the offline templates), as a careful owner would:
// the reviewer must let them through. Indexed to the sample leads (graph/testing/leads.ts).
export const HANDWRITTEN: { lead: number; draft: Draft }[] = [
  {
    lead: 0,
    draft: {
      language: 'fr',
      subject: 'Éclairage de vos chantiers de peinture à Lyon',
      body: `Bonjour Jean Dupont,

Je vous écris car Lyon Bati Renovation réalise des travaux de peinture et vitrerie à Lyon, et c’est précisément le type d’entreprise avec lequel nous travaillons.

Chez Atelier Lumière, nous installons des éclairages LED sur mesure pour les artisans et les commerces. Un bon éclairage change beaucoup de choses au moment de livrer un chantier de finition.

Auriez-vous un moment la semaine prochaine pour en parler au téléphone ? Un simple retour à ce message me suffit pour vous appeler au moment qui vous arrange.

Bien cordialement,
Marie Lefèvre
Gérante – Atelier Lumière
04 78 00 00 00`,
    },
  },
  {
    lead: 1,
    draft: {
      language: 'fr',
      subject: 'Rénov’Confort et l’éclairage sur mesure',
      body: `Bonjour Madame Girard,

En tant que gérante de Rénov’Confort, à Villeurbanne, vous savez combien la menuiserie bois et PVC demande de précision, jusque dans la mise en valeur du travail fini.

Atelier Lumière installe des éclairages LED sur mesure pour les artisans et les commerces. Nous pourrions regarder ensemble si cela a du sens pour votre atelier ou vos réalisations.

Seriez-vous disponible pour un court échange dans les jours qui viennent ?

Je vous prie d’agréer, Madame Girard, l’expression de mes salutations distinguées.
Marie Lefèvre
Gérante – Atelier Lumière
04 78 00 00 00`,
    },
  },
  {
    lead: 3,
    draft: {
      language: 'fr',
      subject: 'Une question pour le Cabinet Fourvière Expertise',
      body: `Bonjour Claire Moreau,

Je me permets de vous contacter au sujet du Cabinet Fourvière Expertise, créé en 2004 à Lyon. Avec une équipe de 20 à 49 salariés, vos bureaux accueillent sans doute clients et collaborateurs toute la journée.

Nous installons des éclairages LED sur mesure pour les artisans et les commerces, et nous travaillons aussi pour des bureaux. Je serais curieuse de savoir si l’éclairage de vos locaux vous donne satisfaction.

Pourriez-vous m’indiquer un créneau pour en discuter quelques minutes ?

Cordialement,
Marie Lefèvre
Gérante – Atelier Lumière
04 78 00 00 00`,
    },
  },
  {
    lead: 4,
    draft: {
      language: 'fr',
      subject: 'Prise de contact – Immobilière des Brotteaux',
      body: `Madame, Monsieur,

Votre agence, Immobilière des Brotteaux, fait partie des agences immobilières de Lyon que nous aimerions rencontrer.

Atelier Lumière installe des éclairages LED sur mesure pour les artisans et les commerces. Une vitrine bien éclairée, le soir, attire l’œil des passants et met vos annonces en valeur.

Si le sujet vous intéresse, il vous suffit de répondre à ce message et je vous proposerai un rendez-vous.

Avec mes salutations distinguées,
Marie Lefèvre
Gérante – Atelier Lumière
04 78 00 00 00`,
    },
  },
  {
    lead: 6,
    draft: {
      language: 'en',
      subject: 'Lighting for Toitures Monplaisir',
      body: `Dear Julie Perrin,

I am getting in touch because Toitures Monplaisir has been roofing in Lyon since 1998, and a team of 10 to 19 employees is exactly the kind of business we enjoy working with.

At Atelier Lumière, we design and fit made-to-measure LED lighting for tradespeople and shops. It might be worth a look for your workshop or your offices.

Would you have ten minutes for a call next week? Just reply to this message and I will work around your schedule.

Kind regards,
Marie Lefèvre
Gérante – Atelier Lumière
04 78 00 00 00`,
    },
  },
  {
    lead: 11,
    draft: {
      language: 'en',
      subject: 'A short introduction from Atelier Lumière',
      body: `Dear Lucas Rousseau,

I came across Nantes Immo Conseil while looking at estate agencies in Nantes, and I thought you might be interested in what we do.

Atelier Lumière installs made-to-measure LED lighting for tradespeople and shops. For an agency, good lighting makes a window display stand out in the evening and shows properties at their best.

Could we arrange a short call at a time that suits you?

Best regards,
Marie Lefèvre
Gérante – Atelier Lumière
04 78 00 00 00`,
    },
  },
];
