import type { LangGraphRunnableConfig } from '@langchain/langgraph';
import { createDrafterRunner } from '../../drafter/graph';
import { skippedOutcome } from '../../drafter/outcome';
import type { LeadOutcome } from '../../drafter/state';
import { DEFAULT_MAX_ROUNDS, DEFAULT_STYLE_EXAMPLES, type RunScope, type TeammateDeps } from '../../../graph/deps';
import { upsertLeadDraft } from '../../../graph/store/lead-drafts';
import type { SupervisorStateType, SupervisorUpdate } from '../state';

/**
 * One Send target per lead: runs the drafter ⇄ reviewer steps for it. A lead that fails is
 * recorded as failed with its reason; it never takes the other leads down with it.
 */
export function draftLeadNode(deps: TeammateDeps, run: RunScope) {
  const drafter = createDrafterRunner({
    db: deps.db,
    jobs: deps.jobs,
    model: run.model,
    gate: deps.gate,
    emit: run.emit,
    maxRounds: deps.maxRounds ?? DEFAULT_MAX_ROUNDS,
    styleExamples: deps.styleExamples ?? DEFAULT_STYLE_EXAMPLES,
  });
  let done = 0;
  return async (input: SupervisorStateType, config: LangGraphRunnableConfig): Promise<SupervisorUpdate> => {
    const task = input.task;
    if (!task) throw new Error('draftLead needs a task');
    let outcome: LeadOutcome;
    try {
      outcome = (await run.leadSlots.run(() => drafter(task, config.signal), config.signal)) ?? skippedOutcome(task, 'failed', 'no outcome');
    } catch (err) {
      // a stopping process is not a failed lead: let LangGraph leave the task to the resume
      if (config.signal?.aborted) throw err;
      const reason = err instanceof Error ? err.message : String(err);
      run.log.warn({ personId: task.personId, err: reason }, 'draft failed');
      outcome = skippedOutcome(task, 'failed', reason);
      await upsertLeadDraft(deps.db.kysely, {
        workspaceId: task.workspaceId,
        requestId: task.requestId,
        personId: task.personId,
        actionId: null,
        runId: run.runId,
        status: 'failed',
        language: task.language,
        rounds: 0,
        notes: [reason],
      }).catch(() => undefined);
    }
    done++;
    const total = input.leads?.targets.length ?? 0;
    // "drafts m/n" about ten times a batch, not once per lead
    if (done === total || done % Math.max(1, Math.floor(total / 10)) === 0) await run.emit('draft_progress', { done, total, status: outcome.status });
    return { outcomes: [outcome] };
  };
}
