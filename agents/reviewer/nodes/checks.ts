import { reviewDeterministic } from '../deterministic';
import type { ReviewerStateType, ReviewerUpdate } from '../state';

/** Every deterministic check: each failure is a note the drafter (or the owner) can act on. */
export function checksNode() {
  return async (s: ReviewerStateType): Promise<ReviewerUpdate> => {
    const { draft, facts, profile, language } = s.input;
    return { review: reviewDeterministic(draft, facts, profile, language) };
  };
}
