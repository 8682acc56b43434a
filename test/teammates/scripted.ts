import { composeOffline } from '../../agents/drafter/nodes/compose-offline';
import type { WorkspaceProfile } from '../../identity/profile';
import type { LeadFacts } from '../../crm/lead-facts';
import type { ScriptedReply } from './scripted-model';
import type { ModelRequest } from '../../graph/model/types';

// Replies a scripted (or simulated) model gives: it reads the real prompts the teammates send.

type PromptFacts = {
  personId: string;
  dirigeant: { firstName: string | null; lastName: string | null; role: string | null; civility: 'madame' | 'monsieur' | null } | null;
  company: { name: string; activity: string | null; city: string | null; headcount: string | null; creationYear: number | null } | null;
};

/** The lead facts JSON the drafter prompt carries (first line after the facts heading). */
export function promptFacts(req: ModelRequest): PromptFacts {
  const user = req.messages.find((m) => m.role === 'user');
  const text = user && 'content' in user ? (user.content ?? '') : '';
  const line = text.split('\n').find((l) => l.startsWith('{"personId"'));
  if (!line) throw new Error('no facts in the drafter prompt');
  return JSON.parse(line) as PromptFacts;
}

export function userText(req: ModelRequest): string {
  return req.messages
    .filter((m) => m.role === 'user' || m.role === 'tool')
    .map((m) => ('content' in m ? (m.content ?? '') : ''))
    .join('\n');
}

/** A well-behaved drafter: a careful letter from the prompt's facts, through send_email. */
export function goodDraft(profile: WorkspaceProfile) {
  return (req: ModelRequest): ScriptedReply => {
    const f = promptFacts(req);
    const lang = userText(req).includes('Prospect data') ? 'en' : 'fr';
    const facts: LeadFacts = {
      personId: f.personId,
      firstName: f.dirigeant?.firstName ?? '',
      lastName: f.dirigeant?.lastName ?? '',
      role: f.dirigeant?.role ?? null,
      civility: f.dirigeant?.civility ?? null,
      email: null,
      optedOut: false,
      company: f.company
        ? {
            id: '',
            name: f.company.name,
            activity: f.company.activity,
            nafCode: null,
            city: f.company.city,
            postcode: null,
            headcountBand: f.company.headcount,
            creationYear: f.company.creationYear,
          }
        : null,
    };
    const d = composeOffline(facts, profile, lang, `model:${f.personId}:${req.messages.length}`);
    return { tool: 'send_email', args: { personId: f.personId, subject: d.subject, body: d.body, language: lang } };
  };
}

export const passReview: ScriptedReply = { content: '{"verdict":"pass","notes":[]}' };
export const reviseReview: ScriptedReply = { content: '{"verdict":"revise","notes":["Le deuxième paragraphe flatte trop le prospect."]}' };
