import type { CrmCtx } from '../../../crm/context';
import type { Db } from '../../../db/connection';
import type { JobQueue } from '../../../db/jobs/queue';
import { draftToolCallId, type OutboundGate } from '../../../graph/outbound';
import { loadLeadFacts } from '../../../crm/lead-facts';
import { similarStyleExamples } from '../../../graph/store/style-examples';
import { leadContext } from '../lead-context';
import type { LeadDraftStateType, LeadDraftUpdate } from '../state';
import { skippedOutcome } from '../outcome';

/**
 * The lead's facts (read by the fan-out, or fresh here), and the closest approved drafts. A
 * lead whose draft the gate already holds for this request (a run resumed after a restart)
 * is not drafted again: its action is the outcome.
 */
export function loadContextNode(db: Db, jobs: JobQueue, gate: OutboundGate, k: number) {
  return async (state: LeadDraftStateType): Promise<LeadDraftUpdate> => {
    const { task } = state;
    if (!task.previous) {
      const ctx: CrmCtx = { db: db.kysely, jobs, workspaceId: task.workspaceId, actor: { type: 'teammate', id: 'drafter' } };
      const origin = { teammate: 'drafter' as const, runId: task.runId, threadId: task.threadId, toolCallId: draftToolCallId(task.requestId, task.personId) };
      const queued = await gate.findQueued(ctx, origin);
      if (queued) {
        const { actionId, status, subject, body, passed, notes } = queued;
        return {
          outcome: {
            personId: task.personId,
            requestId: task.requestId,
            status: passed ? 'queued' : 'needs_attention',
            actionId,
            actionStatus: status,
            subject,
            body,
            language: task.language,
            rounds: 0,
            notes,
            error: null,
          },
        };
      }
    }
    const facts = task.facts ?? (await loadLeadFacts(db.kysely, task.workspaceId, [task.personId])).get(task.personId) ?? null;
    if (!facts) return { facts: null, outcome: skippedOutcome(task, 'failed', 'lead not found in this workspace') };
    if (facts.optedOut) return { facts, outcome: skippedOutcome(task, 'skipped', 'opted out of prospecting') };
    // the gate needs an address: no draft is spent on a lead nobody can receive
    if (!facts.email) return { facts, outcome: skippedOutcome(task, 'no_email', 'no email address') };
    const examples = task.styleExamples ? await similarStyleExamples(db, task.workspaceId, task.language, leadContext(facts), k) : [];
    return { facts, examples, round: 0 };
  };
}
