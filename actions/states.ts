import type { ActorType } from '../db/schema';
import type { ActionStatus } from '../db/tables/approval';
import { AppError } from '../lib/errors';

/**
 * The one state machine of actions. Every status change in the code base goes through
 * `transitionActions` (actions/transition.ts), which only updates rows whose current
 * status is a legal source for the target (taken from this table) and only for the actor
 * types allowed here. Anything else answers 409 and changes nothing.
 *
 *   draft → in_review → pending_approval → approved → scheduled → sending → sent
 *   + failed, rejected, ignored, expired, cancelled, delivery_unknown
 */
export const ACTION_STATUSES = [
  'draft',
  'in_review',
  'pending_approval',
  'approved',
  'scheduled',
  'sending',
  'sent',
  'failed',
  'rejected',
  'ignored',
  'expired',
  'cancelled',
  'delivery_unknown',
] as const satisfies readonly ActionStatus[];

const TRANSITIONS: Record<ActionStatus, readonly ActionStatus[]> = {
  // a drafter's turn: first draft, or a version sent back by a human
  draft: ['in_review', 'pending_approval', 'cancelled', 'expired'],
  // the reviewer's turn: pass it on, or loop back to the drafter
  in_review: ['draft', 'pending_approval', 'cancelled', 'expired'],
  // a human's turn (or an auto-approve rule's)
  pending_approval: ['approved', 'rejected', 'ignored', 'draft', 'expired', 'cancelled'],
  // the dispatcher's turn; tampering found at claim → failed; a human can still withdraw it
  approved: ['sending', 'scheduled', 'cancelled', 'failed'],
  // deferred (send window, daily cap, transient error backoff)
  scheduled: ['sending', 'scheduled', 'cancelled', 'failed'],
  // handed to the channel under a lease; a retryable refusal goes back to scheduled; a send-time
  // check (recipient opted out) cancels it before anything reached the channel
  sending: ['sent', 'failed', 'scheduled', 'cancelled', 'delivery_unknown'],
  sent: [],
  // a human may retry a failed send
  failed: ['approved', 'cancelled'],
  rejected: [],
  ignored: [],
  expired: [],
  cancelled: [],
  // never resent automatically: a human says it arrived, re-approves it, or drops it; the lease
  // owner that did finish the send may still record it as sent
  delivery_unknown: ['sent', 'approved', 'cancelled'],
};

/** Who may move an action into each status: teammates can never approve anything. */
const ACTORS: Record<ActionStatus, readonly ActorType[]> = {
  draft: ['user', 'teammate', 'system'],
  in_review: ['teammate', 'system', 'user'],
  pending_approval: ['teammate', 'system', 'user'],
  approved: ['user', 'rule'],
  scheduled: ['system'],
  sending: ['system'],
  sent: ['system', 'user'],
  failed: ['system'],
  rejected: ['user'],
  ignored: ['user'],
  expired: ['system'],
  cancelled: ['user', 'system'],
  delivery_unknown: ['system'],
};

/**
 * Statuses only the system moves an action out of: once sending has begun the action is in the
 * dispatcher's hands (a human cancel would answer "cancelled" while the email leaves anyway, and
 * the dispatcher could no longer record that it did).
 */
const SYSTEM_HELD: readonly ActionStatus[] = ['sending'];

export const TERMINAL: readonly ActionStatus[] = ACTION_STATUSES.filter((s) => TRANSITIONS[s].length === 0);
/** Waiting for a decision: expire after the workspace's pendingExpiryDays. */
export const PENDING: readonly ActionStatus[] = ['draft', 'in_review', 'pending_approval'];
/** Not yet handed to a channel: an opt-out or an erasure cancels these. */
export const UNSENT: readonly ActionStatus[] = ['draft', 'in_review', 'pending_approval', 'approved', 'scheduled'];
/** Written to, or about to be: a lead with a drafter action in one of these is not drafted again. */
export const CONTACTED: readonly ActionStatus[] = ['draft', 'in_review', 'pending_approval', 'approved', 'scheduled', 'sending', 'sent', 'delivery_unknown'];
/** The "Needs attention" number of the Library. */
export const NEEDS_ATTENTION: readonly ActionStatus[] = ['pending_approval', 'failed', 'delivery_unknown'];

export function canTransition(from: ActionStatus, to: ActionStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Whether this actor may move an action out of `from` at all. */
export function actorMayLeave(actor: ActorType, from: ActionStatus): boolean {
  return actor === 'system' || !SYSTEM_HELD.includes(from);
}

/** Legal source statuses for `to`, optionally narrowed to `within` and to those `actor` may leave. */
export function sourcesOf(to: ActionStatus, within?: readonly ActionStatus[], actor?: ActorType): ActionStatus[] {
  return ACTION_STATUSES.filter((from) => canTransition(from, to) && (!within || within.includes(from)) && (!actor || actorMayLeave(actor, from)));
}

export function assertActorMay(actor: ActorType, to: ActionStatus): void {
  if (!ACTORS[to].includes(actor)) throw new AppError('forbidden', `a ${actor} cannot move an action to ${to}`);
}

/** The two refusals a person meets most, in plain words; any other one names both statuses. */
function refusal(from: ActionStatus | null, to: ActionStatus): string {
  if (from === 'expired' && to === 'approved') return 'this action expired without a decision: it can no longer be approved';
  if (from === 'sending' && to === 'cancelled') return 'this action is being sent: it can no longer be cancelled';
  return from ? `invalid transition: the action is ${from}, it cannot become ${to}` : `the action cannot become ${to}`;
}

export function invalidTransition(from: ActionStatus | null, to: ActionStatus): AppError {
  return new AppError('conflict', refusal(from, to), { from, to });
}

export function assertTransition(from: ActionStatus, to: ActionStatus): void {
  if (!canTransition(from, to)) throw invalidTransition(from, to);
}
