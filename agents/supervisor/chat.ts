import { Command } from '@langchain/langgraph';
import { replies } from '../../prompts';
import type { LeadOutcome } from '../drafter/state';
import type { RunKind, RunStatus, TeammateMode } from '../../db/tables/teammates';
import { conflict, notFound } from '../../lib/errors';
import { uuidv7 } from '../../lib/ids';
import { checkpointerFor } from '../../graph/checkpointer';
import { modeOf } from './entry';
import type { RunScope, TeammateDeps } from '../../graph/deps';
import type { Language } from '../../lib/language';
import { chatThreadId, graphThreadId, requestIdFor } from '../../graph/ids';
import { accountedModel } from '../../graph/model/accounted-model';
import { createLimiter } from '../../graph/model/limiter';
import { RunMeter } from '../../graph/model/meter';
import type { ClarifyInterrupt } from './nodes/clarify';
import { createEmitter } from '../../graph/store/events';
import { finishRun, findRun, insertRun, latestRun, runningRuns } from '../../graph/store/runs';
import { addMessage, countUserMessages, ensureThread, findThread } from '../../graph/store/threads';
import { buildSupervisor } from './graph';
import type { SupervisorStateType, SupervisorUpdate } from './state';

// Runs the supervisor for a chat message: thread and run records, checkpointed execution,
// the clarify pause (interrupt → next message resumes), accounting, the assistant's reply.

export type QueuedAction = { id: string; status: string; subject: string; body: string; language: Language; personId: string };
export type ChatRunResult = {
  threadId: string;
  runId: string;
  status: RunStatus;
  mode: TeammateMode;
  reply: string | null;
  leads: { created: number; known: number };
  actions: QueuedAction[];
  error: string | null;
};

export type StartChat = { workspaceId: string; userId: string | null; message: string; threadId?: string; threadKey?: string; signal?: AbortSignal };
export type StartedChat = { threadId: string; runId: string; done: Promise<ChatRunResult> };

type RunIds = { runId: string; workspaceId: string; userId: string | null; threadId: string; kind: RunKind };

export function runScope(deps: TeammateDeps, ids: RunIds): RunScope {
  const meter = new RunMeter();
  const limiter = createLimiter(deps.concurrency);
  return {
    runId: ids.runId,
    workspaceId: ids.workspaceId,
    userId: ids.userId,
    threadId: ids.threadId,
    mode: modeOf(deps),
    model: deps.model ? accountedModel(deps.model, meter, limiter) : null,
    meter,
    limiter,
    // twice as many leads in flight as model calls: while one lead's draft is reviewed, another's
    // call takes the free model slot, so the calls pack the limiter instead of waiting by lead
    leadSlots: createLimiter(deps.concurrency * 2),
    emit: createEmitter(deps.db.kysely, ids),
    log: deps.logger.child({ runId: ids.runId, threadId: ids.threadId, workspaceId: ids.workspaceId }),
  };
}

function resultOf(threadId: string, runId: string, mode: TeammateMode, s: SupervisorStateType | null): Pick<ChatRunResult, 'leads' | 'actions'> {
  if (!s?.request) return { leads: { created: 0, known: 0 }, actions: [] };
  const mine = (s.outcomes ?? []).filter((o: LeadOutcome) => o.requestId === s.request.requestId && o.actionId);
  return {
    leads: { created: s.leads?.created ?? 0, known: s.leads?.known ?? 0 },
    actions: mine.map((o) => ({ id: o.actionId!, status: o.actionStatus ?? 'pending_approval', subject: o.subject ?? '', body: o.body ?? '', language: o.language, personId: o.personId })),
  };
}

const inFlight = new Map<string, Promise<ChatRunResult>>();

/** Executes (or resumes) the supervisor on a thread; never throws: failures are recorded. */
type SupervisorNode = '__start__' | 'understand' | 'clarify' | 'prospect' | 'segment' | 'draftLead' | 'ask' | 'respond';
type SupervisorInput = SupervisorUpdate | Command<unknown, SupervisorUpdate, SupervisorNode> | null;

async function execute(deps: TeammateDeps, ids: RunIds, input: SupervisorInput, signal?: AbortSignal): Promise<ChatRunResult> {
  const scope = runScope(deps, ids);
  const mode = scope.mode;
  const saver = await checkpointerFor(deps.db);
  const graph = buildSupervisor(deps, scope, saver);
  // No maxConcurrency here: with it, LangGraph 1.7 ends a superstep early at 1, and on abort
  // records the tasks it had not started as done with no writes (lost on resume). Every Send
  // task starts; the run's leadSlots hold the drafting to deps.concurrency at a time.
  // Offline, a turn is cheap and deterministic: checkpoint when it ends or pauses ("exit"); a
  // restart replays the turn onto the same actions. With a model, every finished lead is
  // checkpointed as it lands ("async"), so a restart pays only for the leads left.
  const durability = scope.mode === 'offline' ? ('exit' as const) : ('async' as const);
  const config = { configurable: { thread_id: graphThreadId(ids.workspaceId, ids.threadId) }, recursionLimit: 250, signal, durability };
  const base = { threadId: ids.threadId, runId: ids.runId, mode };
  try {
    scope.log.info({ mode }, 'run started');
    await graph.invoke(input, config);
    const snap = await graph.getState(config);
    const values = snap.values as SupervisorStateType;
    const question = snap.tasks.flatMap((t) => t.interrupts ?? []).map((i) => (i.value as ClarifyInterrupt).question)[0];
    const status: RunStatus = question !== undefined ? 'awaiting_reply' : 'succeeded';
    const reply = question ?? values.answer ?? null;
    const result = resultOf(ids.threadId, ids.runId, mode, values);
    if (question !== undefined) await scope.emit('clarification_needed', { question });
    if (reply) await addMessage(deps.db.kysely, { workspaceId: ids.workspaceId, threadId: ids.threadId, runId: ids.runId, role: 'assistant', content: reply, data: { mode, status, actions: result.actions.map((a) => a.id) } });
    const usage = scope.meter.snapshot();
    await finishRun(deps.db.kysely, ids.runId, { status, usage, result: { ...result.leads, actions: result.actions.length, byPurpose: usage.byPurpose } });
    await scope.emit('run_finished', { status, modelCalls: usage.modelCalls, tokensIn: usage.tokensIn, tokensOut: usage.tokensOut });
    scope.log.info({ status, modelCalls: usage.modelCalls, tokensIn: usage.tokensIn, tokensOut: usage.tokensOut, actions: result.actions.length }, 'run finished');
    return { ...base, ...result, status, reply, error: null };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (signal?.aborted) {
      // stopped from outside (shutdown): the run stays "running" and resumes from its checkpoint
      scope.log.warn('run interrupted by shutdown; it will resume');
      return { ...base, status: 'running', reply: null, leads: { created: 0, known: 0 }, actions: [], error: 'interrupted' };
    }
    scope.log.error({ err: message }, 'run failed');
    const usage = scope.meter.snapshot();
    await finishRun(deps.db.kysely, ids.runId, { status: 'failed', usage, error: message }).catch(() => undefined);
    await scope.emit('error', { message }).catch(() => undefined);
    await scope.emit('run_finished', { status: 'failed' }).catch(() => undefined);
    const lang = (await deps.db.kysely.selectFrom('workspaces').select('default_language').where('id', '=', ids.workspaceId).executeTakeFirst())?.default_language ?? 'fr';
    await addMessage(deps.db.kysely, { workspaceId: ids.workspaceId, threadId: ids.threadId, runId: ids.runId, role: 'assistant', content: replies(lang).failed(message), data: { mode, status: 'failed' } }).catch(() => undefined);
    return { ...base, status: 'failed', reply: null, leads: { created: 0, known: 0 }, actions: [], error: message };
  }
}

function track(runId: string, p: Promise<ChatRunResult>): Promise<ChatRunResult> {
  inFlight.set(runId, p);
  void p.finally(() => inFlight.delete(runId));
  return p;
}

/** Resume a run left "running" by a process that stopped: from its last checkpoint. */
export async function resumeRun(deps: TeammateDeps, runId: string, signal?: AbortSignal): Promise<ChatRunResult> {
  const existing = inFlight.get(runId);
  if (existing) return existing;
  const run = await findRun(deps.db.kysely, runId);
  if (!run) throw notFound('run');
  const thread = await findThread(deps.db.kysely, run.workspace_id, run.thread_id);
  const ids: RunIds = { runId, workspaceId: run.workspace_id, userId: thread?.user_id ?? null, threadId: run.thread_id, kind: run.kind };
  return track(runId, execute(deps, ids, null, signal));
}

/** Start a chat turn; the run goes on in the background (`done`). */
export async function startChat(deps: TeammateDeps, input: StartChat): Promise<StartedChat> {
  const db = deps.db.kysely;
  let threadId = input.threadId;
  if (threadId) {
    if (!(await findThread(db, input.workspaceId, threadId))) throw notFound('thread');
  } else {
    threadId = chatThreadId(input.workspaceId, input.userId, input.threadKey ?? uuidv7());
  }
  await ensureThread(db, { id: threadId, workspaceId: input.workspaceId, userId: input.userId, title: input.message });
  const last = await latestRun(db, input.workspaceId, threadId);
  if (last?.status === 'running') {
    if (inFlight.has(last.id)) throw conflict('a teammate is still working on this conversation; wait for it to finish');
    await resumeRun(deps, last.id, input.signal); // left over by a stopped process: finish it first
  }
  const turn = (await countUserMessages(db, threadId)) + 1;
  const runId = uuidv7();
  const saver = await checkpointerFor(deps.db);
  const probe = buildSupervisor(deps, runScope(deps, { runId, workspaceId: input.workspaceId, userId: input.userId, threadId, kind: 'chat' }), saver);
  const config = { configurable: { thread_id: graphThreadId(input.workspaceId, threadId) } };
  const snap = await probe.getState(config);
  const waiting = snap.tasks.some((t) => (t.interrupts ?? []).length > 0);
  const requestId = waiting ? (snap.values as SupervisorStateType).request.requestId : requestIdFor(threadId, turn);
  await addMessage(db, { workspaceId: input.workspaceId, threadId, runId, role: 'user', content: input.message });
  await insertRun(db, { id: runId, workspaceId: input.workspaceId, threadId, requestId, kind: 'chat', mode: modeOf(deps), model: deps.model?.name ?? null });
  await createEmitter(db, { workspaceId: input.workspaceId, threadId, runId })('run_started', { mode: modeOf(deps), resumesClarification: waiting });
  const ids: RunIds = { runId, workspaceId: input.workspaceId, userId: input.userId, threadId, kind: 'chat' };
  // a reply to a clarifying question resumes the paused graph; anything else is a new turn
  const graphInput: SupervisorInput = waiting
    ? new Command<unknown, SupervisorUpdate, SupervisorNode>({ resume: input.message })
    : { workspaceId: input.workspaceId, request: { text: input.message, requestId, turn }, messages: [{ role: 'user' as const, content: input.message }] };
  const done = track(runId, execute(deps, ids, graphInput, input.signal));
  return { threadId, runId, done };
}

/** Runs left "running" (the process stopped mid-run): resume each from its checkpoint; `rows` if already read. */
export async function resumeStaleRuns(deps: TeammateDeps, rows?: { id: string; kind: RunKind }[]): Promise<ChatRunResult[]> {
  rows ??= await runningRuns(deps.db.kysely);
  const out: ChatRunResult[] = [];
  for (const r of rows) if (!inFlight.has(r.id) && r.kind === 'chat') out.push(await resumeRun(deps, r.id));
  return out;
}

/** Waits for every background run of this process (tests, shutdown). */
export async function idle(): Promise<void> {
  while (inFlight.size) await Promise.allSettled([...inFlight.values()]);
}

export { findRun };
