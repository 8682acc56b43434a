import { createHash } from 'node:crypto';
import type { CrmCtx } from '../crm/context';
import type { Language } from '../lib/language';

// The interception point: a drafter's final `send_email` tool call never runs; it becomes an
// action through the Approval gate (status pending_approval, or needs_attention when review
// failed). Teammates see only this narrow port; nothing here can send.

export type ReviewerVerdict = { verdict: 'pass' | 'revise'; notes: string[] };
export type ActionOrigin = { teammate: 'drafter'; runId: string; threadId: string; toolCallId: string };

export type ProposeEmail = {
  personId: string;
  subject: string;
  body: string;
  language: Language;
  origin: ActionOrigin;
  /** a draft that failed review is still queued, flagged by this verdict and its notes */
  reviewer: ReviewerVerdict;
};

export type ReviseEmail = Omit<ProposeEmail, 'personId'> & { humanNotes: string[] };

export type ProposedAction = { actionId: string; status: string };

/** A draft the gate already holds: what a resumed run reuses instead of drafting again. */
export type QueuedDraft = ProposedAction & { subject: string; body: string; passed: boolean; notes: string[] };

export type OutboundGate = {
  findQueued(ctx: CrmCtx, origin: ActionOrigin): Promise<QueuedDraft | null>;
  proposeEmail(ctx: CrmCtx, p: ProposeEmail): Promise<ProposedAction>;
  reviseEmail(ctx: CrmCtx, actionId: string, p: ReviseEmail): Promise<ProposedAction>;
};

/** The tool call id of a lead's draft in a request: the same on every retry, so no duplicate. */
export function draftToolCallId(requestId: string, personId: string): string {
  return `send_email_${createHash('sha256').update(`${requestId}\u0000${personId}`).digest('hex').slice(0, 24)}`;
}
