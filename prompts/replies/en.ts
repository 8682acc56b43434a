import type { Replies, RunSummary } from './types';

const s = (n: number, one: string, many: string) => (n === 1 ? one : many);
const modeNote = (r: RunSummary) => (r.mode === 'offline' ? ' (offline teammate: template drafting, rule-based review)' : '');

function drafts(r: RunSummary): string {
  if (!r.draftRequested) return 'As asked, I wrote no email.';
  const parts: string[] = [];
  if (r.queued > 0) parts.push(`${r.queued} ${s(r.queued, 'draft is', 'drafts are')} waiting for your approval in the Library.`);
  for (const a of r.autoApproved) {
    const by = a.rule ? `by the rule "${a.rule}"` : 'by an auto-approve rule';
    parts.push(`${a.count} ${s(a.count, 'email', 'emails')} approved ${by}: ${s(a.count, 'it leaves', 'they leave')} without waiting for your approval.`);
  }
  if (r.needsAttention > 0)
    parts.push(
      `${r.needsAttention} ${s(r.needsAttention, 'draft', 'drafts')} did not pass review and ${s(r.needsAttention, 'is', 'are')} flagged "needs attention", with the notes.`,
    );
  if (r.alreadyDrafted > 0) parts.push(`${r.alreadyDrafted} ${s(r.alreadyDrafted, 'lead', 'leads')} already had a pending draft: I did not write another.`);
  if (r.noEmail > 0)
    parts.push(`${r.noEmail} ${s(r.noEmail, 'lead has', 'leads have')} no email address: add it to the record, then ask me to write to the leads not contacted yet.`);
  if (r.optedOut > 0) parts.push(`${r.optedOut} ${s(r.optedOut, 'lead has', 'leads have')} objected to prospecting: I do not write to them.`);
  if (r.failed > 0) parts.push(`${r.failed} ${s(r.failed, 'draft', 'drafts')} could not be written: ${r.failures.join('; ')}.`);
  if (parts.length === 0) parts.push('No draft to write.');
  if (r.voiceIncomplete && r.queued + r.needsAttention > 0) parts.push('For drafts that sound like you, describe your offer and your signature in Settings.');
  // with a rule in force the promise is narrower: say exactly what it still covers
  parts.push(r.autoApproved.length > 0 ? 'Nothing else is sent without your OK.' : 'Nothing is sent without your OK.');
  return parts.join(' ');
}

export const repliesEn: Replies = {
  prospect: (r) =>
    r.found === 0
      ? `I found no company for "${r.query}".${modeNote(r)}`
      : `I found ${r.found} ${s(r.found, 'company', 'companies')} for "${r.query}": ${r.created} new ${s(r.created, 'lead', 'leads')}, ${r.known} already known. ${drafts(r)}${modeNote(r)}`,
  segment: (r) =>
    r.found === 0 ? `No lead in the CRM matches "${r.query}".${modeNote(r)}` : `${r.found} ${s(r.found, 'lead matches', 'leads match')} "${r.query}". ${drafts(r)}${modeNote(r)}`,
  clarify: {
    missingPlace: 'Which city, département or region should I search in?',
    missingSector: 'Which line of business are you targeting (for example: renovation, accountants, estate agents)?',
    unclear: 'I did not quite get that: should I find new leads, write to leads already in the CRM, or answer a question about your deals?',
    empty: 'What can I do for you?',
  },
  ask: {
    dealsInStage: (n, stage, amount) => `You have ${n} ${s(n, 'deal', 'deals')} in "${stage}"${n > 0 ? `, worth ${amount} in total` : ''}.`,
    dealsOpen: (n, amount) => `You have ${n} open ${s(n, 'deal', 'deals')}${n > 0 ? `, worth ${amount} in total` : ''}.`,
    leads: (n) => `You have ${n} ${s(n, 'lead', 'leads')} in the CRM.`,
    contacts: (n) => `You have ${n} ${s(n, 'contact', 'contacts')} in the CRM.`,
    companies: (n) => `The CRM holds ${n} ${s(n, 'company', 'companies')}.`,
    drafts: (n) => `${n} ${s(n, 'draft is', 'drafts are')} waiting for your approval.`,
    unknown: 'I cannot answer that question offline yet. I can count your deals by stage, your leads, contacts, companies and the drafts waiting for approval.',
  },
  revised: (subject, status) =>
    `I revised the draft "${subject}" following your notes (${status === 'approved' ? 'approved by an auto-approve rule: it leaves without waiting for your approval' : status === 'needs_attention' ? 'needs attention' : 'waiting for approval'}).`,
  failed: (reason) => `I could not finish: ${reason}`,
  degraded: 'The model stopped answering: I finished with the offline teammate. Please read these drafts carefully.',
  reasons: {
    modelUnavailable: 'the model provider is not answering at the moment.',
    modelInvalid: 'the model gave no usable answer.',
    interrupted: 'the work was interrupted; it will resume on its own.',
    internal: 'an internal error occurred; it has been logged.',
  },
  draftedOffline: 'Drafted offline: the model was not answering.',
  unreviewed: 'Checked by the automatic checks only: the model was not answering.',
};
