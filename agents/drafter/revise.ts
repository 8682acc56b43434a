import { SentBackSchema, type SentBack } from '../../actions/jobs';
import { findAction } from '../../db/repositories/actions';
import { findRunByRequest } from '../../db/repositories/teammate-runs';
import { findUnrevisedSendbacks } from '../../db/repositories/lead-drafts';
import type { TeammateRun } from '../../db/tables/teammates';
import type { RunScope, TeammateDeps } from '../../graph/deps';
import { DEFAULT_MAX_ROUNDS, DEFAULT_STYLE_EXAMPLES } from '../../graph/deps';
import { queueRun, type ProgramResult } from '../../graph/runner';
import { hasStyleExamples } from '../../graph/store/style-examples';
import { findThread } from '../../graph/store/threads';
import { loadWorkspaceProfile } from '../../identity/profile';
import { isLanguage } from '../../lib/language';
import { uuidv7 } from '../../lib/ids';
import { replies } from '../../prompts';
import { buildDrafterGraph, initialLeadState } from './graph';
import { skippedOutcome } from './outcome';
import type { LeadTask } from './state';

// The feedback loop: an owner sends a teammate's draft back with a reason → a revision run (any
// worker) → the drafter writes a new version of the SAME action from the rejected text, the
// owner's reason and the reviewer's notes, the reviewer checks it again, and it goes back to
// the Library (history kept by the gate). One revision per (action, version), whatever retries.

export type RevisionRequest = Pick<SentBack, 'workspaceId' | 'actionId' | 'version' | 'reason'>;
const RevisionRequestSchema = SentBackSchema.pick({ workspaceId: true, actionId: true, version: true, reason: true });

const requestIdOf = (r: { actionId: string; version: number }) => `${r.actionId}:rev:${r.version}`;

/** Queues the revision of a sent-back draft as a run in its conversation; a second call for the same version does nothing. */
export async function queueRevision(deps: TeammateDeps, req: RevisionRequest): Promise<string | null> {
  const db = deps.db.kysely;
  const requestId = requestIdOf(req);
  if (await findRunByRequest(db, req.workspaceId, requestId)) return null;
  const action = await findAction(db, req.workspaceId, req.actionId);
  // the action is the record: its origin names the conversation
  const threadId = action?.origin.threadId;
  if (action?.teammate !== 'drafter' || !action.person_id || !threadId || !(await findThread(db, req.workspaceId, threadId))) return null;
  const runId = uuidv7();
  const input: RevisionRequest = { workspaceId: req.workspaceId, actionId: req.actionId, version: req.version, reason: req.reason };
  await db
    .transaction()
    .execute((tx) => queueRun(tx, deps.jobs, { id: runId, workspaceId: req.workspaceId, threadId, requestId, kind: 'revise', model: deps.model?.name ?? null, input }));
  return runId;
}

/** Sent-back drafts no revision run took up (recorded while no worker ran): queued now. */
export async function queueUnrevisedSendbacks(deps: TeammateDeps, limit = 100): Promise<number> {
  let n = 0;
  for (const r of await findUnrevisedSendbacks(deps.db.kysely, limit)) {
    if (await queueRevision(deps, { workspaceId: r.workspace_id, actionId: r.id, version: r.version, reason: r.reason ?? '' })) n++;
  }
  return n;
}

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
    reply: say.revised(o.subject ?? '', o.status),
    result: { actionId: req.actionId, actionIds: [o.actionId] },
    error: null,
    data: { actionId: req.actionId },
  };
}
