import { END, START, StateGraph } from '@langchain/langgraph';
import type { Db } from '../../db/connection';
import type { JobQueue } from '../../db/jobs/queue';
import type { Emitter } from '../../graph/store/events';
import type { ChatModel } from '../../graph/model/types';
import type { OutboundGate } from '../../graph/outbound';
import { composeNode } from './nodes/compose';
import { loadContextNode } from './nodes/load-context';
import { queueNode } from './nodes/queue';
import { reviewNode } from './nodes/review';
import { LeadDraftState, type LeadDraftStateType, type LeadDraftUpdate, type LeadOutcome, type LeadTask } from './state';

export type DrafterGraphDeps = { db: Db; jobs: JobQueue; model: ChatModel | null; gate: OutboundGate; emit: Emitter; maxRounds: number; styleExamples: number };

type Step = 'loadContext' | 'compose' | 'peerReview' | 'intercept';

/**
 * One lead: load facts → compose → peer review → (revise ⇄ review, at most `maxRounds`
 * drafts) → intercept (the send_email call becomes an action). The nodes and the routing are
 * defined once; `buildDrafterGraph` makes them a LangGraph StateGraph (revisions run it), and
 * `runDrafter` walks the same nodes and edges in-process for the fan-out, where 50 leads would
 * otherwise pay a Pregel loop (channels, tracing context) each for four steps.
 */
function drafterSteps(deps: DrafterGraphDeps) {
  const nodes: Record<Step, (s: LeadDraftStateType) => Promise<LeadDraftUpdate>> = {
    loadContext: loadContextNode(deps.db, deps.jobs, deps.gate, deps.styleExamples),
    compose: composeNode(deps.model),
    peerReview: reviewNode(deps.model, deps.emit),
    intercept: queueNode(deps.db, deps.jobs, deps.gate),
  };
  const next: Record<Step, (s: LeadDraftStateType) => Step | typeof END> = {
    loadContext: (s) => (s.outcome ? END : 'compose'),
    compose: () => 'peerReview',
    peerReview: (s) => (s.review?.verdict === 'pass' || s.round >= deps.maxRounds ? 'intercept' : 'compose'),
    intercept: () => END,
  };
  return { nodes, next };
}

export function buildDrafterGraph(deps: DrafterGraphDeps) {
  const { nodes, next } = drafterSteps(deps);
  return new StateGraph(LeadDraftState)
    .addNode('loadContext', nodes.loadContext)
    .addNode('compose', nodes.compose)
    .addNode('peerReview', nodes.peerReview)
    .addNode('intercept', nodes.intercept)
    .addEdge(START, 'loadContext')
    .addConditionalEdges('loadContext', next.loadContext, ['compose', END])
    .addEdge('compose', 'peerReview')
    .addConditionalEdges('peerReview', next.peerReview, ['compose', 'intercept'])
    .addEdge('intercept', END)
    .compile({ checkpointer: false, name: 'drafter' });
}

export type DrafterGraph = ReturnType<typeof buildDrafterGraph>;

export const initialLeadState = (task: LeadTask): LeadDraftStateType => ({
  task,
  facts: null,
  examples: [],
  draft: null,
  review: null,
  round: 0,
  draftedOffline: false,
  outcome: null,
});

/** The drafter graph's nodes and edges, walked directly (same semantics as the compiled graph). */
export function createDrafterRunner(deps: DrafterGraphDeps) {
  const { nodes, next } = drafterSteps(deps);
  return async (task: LeadTask, signal?: AbortSignal): Promise<LeadOutcome | null> => {
    let state = initialLeadState(task);
    let step: Step | typeof END = 'loadContext';
    for (let guard = 0; step !== END && guard < 4 + 2 * deps.maxRounds; guard++) {
      signal?.throwIfAborted();
      state = { ...state, ...(await nodes[step](state)) };
      step = next[step](state);
    }
    return state.outcome;
  };
}
