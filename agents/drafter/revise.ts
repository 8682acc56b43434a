import { END, START, StateGraph, Annotation } from '@langchain/langgraph';
import { buildDrafterGraph, initialLeadState } from './graph';
import { skippedOutcome } from './outcome';
import type { LeadOutcome, LeadTask } from './state';
import { findAction } from '../../db/repositories/actions';
import { notFound } from '../../lib/errors';
import { uuidv7 } from '../../lib/ids';
import { replies } from '../../prompts';
import { checkpointerFor } from '../../graph/checkpointer';
import { DEFAULT_MAX_ROUNDS, DEFAULT_STYLE_EXAMPLES, type TeammateDeps } from '../../graph/deps';
import { loadWorkspaceProfile } from '../../identity/profile';
import { graphThreadId } from '../../graph/ids';
import { runScope, type ChatRunResult } from '../supervisor/chat';
import { hasStyleExamples } from '../../graph/store/style-examples';
import { finishRun, insertRun } from '../../graph/store/runs';
import { addMessage, findThread } from '../../graph/store/threads';
import type { Language } from '../../lib/language';

// The feedback loop: an owner rejects a teammate's draft with sendBack → the drafter writes a
// new version of the SAME action from the rejected text, the owner's reason and the reviewer's
// notes, the reviewer checks it again, and it goes back to the Library (history kept by the gate).

const RevisionState = Annotation.Root({ task: Annotation<LeadTask>, outcome: Annotation<LeadOutcome | null> });

export type RevisionRequest = { workspaceId: string; actionId: string; reason: string; version: number };

export async function reviseFromFeedback(deps: TeammateDeps, req: RevisionRequest): Promise<ChatRunResult> {
  const db = deps.db.kysely;
  const action = await findAction(db, req.workspaceId, req.actionId);
  if (!action || !action.person_id) throw notFound('action');
  // the action is the record: its origin names the conversation, its reviewer report the notes
  const threadId = action.origin.threadId;
  if (action.teammate !== 'drafter' || !threadId || !(await findThread(db, req.workspaceId, threadId))) throw notFound('teammate draft');
  const payload = action.current_payload as { subject?: string; body?: string; language?: Language };
  const language = payload.language ?? 'fr';
  const runId = uuidv7();
  const requestId = `${req.actionId}:rev:${req.version}`;
  await insertRun(db, { id: runId, workspaceId: req.workspaceId, threadId, requestId, kind: 'revise', mode: deps.model ? 'model' : 'offline', model: deps.model?.name ?? null });
  const scope = runScope(deps, { runId, workspaceId: req.workspaceId, userId: null, threadId, kind: 'revise' });
  const profile = await loadWorkspaceProfile(db, req.workspaceId);
  const task: LeadTask = {
    workspaceId: req.workspaceId,
    requestId,
    runId,
    threadId,
    personId: action.person_id,
    language,
    profile,
    facts: null,
    styleExamples: await hasStyleExamples(db, req.workspaceId, language),
    humanNotes: req.reason ? [req.reason] : [],
    previous: { actionId: req.actionId, subject: payload.subject ?? '', body: payload.body ?? '', notes: (action.reviewer?.notes ?? []).filter((n) => !n.startsWith('owner: ')) },
  };
  const drafter = buildDrafterGraph({ db: deps.db, model: scope.model, gate: deps.gate, emit: scope.emit, maxRounds: deps.maxRounds ?? DEFAULT_MAX_ROUNDS, styleExamples: deps.styleExamples ?? DEFAULT_STYLE_EXAMPLES });
  const graph = new StateGraph(RevisionState)
    .addNode('revise', async (s: typeof RevisionState.State) => ({
      outcome: (await drafter.invoke(initialLeadState(s.task))).outcome ?? skippedOutcome(s.task, 'failed', 'no outcome'),
    }))
    .addEdge(START, 'revise')
    .addEdge('revise', END)
    .compile({ checkpointer: await checkpointerFor(deps.db), name: 'revision' });
  const base = { threadId, runId, mode: scope.mode };
  try {
    const final = await graph.invoke({ task, outcome: null }, { configurable: { thread_id: graphThreadId(req.workspaceId, `revise:${req.actionId}:${req.version}`) } });
    const o = final.outcome;
    const ok = o && o.actionId !== null;
    const reply = ok ? replies(language).revised(o.subject ?? '', o.status) : replies(language).failed(o?.error ?? 'revision failed');
    await addMessage(db, { workspaceId: req.workspaceId, threadId, runId, role: 'assistant', content: reply, data: { mode: scope.mode, actionId: req.actionId } });
    await finishRun(db, runId, { status: ok ? 'succeeded' : 'failed', usage: scope.meter.snapshot(), error: ok ? null : o?.error ?? null, result: { actionId: req.actionId } });
    await scope.emit('run_finished', { status: ok ? 'succeeded' : 'failed', revision: true });
    return { ...base, status: ok ? 'succeeded' : 'failed', reply, leads: { created: 0, known: 0 }, actions: ok && o ? [{ id: o.actionId!, status: o.actionStatus ?? 'pending_approval', subject: o.subject ?? '', body: o.body ?? '', language: o.language, personId: o.personId }] : [], error: ok ? null : o?.error ?? null };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await finishRun(db, runId, { status: 'failed', usage: scope.meter.snapshot(), error: message });
    return { ...base, status: 'failed', reply: null, leads: { created: 0, known: 0 }, actions: [], error: message };
  }
}
