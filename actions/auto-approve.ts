import type { ActionKind, ReviewerVerdict, RuleLike } from '../db/tables/approval';

// Auto-approve rules: off by default (no rule exists until an admin creates one), scoped,
// always expiring. A rule only ever applies to a teammate's proposal entering pending_approval.

export type RuleFacts = {
  kind: ActionKind;
  teammate: string | null;
  sequenceStep: number | null;
  reviewerVerdict: ReviewerVerdict | null;
  /** a human approved an action to this recipient before */
  recipientApprovedBefore: boolean;
  now: Date;
};

export function matchRule<R extends RuleLike>(rules: readonly R[], f: RuleFacts): R | null {
  if (!f.teammate) return null;
  for (const r of rules) {
    if (!r.enabled || new Date(r.expires_at) <= f.now) continue;
    if (r.kind && r.kind !== f.kind) continue;
    if (r.teammate && r.teammate !== f.teammate) continue;
    if (r.sequence_step !== null && r.sequence_step !== f.sequenceStep) continue;
    if (r.require_reviewer_passed && f.reviewerVerdict !== 'passed') continue;
    if (r.require_recipient_approved_before && !f.recipientApprovedBefore) continue;
    return r;
  }
  return null;
}
