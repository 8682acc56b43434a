import * as repo from '../db/repositories/conversations';
import type { Actor } from '../db/repositories/audit';
import type { Executor } from '../db/repositories/executor';
import { optOutByReply } from './recipient-rights';
import { UNSENT } from './states';
import { transitionActions } from './transition';

// What a reply does inside the workspace (issue 12, point 4). Nothing here leaves: a drafted
// answer, like any email, waits in the Library for a human.

/** What the replier made of a message, as far as the gate is concerned. */
export type ReplyOutcome =
  /** a person wrote back: what they said moves their lead status */
  | { kind: 'human'; status: 'replied' | 'qualified' | 'disqualified'; unsubscribe?: boolean }
  | { kind: 'bounce_hard' }
  | { kind: 'bounce_soft' }
  /** back on `until` (null: unknown): what was due to them waits until the next business day after */
  | { kind: 'out_of_office'; until: string | null }
  | { kind: 'auto_reply' };

export type ReplyEffects = { cancelled: number; postponed: number; suppressed: boolean; bounced: boolean };

const ACTOR: Actor = { type: 'system', id: 'replies' };

export async function applyReply(
  tx: Executor,
  r: { workspaceId: string; personId: string | null; fromEmail: string | null; at: Date; outcome: ReplyOutcome },
): Promise<ReplyEffects> {
  const effects: ReplyEffects = { cancelled: 0, postponed: 0, suppressed: false, bounced: false };
  const { workspaceId, personId, outcome } = r;
  if (outcome.kind === 'human' && outcome.unsubscribe && r.fromEmail) {
    // the reply is the objection (CNIL): the address is suppressed for good, pending actions cancelled
    const o = await optOutByReply(tx, { workspaceId, personId, email: r.fromEmail });
    effects.suppressed = o.suppressed;
    effects.cancelled += o.cancelled;
  }
  if (!personId) return effects;
  if (outcome.kind === 'human') {
    effects.cancelled += await cancelUnsent(tx, workspaceId, personId, 'the prospect replied');
    await repo.recordInboundContact(tx, workspaceId, personId, r.at, outcome.status);
  } else if (outcome.kind === 'bounce_hard') {
    await repo.markEmailBounced(tx, workspaceId, personId, r.at);
    effects.bounced = true;
    effects.cancelled += await cancelUnsent(tx, workspaceId, personId, 'the address bounced');
  } else if (outcome.kind === 'out_of_office') {
    effects.postponed = await postpone(tx, workspaceId, personId, outcome.until, r.at);
  }
  return effects;
}

async function cancelUnsent(tx: Executor, workspaceId: string, personId: string, reason: string): Promise<number> {
  const rows = await transitionActions(tx, {
    to: 'cancelled',
    actor: ACTOR,
    from: UNSENT,
    workspaceId,
    recipient: { personIds: [personId], hash: null },
    set: { reason },
    auditData: { cause: 'reply' },
  });
  return rows.length;
}

/** Approved emails to someone away leave the business day after their return, at 9:00 (Paris). */
async function postpone(tx: Executor, workspaceId: string, personId: string, until: string | null, at: Date): Promise<number> {
  const when = nextBusinessMorning(until, at);
  const due = await repo.findUnsentActionsTo(tx, workspaceId, personId, ['approved', 'scheduled']);
  if (!due.length) return 0;
  const rows = await transitionActions(tx, {
    to: 'scheduled',
    actor: ACTOR,
    from: ['approved', 'scheduled'],
    workspaceId,
    perRow: due.map((a) => ({ id: a.id, next_attempt_at: when, reason: `the recipient is away: postponed to ${when.toISOString().slice(0, 10)}` })),
    auditData: { cause: 'out_of_office' },
  });
  return rows.length;
}

/**
 * The business day after `until` (a yyyy-mm-dd), at 9:00 in Paris; without a date, a week after
 * the message. Weekends are skipped (public holidays are not known here).
 */
export function nextBusinessMorning(until: string | null, at: Date): Date {
  const base = until ? new Date(`${until}T12:00:00Z`) : new Date(at.getTime() + 6 * 86_400_000);
  const d = new Date(base.getTime() + 86_400_000);
  while (d.getUTCDay() === 0 || d.getUTCDay() === 6) d.setUTCDate(d.getUTCDate() + 1);
  // 9:00 Paris is 7:00 or 8:00 UTC; 8:00 UTC is inside the morning either way
  return new Date(`${d.toISOString().slice(0, 10)}T08:00:00Z`);
}
