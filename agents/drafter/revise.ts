import { findAction } from '../../db/repositories/actions';
import type { TeammateRun } from '../../db/tables/teammates';
import type { RunScope, TeammateDeps } from '../../graph/deps';
import { DEFAULT_MAX_ROUNDS, DEFAULT_STYLE_EXAMPLES } from '../../graph/deps';
import type { ProgramResult } from '../../graph/runner';
import { hasStyleExamples } from '../../graph/store/style-examples';
import { loadWorkspaceProfile } from '../../identity/profile';
import { isLanguage } from '../../lib/language';
import { replies } from '../../prompts';
import { buildDrafterGraph, initialLeadState } from './graph';
import { skippedOutcome } from './outcome';
import type { LeadTask } from './state';
import { RevisionRequestSchema } from './revision-queue';

// The feedback loop: an owner sends a teammate's draft back with a reason → a revision run (any
// worker, queued by revision-queue.ts) → the drafter writes a new version of the SAME action from the rejected text, the
// owner's reason and the reviewer's notes, the reviewer checks it again, and it goes back to
// the Library (history kept by the gate). One revision per (action, version), whatever retries.

/** The revision run: the drafter on the sent-back action, once. */
export async function revisionProgram(deps: TeammateDeps, run: TeammateRun, scope: RunScope, signal: AbortSignal): Promise<ProgramResult> {
  const db = deps.db.kysely;
  const req = RevisionRequestSchema.parse(run.input);
  const action = await findAction(db, req.workspaceId, req.actionId);
  if (!action?.person_id) throw new Error('the action to revise is gone');
  const payload = action.current_payload as { subject?: string; body?: string; language?: unknown };
  const language = isLanguage(payload.language) ? payload.language : 'fr';
  const say = replies(language);
  // already revised (a retried run) or decided meanwhile: nothing to write again
  if (action.version !== req.version || action.status !== 'draft') {
    return { status: 'succeeded', reply: null, result: { actionId: req.actionId, actionIds: [req.actionId], skipped: 'already revised' }, error: null };
  }
  const task: LeadTask = {
    workspaceId: req.workspaceId,
    requestId: run.request_id,
    runId: run.id,
    threadId: run.thread_id,
    personId: action.person_id,
    language,
    profile: await loadWorkspaceProfile(db, req.workspaceId),
    facts: null,
    styleExamples: await hasStyleExamples(db, req.workspaceId, language),
    humanNotes: req.reason ? [req.reason] : [],
    previous: { actionId: req.actionId, subject: payload.subject ?? '', body: payload.body ?? '', notes: (action.reviewer?.notes ?? []).filter((n) => !n.startsWith('owner: ')) },
  };
  const drafter = buildDrafterGraph({
    db: deps.db,
    jobs: deps.jobs,
    model: scope.model,
    gate: deps.gate,
    emit: scope.emit,
    maxRounds: deps.maxRounds ?? DEFAULT_MAX_ROUNDS,
    styleExamples: deps.styleExamples ?? DEFAULT_STYLE_EXAMPLES,
  });
  const o = (await drafter.invoke(initialLeadState(task), { signal })).outcome ?? skippedOutcome(task, 'failed', 'no outcome');
  if (o.actionId === null)
    return {
      status: 'failed',
      reply: say.failed(o.error ?? 'revision failed'),
      result: { actionId: req.actionId },
      error: o.error ?? 'revision failed',
      data: { actionId: req.actionId },
    };
  return {
    status: 'succeeded',
    // a rule may approve the new version at once: then it is not waiting for anyone
    reply: say.revised(o.subject ?? '', o.actionStatus === 'approved' ? 'approved' : o.status),
    result: { actionId: req.actionId, actionIds: [o.actionId] },
    error: null,
    data: { actionId: req.actionId },
  };
}
