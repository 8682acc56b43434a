import type { TeammateDeps } from '../../graph/deps';
import { chatThreadId, requestIdFor } from '../../graph/ids';
import { modeOf } from '../../graph/run-scope';
import { queueRun } from '../../graph/runner';
import { createEmitter } from '../../graph/store/events';
import { latestRun } from '../../graph/store/runs';
import { addMessage, countUserMessages, ensureThread, findThread } from '../../graph/store/threads';
import { conflict, notFound } from '../../lib/errors';
import { uuidv7 } from '../../lib/ids';

// A chat message to the teammates: the thread, the user's message and a run queued for any
// worker (agents/supervisor/program.ts executes it). Cheap on purpose: no graph is loaded here.

export type StartChat = { workspaceId: string; userId: string | null; message: string; threadId?: string; threadKey?: string };
export type StartedChat = { threadId: string; runId: string };

/** What a chat run is asked; stored on the run so any worker can start or resume it. */
export type ChatRunInput = { message: string; requestId: string; turn: number; resumesClarification: boolean };

export async function startChat(deps: Pick<TeammateDeps, 'db' | 'jobs' | 'model'>, input: StartChat): Promise<StartedChat> {
  const db = deps.db.kysely;
  let threadId = input.threadId;
  if (threadId) {
    if (!(await findThread(db, input.workspaceId, threadId))) throw notFound('thread');
  } else {
    threadId = chatThreadId(input.workspaceId, input.userId, input.threadKey ?? uuidv7());
  }
  await ensureThread(db, { id: threadId, workspaceId: input.workspaceId, userId: input.userId, title: input.message });
  const last = await latestRun(db, input.workspaceId, threadId);
  if (last?.status === 'running') throw conflict('a teammate is still working on this conversation; wait for it to finish');
  // a reply to a clarifying question resumes the paused request; anything else is a new turn
  const resumesClarification = last?.status === 'awaiting_reply';
  const turn = (await countUserMessages(db, threadId)) + 1;
  const requestId = resumesClarification && last ? last.request_id : requestIdFor(threadId, turn);
  const runInput: ChatRunInput = { message: input.message, requestId, turn, resumesClarification };
  const runId = uuidv7();
  const ids = { workspaceId: input.workspaceId, threadId };
  await db.transaction().execute(async (tx) => {
    await addMessage(tx, { ...ids, runId, role: 'user', content: input.message });
    await queueRun(tx, deps.jobs, { id: runId, ...ids, requestId, kind: 'chat', model: deps.model?.name ?? null, input: runInput });
    await createEmitter(tx, { ...ids, runId })('run_started', { mode: modeOf(deps), resumesClarification });
  });
  return { threadId, runId };
}
