import type { Emitter } from '../../../graph/store/events';
import type { ChatModel } from '../../../graph/model/types';
import { createReviewer } from '../../reviewer/graph';
import type { LeadDraftStateType, LeadDraftUpdate } from '../state';

/** Peer review by the reviewer teammate: deterministic checks, then the model's critique when a model is set. */
export function reviewNode(model: ChatModel | null, emit: Emitter) {
  const reviewer = createReviewer(model);
  return async (state: LeadDraftStateType): Promise<LeadDraftUpdate> => {
    const { task, facts, draft } = state;
    if (!facts || !draft) throw new Error('review without a draft');
    const review = await reviewer({ draft, facts, profile: task.profile, language: task.language });
    // a first-round pass is the common case and says nothing new: events for rounds that matter
    if (review.verdict === 'revise' || state.round > 1)
      await emit('review_round', { personId: task.personId, round: state.round, verdict: review.verdict, notes: review.notes.length });
    return { review };
  };
}
