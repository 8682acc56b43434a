import { Command } from '@langchain/langgraph';
import type { TeammateRun } from '../../db/tables/teammates';
import { checkpointerFor } from '../../graph/checkpointer';
import type { RunScope, TeammateDeps } from '../../graph/deps';
import { graphThreadId } from '../../graph/ids';
import type { ProgramResult } from '../../graph/runner';
import type { LeadOutcome } from '../drafter/state';
import type { ChatRunInput } from './chat';
import { buildSupervisor } from './graph';
import type { ClarifyInterrupt } from './nodes/clarify';
import type { SupervisorStateType, SupervisorUpdate } from './state';

// A chat turn, executed by a worker: the supervisor graph on the thread's checkpoints. A run
// that a stopped worker left half-way resumes from its last checkpoint; with none for this turn
// (offline checkpoints only when the turn ends) the turn is replayed, and every draft the gate
// already holds is reused, never written twice (the tool call ids are deterministic).

type SupervisorNode = '__start__' | 'understand' | 'clarify' | 'prospect' | 'segment' | 'draftLead' | 'ask' | 'respond';
type SupervisorInput = SupervisorUpdate | Command<unknown, SupervisorUpdate, SupervisorNode> | null;

function parseInput(run: TeammateRun): ChatRunInput {
  const i = run.input as Partial<ChatRunInput>;
  if (typeof i.message !== 'string' || typeof i.requestId !== 'string' || typeof i.turn !== 'number') throw new Error('this run has no chat input');
  return { message: i.message, requestId: i.requestId, turn: i.turn, resumesClarification: i.resumesClarification === true };
}

/** Where the graph stands for this turn: what to invoke it with, or null when the turn already ended. */
function inputFor(
  run: TeammateRun,
  input: ChatRunInput,
  snap: { values: unknown; next: readonly string[]; tasks: readonly { interrupts?: readonly unknown[] }[] },
): SupervisorInput | 'ended' {
  const values = snap.values as Partial<SupervisorStateType>;
  const paused = snap.tasks.some((t) => (t.interrupts ?? []).length > 0);
  const thisTurn = values.request?.requestId === input.requestId;
  if (input.resumesClarification) {
    if (paused) return new Command<unknown, SupervisorUpdate, SupervisorNode>({ resume: input.message });
    return snap.next.length ? null : 'ended';
  }
  if (thisTurn && !paused) return snap.next.length ? null : 'ended';
  return {
    workspaceId: run.workspace_id,
    request: { text: input.message, requestId: input.requestId, turn: input.turn },
    messages: [{ role: 'user' as const, content: input.message }],
  };
}

export async function supervisorProgram(deps: TeammateDeps, run: TeammateRun, scope: RunScope, signal: AbortSignal): Promise<ProgramResult> {
  const input = parseInput(run);
  const saver = await checkpointerFor(deps.db);
  const graph = buildSupervisor(deps, scope, saver);
  // No maxConcurrency here: with it, LangGraph 1.7 ends a superstep early at 1, and on abort
  // records the tasks it had not started as done with no writes (lost on resume). Every Send
  // task starts; the run's leadSlots hold the drafting to deps.concurrency at a time.
  // Offline, a turn is cheap and deterministic: checkpoint when it ends or pauses ("exit"); a
  // restart replays the turn onto the same actions. With a model, each step is checkpointed
  // before the next starts ("sync": a worker killed while drafting never redoes the routing and
  // prospecting), and every finished lead as it lands, so a restart pays only for the leads left.
  const durability = scope.mode === 'offline' ? ('exit' as const) : ('sync' as const);
  const config = { configurable: { thread_id: graphThreadId(run.workspace_id, run.thread_id) }, recursionLimit: 250, signal, durability };
  const next = inputFor(run, input, await graph.getState(config));
  if (next !== 'ended') await graph.invoke(next, config);
  const snap = await graph.getState(config);
  const values = snap.values as SupervisorStateType;
  const question = snap.tasks.flatMap((t) => t.interrupts ?? []).map((i) => (i.value as ClarifyInterrupt).question)[0];
  const outcomes = (values.outcomes ?? []).filter((o: LeadOutcome) => o.requestId === input.requestId && o.actionId);
  const actionIds = outcomes.map((o) => o.actionId!);
  if (question !== undefined) await scope.emit('clarification_needed', { question });
  return {
    status: question !== undefined ? 'awaiting_reply' : 'succeeded',
    reply: question ?? values.answer ?? null,
    result: { created: values.leads?.created ?? 0, known: values.leads?.known ?? 0, actions: actionIds.length, actionIds },
    error: null,
    data: { actions: actionIds },
  };
}
