import type { Kysely } from 'kysely';
import { transitionActions } from '../actions/transition';
import type { PerRowValues } from '../db/repositories/actions';
import { insertActivities } from '../db/repositories/activities';
import type { Database } from '../db/schema';
import { payloadHash } from '../lib/canonical-hash';
import type { ApprovedSend } from './dispatcher-claim';
import type { DeliveryResult } from './smtp';

export type Outcome = { send: ApprovedSend; result: DeliveryResult };
export type RetryPolicy = { maxAttempts: number; backoffMs: number };
export type OutcomeCounts = { sent: number; retried: number; failed: number; unknown: number };

const MAX_BACKOFF_MS = 6 * 3600_000;

/**
 * Records what the channel answered, one statement per outcome kind. Only the lease owner may
 * record: `sent` is accepted from `sending` or from `delivery_unknown` (the sweeper gave up on a
 * slow send that did complete), everything else only from `sending`.
 */
export async function recordOutcomes(db: Kysely<Database>, owner: string, outcomes: Outcome[], policy: RetryPolicy): Promise<OutcomeCounts> {
  const actor = { type: 'system' as const, id: `dispatcher:${owner}` };
  const release = { lease: null };
  const sent: PerRowValues[] = [];
  const retry: PerRowValues[] = [];
  const failed: PerRowValues[] = [];
  const unknown: PerRowValues[] = [];
  for (const { send, result } of outcomes) {
    const id = send.actionId;
    if (result.outcome === 'sent') {
      const m = send.message;
      const executed = { from: m.from, to: m.to, subject: m.subject, text: m.text, headers: m.headers, messageId: m.messageId, ics: m.ics, channelId: send.channel.id };
      sent.push({
        id,
        executed_payload: executed,
        executed_hash: payloadHash(executed),
        message_id: m.messageId,
        channel_id: send.channel.id,
        audit: { response: result.response.slice(0, 200) },
      });
    } else if (result.outcome === 'transient' && send.attempt < policy.maxAttempts) {
      const delay = Math.min(policy.backoffMs * 2 ** (send.attempt - 1), MAX_BACKOFF_MS);
      retry.push({
        id,
        next_attempt_at: new Date(Date.now() + delay),
        last_error: result.error,
        reason: 'temporary delivery problem, will retry',
        audit: { error: result.error, attempt: send.attempt },
      });
    } else if (result.outcome === 'unknown') {
      unknown.push({ id, last_error: result.error, reason: 'the connection broke during the send: delivery unknown', audit: { error: result.error } });
    } else {
      const why = result.outcome === 'transient' ? `gave up after ${send.attempt} attempts` : 'the mail server refused the message';
      failed.push({ id, last_error: result.error, reason: why, audit: { error: result.error, attempt: send.attempt } });
    }
  }
  const counts: OutcomeCounts = { sent: 0, retried: 0, failed: 0, unknown: 0 };
  if (sent.length) {
    const rows = await transitionActions(db, {
      to: 'sent',
      actor,
      from: ['sending', 'delivery_unknown'],
      leaseOwner: owner,
      perRow: sent,
      set: { ...release, sent_at: 'now', reason: null, last_error: null },
    });
    counts.sent = rows.length;
    const timeline = rows.filter((r) => r.person_id);
    if (timeline.length) {
      await insertActivities(
        db,
        timeline.map((r) => ({
          workspaceId: r.workspace_id,
          subjectType: 'person' as const,
          subjectId: r.person_id!,
          kind: r.kind === 'meeting' ? 'meeting_invite_sent' : 'email_sent',
          actor: { type: 'system' as const, id: null },
          summary: String((r.approved_payload as { subject?: unknown } | null)?.subject ?? ''),
          data: { actionId: r.id, messageId: r.message_id },
        })),
      );
    }
  }
  if (retry.length)
    counts.retried = (
      await transitionActions(db, { to: 'scheduled', actor, from: ['sending'], leaseOwner: owner, perRow: retry, set: release, auditAction: 'action.retry_scheduled' })
    ).length;
  if (failed.length) counts.failed = (await transitionActions(db, { to: 'failed', actor, from: ['sending'], leaseOwner: owner, perRow: failed, set: release })).length;
  if (unknown.length) counts.unknown = (await transitionActions(db, { to: 'delivery_unknown', actor, from: ['sending'], leaseOwner: owner, perRow: unknown })).length;
  return counts;
}

/** An action found `sending` past its lease: its worker died or hung. Never resent automatically. */
export async function sweepExpiredLeases(db: Kysely<Database>, limit = 500): Promise<number> {
  const rows = await transitionActions(db, {
    to: 'delivery_unknown',
    actor: { type: 'system', id: 'dispatcher:sweeper' },
    from: ['sending'],
    leaseExpired: true,
    orderBy: 'lease_expires_at',
    limit,
    skipLocked: true,
    set: { reason: 'the dispatcher stopped while sending: a human must check whether it arrived', lease_expires_at: null },
    auditData: { sweep: 'lease_expired' },
  });
  return rows.length;
}
