import type { Replies, RunSummary } from './types';

const s = (n: number, one: string, many: string) => (n > 1 ? many : one);
const modeNote = (r: RunSummary) => (r.mode === 'offline' ? ' (coéquipier hors ligne : rédaction par modèles de phrases, relecture par règles)' : '');

function drafts(r: RunSummary): string {
  if (!r.draftRequested) return 'Comme demandé, je n’ai rédigé aucun e-mail.';
  const parts: string[] = [];
  if (r.queued > 0) parts.push(`${r.queued} ${s(r.queued, 'brouillon attend', 'brouillons attendent')} votre validation dans la Bibliothèque.`);
  for (const a of r.autoApproved) {
    const by = a.rule ? `par la règle « ${a.rule} »` : 'par une règle d’approbation automatique';
    parts.push(`${a.count} ${s(a.count, 'e-mail approuvé', 'e-mails approuvés')} ${by} : ${s(a.count, 'il part', 'ils partent')} sans attendre votre validation.`);
  }
  if (r.needsAttention > 0)
    parts.push(
      `${r.needsAttention} ${s(r.needsAttention, 'brouillon n’a', 'brouillons n’ont')} pas passé la relecture : ${s(r.needsAttention, 'il est marqué', 'ils sont marqués')} « à vérifier », avec les remarques.`,
    );
  if (r.alreadyDrafted > 0) parts.push(`${r.alreadyDrafted} ${s(r.alreadyDrafted, 'prospect avait', 'prospects avaient')} déjà un brouillon en attente : je n’en ai pas refait.`);
  if (r.noEmail > 0)
    parts.push(
      `${r.noEmail} ${s(r.noEmail, 'prospect n’a', 'prospects n’ont')} pas d’adresse e-mail : ajoutez-la dans ${s(r.noEmail, 'sa fiche', 'leur fiche')}, puis demandez-moi d’écrire aux prospects pas encore contactés.`,
    );
  if (r.optedOut > 0) parts.push(`${r.optedOut} ${s(r.optedOut, 'prospect s’est opposé', 'prospects se sont opposés')} à la prospection : je ne leur écris pas.`);
  if (r.failed > 0) parts.push(`${r.failed} ${s(r.failed, 'brouillon n’a', 'brouillons n’ont')} pas pu être rédigé${s(r.failed, '', 's')} : ${r.failures.join(' ; ')}.`);
  if (parts.length === 0) parts.push('Aucun brouillon à rédiger.');
  if (r.voiceIncomplete && r.queued + r.needsAttention > 0) parts.push('Pour des brouillons à votre image, décrivez votre offre et votre signature dans Paramètres.');
  // with a rule in force the promise is narrower: say exactly what it still covers
  parts.push(r.autoApproved.length > 0 ? 'Rien d’autre ne part sans votre accord.' : 'Rien ne part sans votre accord.');
  return parts.join(' ');
}

export const repliesFr: Replies = {
  prospect: (r) =>
    r.found === 0
      ? `Je n’ai trouvé aucune entreprise pour « ${r.query} ».${modeNote(r)}`
      : `J’ai trouvé ${r.found} ${s(r.found, 'entreprise', 'entreprises')} pour « ${r.query} » : ${r.created} ${s(r.created, 'nouveau prospect', 'nouveaux prospects')}, ${r.known} déjà ${s(r.known, 'connu', 'connus')}. ${drafts(r)}${modeNote(r)}`,
  segment: (r) =>
    r.found === 0
      ? `Aucun prospect du CRM ne correspond à « ${r.query} ».${modeNote(r)}`
      : `${r.found} ${s(r.found, 'prospect correspond', 'prospects correspondent')} à « ${r.query} ». ${drafts(r)}${modeNote(r)}`,
  clarify: {
    missingPlace: 'Dans quelle ville, quel département ou quelle région dois-je chercher ?',
    missingSector: 'Quel secteur d’activité visez-vous (par exemple : rénovation, expertise comptable, agences immobilières) ?',
    unclear:
      'Je n’ai pas bien compris : voulez-vous que je trouve de nouveaux prospects, que j’écrive à des prospects déjà dans le CRM, ou que je réponde à une question sur vos affaires ?',
    empty: 'Que puis-je faire pour vous ?',
  },
  ask: {
    dealsInStage: (n, stage, amount) => `Vous avez ${n} ${s(n, 'affaire', 'affaires')} en « ${stage} »${n > 0 ? `, pour un montant total de ${amount}` : ''}.`,
    dealsOpen: (n, amount) => `Vous avez ${n} ${s(n, 'affaire ouverte', 'affaires ouvertes')}${n > 0 ? `, pour un montant total de ${amount}` : ''}.`,
    leads: (n) => `Vous avez ${n} ${s(n, 'prospect', 'prospects')} dans le CRM.`,
    contacts: (n) => `Vous avez ${n} ${s(n, 'contact', 'contacts')} dans le CRM.`,
    companies: (n) => `Le CRM compte ${n} ${s(n, 'entreprise', 'entreprises')}.`,
    drafts: (n) => `${n} ${s(n, 'brouillon attend', 'brouillons attendent')} votre validation.`,
    unknown:
      'Je ne sais pas encore répondre à cette question hors ligne. Je peux compter vos affaires par étape, vos prospects, vos contacts, vos entreprises et les brouillons en attente.',
  },
  revised: (subject, status) =>
    `J’ai révisé le brouillon « ${subject} » selon vos remarques (${status === 'approved' ? 'approuvé par une règle d’approbation automatique : il part sans attendre votre validation' : status === 'needs_attention' ? 'à vérifier' : 'en attente de validation'}).`,
  failed: (reason) => `Je n’ai pas pu terminer : ${reason}`,
  degraded: 'Le modèle ne répondait plus : j’ai terminé avec le coéquipier hors ligne. Relisez ces brouillons avec attention.',
  reasons: {
    modelUnavailable: 'le fournisseur du modèle ne répond pas pour le moment.',
    modelInvalid: 'le modèle n’a pas donné de réponse exploitable.',
    interrupted: 'le travail a été interrompu ; il reprendra de lui-même.',
    internal: 'une erreur interne est survenue ; elle a été consignée.',
  },
  draftedOffline: 'Rédigé hors ligne : le modèle ne répondait pas.',
  unreviewed: 'Relu par les vérifications automatiques seulement : le modèle ne répondait pas.',
};
