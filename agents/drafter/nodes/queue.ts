import type { CrmCtx } from '../../../crm/context';
import type { Db } from '../../../db/connection';
import type { JobQueue } from '../../../db/jobs/queue';
import { draftToolCallId, type OutboundGate, type ProposeEmail } from '../../../graph/outbound';
import type { LeadDraftStateType, LeadDraftUpdate } from '../state';
import { replies } from '../../../prompts';

/**
 * The final draft as an outbound `send_email` call, intercepted into an action: pending
 * approval when review passed, flagged needs attention (with the notes) when it did not.
 * The person is always the task's, whatever the draft says. The action is the record (its
 * origin names the run and thread, its reviewer report the notes): nothing else is written.
 */
export function queueNode(db: Db, jobs: JobQueue, gate: OutboundGate) {
  return async (state: LeadDraftStateType): Promise<LeadDraftUpdate> => {
    const { task, draft, review } = state;
    if (!draft || !review) throw new Error('queue without a reviewed draft');
    const ctx: CrmCtx = { db: db.kysely, jobs, workspaceId: task.workspaceId, actor: { type: 'teammate', id: 'drafter' } };
    // a draft the model's reviewer could not read is queued flagged, never as passed
    const passed = review.verdict === 'pass' && !review.notes.some((n) => n.code === 'unreviewed');
    const notes = [...(state.draftedOffline ? [replies(task.language).draftedOffline] : []), ...review.notes.map((n) => n.message)];
    const proposal: ProposeEmail = {
      personId: task.personId,
      subject: draft.subject,
      body: draft.body,
      language: task.language,
      origin: { teammate: 'drafter', runId: task.runId, threadId: task.threadId, toolCallId: draftToolCallId(task.requestId, task.personId) },
      reviewer: { verdict: passed ? 'pass' : 'revise', notes },
    };
    const { personId: _person, ...revision } = proposal;
    const action = task.previous ? await gate.reviseEmail(ctx, task.previous.actionId, { ...revision, humanNotes: task.humanNotes }) : await gate.proposeEmail(ctx, proposal);
    const status = passed ? 'queued' : 'needs_attention';
    return {
      outcome: {
        personId: task.personId,
        requestId: task.requestId,
        status,
        actionId: action.actionId,
        actionStatus: action.status,
        subject: draft.subject,
        body: draft.body,
        language: task.language,
        rounds: state.round,
        notes,
        error: null,
      },
    };
  };
}
