import { onActionEvent, type ActionEvent } from '../../actions/events';
import { findAction } from '../../db/repositories/actions';
import { leadContext } from './lead-context';
import type { TeammateDeps } from '../../graph/deps';
import { loadLeadFacts } from '../../crm/lead-facts';
import { reviseFromFeedback } from './revise';
import { pendingSendbacks, type PendingSendback } from '../../graph/store/sendbacks';
import { recordStyleExample } from '../../graph/store/style-examples';
import type { Language } from '../../lib/language';

// What the teammates learn from the owner's decisions: a sendBack wakes the drafter on that
// action; an approved draft (edited or not) becomes a style example for the next ones.

const inProgress = new Map<string, Promise<void>>();

/** One revision per action version at a time; a second request for it waits for the first. */
function revise(deps: TeammateDeps, r: { workspaceId: string; actionId: string; reason: string; version: number }): Promise<void> {
  const key = `${r.actionId}:${r.version}`;
  const running = inProgress.get(key);
  if (running) return running;
  const p = reviseFromFeedback(deps, r)
    .then(() => undefined)
    .catch((err: unknown) => deps.logger.warn({ actionId: r.actionId, err: err instanceof Error ? err.message : String(err) }, 'revision failed'))
    .finally(() => inProgress.delete(key));
  inProgress.set(key, p);
  return p;
}

export async function recordApproved(deps: TeammateDeps, workspaceId: string, actionId: string, edited: boolean): Promise<boolean> {
  const a = await findAction(deps.db.kysely, workspaceId, actionId);
  if (!a || a.kind !== 'email' || a.teammate !== 'drafter' || !a.person_id) return false;
  const payload = (a.approved_payload ?? a.current_payload) as { subject?: string; body?: string; language?: Language };
  if (!payload.subject || !payload.body) return false;
  const facts = (await loadLeadFacts(deps.db.kysely, workspaceId, [a.person_id])).get(a.person_id);
  await recordStyleExample(deps.db, { workspaceId, actionId, language: payload.language ?? 'fr', subject: payload.subject, body: payload.body, edited, context: facts ? leadContext(facts) : '' });
  return true;
}

/** Sendbacks recorded while no process listened (durable queue of the gate); `rows` if already read. */
export async function processPendingRevisions(deps: TeammateDeps, rows?: PendingSendback[]): Promise<number> {
  rows ??= await pendingSendbacks(deps.db.kysely);
  for (const r of rows) await revise(deps, { workspaceId: r.workspace_id, actionId: r.id, reason: r.reason ?? '', version: r.version });
  return rows.length;
}

export async function handleDecision(deps: TeammateDeps, e: ActionEvent): Promise<void> {
  if (e.type === 'revision_requested' && e.teammate === 'drafter') {
    await revise(deps, { workspaceId: e.workspaceId, actionId: e.actionId, reason: e.reason, version: e.version });
  } else if (e.type === 'decided' && e.status === 'approved') {
    for (const id of e.actionIds) await recordApproved(deps, e.workspaceId, id, e.edited);
  }
}

export function listenToDecisions(deps: TeammateDeps): () => void {
  return onActionEvent((e) => handleDecision(deps, e));
}
