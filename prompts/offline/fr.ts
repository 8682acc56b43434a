import type { OfflineBank } from './types';

// Written with ordinary spaces and straight apostrophes: the composer applies French
// typography (espaces insécables, apostrophes typographiques) to the template text only,
// never to the lead's own names. Neutral in gender: the sender's is unknown.
export const offlineFr: OfflineBank = {
  id: 'offline.fr@1',
  greeting: { named: 'Bonjour {fullName},', civility: 'Bonjour {civility} {lastName},', generic: 'Madame, Monsieur,' },
  civility: { madame: 'Madame', monsieur: 'Monsieur' },
  genericAddressee: 'Madame, Monsieur',
  subjects: [
    { text: '{company} : une proposition de {workspace}', needs: ['company', 'workspace'] },
    { text: 'Prise de contact – {company}', needs: ['company'] },
    { text: 'Une idée pour {company}', needs: ['company'] },
    { text: '{workspace} et {company}', needs: ['company', 'workspace'] },
    { text: 'Votre activité à {city}', needs: ['city'] },
    { text: "Proposition d'échange – {company}", needs: ['company'] },
    { text: "Question pour l'équipe de {company}", needs: ['company'] },
  ],
  shortSubjects: [{ text: 'Prise de contact' }, { text: "Proposition d'échange" }, { text: 'Une question sur votre activité' }],
  openings: [
    { text: "Je me permets de vous écrire au sujet de {company}, dont l'activité « {activity} » à {city} a retenu mon attention.", needs: ['company', 'activity', 'city'] },
    { text: "{company} exerce à {city} dans le secteur « {activity} » : c'est ce qui m'amène à vous contacter aujourd'hui.", needs: ['company', 'activity', 'city'] },
    { text: "En m'intéressant aux entreprises du secteur « {activity} » à {city}, j'ai découvert {company}.", needs: ['company', 'activity', 'city'] },
    { text: 'Je vous contacte car {company} fait partie des entreprises de {city} avec lesquelles nous aimerions travailler.', needs: ['company', 'city'] },
    { text: "Votre entreprise, {company}, m'a semblé correspondre à ce que nous proposons aux professionnels du secteur « {activity} ».", needs: ['company', 'activity'] },
    { text: "Je m'adresse à vous en votre qualité de {role} de {company}.", needs: ['company', 'role'] },
    { text: 'Je me permets de vous écrire au sujet de {company}.', needs: ['company'] },
    { text: 'Je me permets de vous contacter directement.' },
  ],
  facts: [
    { text: 'Créée en {year}, votre entreprise a déjà fait ses preuves.', needs: ['year'] },
    { text: 'Pour une structure de {headcount}, il est essentiel de pouvoir compter sur des partenaires fiables.', needs: ['headcount'] },
    { text: 'Depuis {year}, {company} exerce son métier au quotidien, et vous savez mieux que personne ce qui compte pour vos clients.', needs: ['year', 'company'] },
  ],
  offer: [
    { text: 'Chez {workspace}, voici ce que nous faisons : {offerLc}', needs: ['workspace', 'offerLc'] },
    { text: 'En deux mots : {offerLc}', needs: ['offerLc'] },
    { text: 'Pour nous présenter brièvement : {offerLc}', needs: ['offerLc'] },
    { text: '{offer}', needs: ['offer'] },
  ],
  noOffer: [
    { text: "J'aimerais vous présenter en quelques minutes ce que {workspace} pourrait vous apporter.", needs: ['workspace'] },
    { text: "J'aimerais vous présenter brièvement notre démarche." },
  ],
  interest: [
    { text: "Il me semble que nous pourrions vous être utiles, et j'aimerais en discuter avec vous." },
    { text: 'Mon objectif est simple : comprendre vos priorités du moment et voir si nous pouvons vous faciliter la tâche.' },
    { text: "Plutôt qu'un long discours, je préfère vous écouter et voir si notre approche a du sens pour vous." },
    { text: 'Si ce sujet fait partie de vos préoccupations, un échange pourrait vous être utile.' },
  ],
  ctas: [
    { text: 'Seriez-vous disponible pour un court échange téléphonique dans les prochains jours ?' },
    { text: 'Accepteriez-vous un rendez-vous de quelques minutes, au moment qui vous conviendra ?' },
    { text: "Si le sujet vous intéresse, il vous suffit de répondre à ce message : je m'adapterai à vos disponibilités." },
    { text: 'Puis-je vous appeler la semaine prochaine pour en parler de vive voix ?' },
    { text: "Je vous propose d'en discuter lors d'un court appel ; dites-moi simplement quel créneau vous arrange." },
  ],
  closings: [
    { text: "Je vous remercie de votre attention et vous prie d'agréer, {addressee}, l'expression de mes salutations distinguées.", needs: ['addressee'] },
    { text: "Dans l'attente de votre retour, je vous souhaite une excellente journée.\n\nBien cordialement," },
    { text: 'Je vous remercie par avance de votre réponse.\n\nCordialement,' },
    { text: "Au plaisir d'échanger avec vous.\n\nBien à vous," },
    { text: 'Je vous remercie pour votre attention.\n\nSincères salutations,' },
  ],
};
