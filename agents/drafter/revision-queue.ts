import { SentBackSchema, type SentBack } from '../../actions/jobs';
import { findAction } from '../../db/repositories/actions';
import { findUnrevisedSendbacks } from '../../db/repositories/lead-drafts';
import { findRunByRequest } from '../../db/repositories/teammate-runs';
import type { TeammateDeps } from '../../graph/deps';
import { queueRun } from '../../graph/runner';
import { findThread } from '../../graph/store/threads';
import { uuidv7 } from '../../lib/ids';

// A sent-back draft becomes a revision run in its conversation, for any worker (revise.ts runs
// it). Cheap on purpose: the worker imports this at start, the drafter's graph only when it revises.

export type RevisionRequest = Pick<SentBack, 'workspaceId' | 'actionId' | 'version' | 'reason'>;
export const RevisionRequestSchema = SentBackSchema.pick({ workspaceId: true, actionId: true, version: true, reason: true });

export const revisionRequestId = (r: { actionId: string; version: number }) => `${r.actionId}:rev:${r.version}`;

/** Queues the revision of a sent-back draft as a run in its conversation; a second call for the same version does nothing. */
export async function queueRevision(deps: TeammateDeps, req: RevisionRequest): Promise<string | null> {
  const db = deps.db.kysely;
  const requestId = revisionRequestId(req);
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
