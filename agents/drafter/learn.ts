import type { Approved } from '../../actions/jobs';
import { loadLeadFacts } from '../../crm/lead-facts';
import { findAction } from '../../db/repositories/actions';
import type { TeammateDeps } from '../../graph/deps';
import { recordStyleExample } from '../../graph/store/style-examples';
import { isLanguage } from '../../lib/language';
import { leadContext } from './lead-context';

// What the drafter learns from the owner's approvals: an approved draft (edited or not) becomes
// a style example for the next drafts to similar leads.

/** Keeps one approved drafter email as a style example; false when it is not one. */
export async function recordApproved(deps: Pick<TeammateDeps, 'db'>, workspaceId: string, actionId: string, edited: boolean): Promise<boolean> {
  const a = await findAction(deps.db.kysely, workspaceId, actionId);
  if (a?.kind !== 'email' || a.teammate !== 'drafter' || !a.person_id) return false;
  const payload = (a.approved_payload ?? a.current_payload) as { subject?: string; body?: string; language?: unknown };
  if (!payload.subject || !payload.body) return false;
  const facts = (await loadLeadFacts(deps.db.kysely, workspaceId, [a.person_id])).get(a.person_id);
  const language = isLanguage(payload.language) ? payload.language : 'fr';
  await recordStyleExample(deps.db, { workspaceId, actionId, language, subject: payload.subject, body: payload.body, edited, context: facts ? leadContext(facts) : '' });
  return true;
}

export async function learnFromApproval(deps: Pick<TeammateDeps, 'db'>, lesson: Approved): Promise<number> {
  let n = 0;
  for (const id of lesson.actionIds) if (await recordApproved(deps, lesson.workspaceId, id, lesson.edited)) n++;
  return n;
}
