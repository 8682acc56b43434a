import type { Emitter } from '../../../graph/store/events';
import type { ChatModel } from '../../../graph/model/types';
import { reviewDraft } from '../../reviewer/critique';
import type { LeadDraftStateType, LeadDraftUpdate } from '../state';

/** The peer reviewer: deterministic checks, then the model's critique when a model is set. */
export function reviewNode(model: ChatModel | null, emit: Emitter) {
  return async (state: LeadDraftStateType): Promise<LeadDraftUpdate> => {
    const { task, facts, draft } = state;
    if (!facts || !draft) throw new Error('review without a draft');
    // the critique only reads drafts that pass the mechanical checks: a revise is due anyway
    const review = await reviewDraft(model, draft, facts, task.profile, task.language);
    // a first-round pass is the common case and says nothing new: events for rounds that matter
    if (review.verdict === 'revise' || state.round > 1) await emit('review_round', { personId: task.personId, round: state.round, verdict: review.verdict, notes: review.notes.length });
    return { review };
  };
}
