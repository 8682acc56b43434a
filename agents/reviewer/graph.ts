import { END, START, StateGraph } from '@langchain/langgraph';
import type { ChatModel } from '../../graph/model/types';
import { checksNode } from './nodes/checks';
import { critiqueNode } from './nodes/critique';
import { ReviewerState, type Review, type ReviewInput, type ReviewerStateType } from './state';

/**
 * The peer reviewer: deterministic checks, then — when they pass and a model is set — the
 * model's critique. `buildReviewerGraph` is the graph; `createReviewer` walks the same two
 * steps in-process, as the drafter calls it for every draft of a batch.
 */
export function buildReviewerGraph(model: ChatModel | null) {
  const graph = new StateGraph(ReviewerState).addNode('checks', checksNode()).addEdge(START, 'checks');
  if (!model) return graph.addEdge('checks', END).compile({ checkpointer: false, name: 'reviewer' });
  return graph
    .addNode('critique', critiqueNode(model))
    .addConditionalEdges('checks', (s: ReviewerStateType) => (s.review?.verdict === 'pass' ? 'critique' : END), ['critique', END])
    .addEdge('critique', END)
    .compile({ checkpointer: false, name: 'reviewer' });
}

export function createReviewer(model: ChatModel | null) {
  const checks = checksNode();
  const withCritique = model ? critiqueNode(model) : null;
  return async (input: ReviewInput): Promise<Review> => {
    let state: ReviewerStateType = { input, review: null };
    state = { ...state, ...(await checks(state)) };
    // the critique only reads drafts that pass the mechanical checks: a revise is due anyway
    if (withCritique && state.review?.verdict === 'pass') state = { ...state, ...(await withCritique(state)) };
    return state.review!;
  };
}
