import { fill, prompt } from '../../../prompts';
import type { WorkspaceProfile } from '../../../identity/profile';
import type { LeadFacts } from '../../../crm/lead-facts';
import { chooseTool } from '../../../graph/model/structured';
import { ModelUnavailableError, type ChatModel, type ModelMessage } from '../../../graph/model/types';
import { leadFactsForPrompt } from '../../../crm/lead-facts';
import { LanguageSchema } from '../../../lib/language';
import { sendEmail } from '../../../tools/outbound';
import type { Draft } from '../state';
import type { LeadDraftStateType, LeadDraftUpdate, LeadTask } from '../state';
import { composeOffline } from './compose-offline';
import type { Language } from '../../../lib/language';

/** A stable system prompt per workspace and language: the cacheable prefix of every draft call. */
export function drafterSystem(profile: WorkspaceProfile, lang: Language): string {
  const p = prompt('drafter', lang);
  const none = lang === 'fr' ? '(non renseigné)' : '(not set)';
  return fill(p.system, {
    workspaceName: profile.name,
    tone: profile.tone ?? none,
    offer: profile.offer ?? none,
    formality: profile.formality,
    signature: profile.signature?.trim() || profile.legalName || profile.name,
  });
}

export function drafterMessages(
  task: LeadTask,
  facts: LeadFacts,
  examples: { subject: string; body: string }[],
  revision: { subject: string; body: string; notes: string[] } | null,
): ModelMessage[] {
  const p = prompt('drafter', task.language);
  const parts = [fill(p.parts.facts, { facts: JSON.stringify(leadFactsForPrompt(facts, task.language)) })];
  if (examples.length) parts.push(fill(p.parts.examples, { examples: examples.map((e, i) => `#${i + 1}\n${e.subject}\n${e.body}`).join('\n\n') }));
  if (revision) parts.push(fill(p.parts.revision, { subject: revision.subject, body: revision.body, notes: revision.notes.map((n) => `- ${n}`).join('\n') }));
  parts.push(fill(p.parts.task, { personId: task.personId }));
  return [
    { role: 'system', content: drafterSystem(task.profile, task.language) },
    { role: 'user', content: parts.join('\n\n') },
  ];
}

// the model's send_email is the registry's tool (the gate's email proposal), narrowed to what a draft says
const SEND_EMAIL = {
  send_email: {
    description: 'Queue the email for the owner’s approval (it is never sent directly).',
    schema: sendEmail.input.pick({ personId: true, subject: true, body: true }).extend({ language: LanguageSchema }).strict(),
  },
};

async function composeWithModel(
  model: ChatModel,
  task: LeadTask,
  facts: LeadFacts,
  examples: { subject: string; body: string }[],
  revision: { subject: string; body: string; notes: string[] } | null,
): Promise<Draft> {
  const result = await chooseTool(
    model,
    { purpose: 'draft', messages: drafterMessages(task, facts, examples, revision), toolChoice: { name: 'send_email' }, temperature: 0.7 },
    SEND_EMAIL,
    // the only lead this call may write to is the task's: an injected "email everyone" fails here
    (r) =>
      r.args.personId !== task.personId
        ? `personId must be "${task.personId}", the prospect of this task`
        : r.args.language !== task.language
          ? `language must be "${task.language}"`
          : null,
  );
  return { subject: result.args.subject, body: result.args.body, language: task.language };
}

/** Write (or rewrite) the draft: model when configured, phrase banks offline. */
export function composeNode(model: ChatModel | null) {
  return async (state: LeadDraftStateType): Promise<LeadDraftUpdate> => {
    const { task, facts, review, draft } = state;
    if (!facts) throw new Error('compose without facts');
    const round = state.round + 1;
    const reviewerNotes = review?.verdict === 'revise' ? review.notes.map((n) => n.message) : [];
    // a sendBack starts from the rejected version with the owner's and the reviewer's notes
    const base = draft ?? (task.previous ? { subject: task.previous.subject, body: task.previous.body } : null);
    const notes = [...task.humanNotes, ...(draft ? reviewerNotes : (task.previous?.notes ?? []))];
    const revision = base && notes.length ? { subject: base.subject, body: base.body, notes } : null;
    const seed = `${task.requestId}:${task.personId}`;
    const offlineRevision = round > 1 || task.previous ? { attempt: round + (task.previous ? 1 : 0), notes: review?.notes ?? [], humanNotes: task.humanNotes } : undefined;
    const offline = () => composeOffline(facts, task.profile, task.language, seed, offlineRevision);
    if (!model) return { draft: offline(), round };
    try {
      return { draft: await composeWithModel(model, task, facts, state.examples, revision), round };
    } catch (err) {
      // the model is not answering: the offline teammate writes this one, and the draft says so
      if (!(err instanceof ModelUnavailableError)) throw err;
      return { draft: offline(), round, draftedOffline: true };
    }
  };
}
