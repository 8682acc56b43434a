import type { Kysely } from 'kysely';
import { transitionActions } from '../actions/transition';
import { auditLateOutcomes, findRecordedSends, type PerRowValues } from '../db/repositories/actions';
import { insertActivities } from '../db/repositories/activities';
import type { Database } from '../db/schema';
import { payloadHash } from '../lib/canonical-hash';
import type { Logger } from '../lib/log';
import type { ApprovedSend } from './dispatcher-claim';
import type { DeliveryResult } from './smtp';

export type Outcome = { send: ApprovedSend; result: DeliveryResult };
export type RetryPolicy = { maxAttempts: number; backoffMs: number };
export type OutcomeCounts = { sent: number; retried: number; failed: number; unknown: number };

const MAX_BACKOFF_MS = 6 * 3600_000;

/**
 * Records what the channel answered, one statement per outcome kind. Only the lease owner may
 * record: `sent` is accepted from `sending` or from `delivery_unknown` (the sweeper gave up on a
 * slow send that did complete), everything else only from `sending`. A human can no longer move an
 * action that is `sending`; one that left it after its lease ran out (a human resolved the unknown
 * delivery) keeps the human's status, and the channel's answer still goes into its history.
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
  const late: { id: string; data: Record<string, unknown> }[] = [];
  const missed = (outcome: string, wanted: PerRowValues[], rows: readonly { id: string }[]) => {
    const moved = new Set(rows.map((r) => r.id));
    for (const v of wanted) if (!moved.has(v.id)) late.push({ id: v.id, data: { outcome, ...(v.audit ?? {}), ...lateFields(v) } });
    return rows.length;
  };
  if (sent.length) {
    const rows = await transitionActions(db, {
      to: 'sent',
      actor,
      from: ['sending', 'delivery_unknown'],
      leaseOwner: owner,
      perRow: sent,
      set: { ...release, sent_at: 'now', reason: null, last_error: null },
    });
    counts.sent = missed('sent', sent, rows);
    // the person's timeline says the message left, whatever status a human gave the action since
    const delivered = new Set(sent.map((v) => v.id));
    const timeline = outcomes.filter((o) => delivered.has(o.send.actionId) && o.send.personId);
    if (timeline.length) {
      await insertActivities(
        db,
        timeline.map(({ send }) => ({
          workspaceId: send.workspaceId,
          subjectType: 'person' as const,
          subjectId: send.personId!,
          kind: send.kind === 'meeting' ? 'meeting_invite_sent' : 'email_sent',
          actor: { type: 'system' as const, id: null },
          summary: String(send.payload.subject ?? ''),
          data: { actionId: send.actionId, messageId: send.message.messageId },
        })),
      );
    }
  }
  if (retry.length)
    counts.retried = missed(
      'retry',
      retry,
      await transitionActions(db, { to: 'scheduled', actor, from: ['sending'], leaseOwner: owner, perRow: retry, set: release, auditAction: 'action.retry_scheduled' }),
    );
  if (failed.length)
    counts.failed = missed('failed', failed, await transitionActions(db, { to: 'failed', actor, from: ['sending'], leaseOwner: owner, perRow: failed, set: release }));
  if (unknown.length)
    counts.unknown = missed('unknown', unknown, await transitionActions(db, { to: 'delivery_unknown', actor, from: ['sending'], leaseOwner: owner, perRow: unknown }));
  await auditLateOutcomes(db, actor, late);
  return counts;
}

const RECORD_RETRY_MS = 100;
const RECORD_RETRY_MAX_MS = 5000;

/**
 * recordOutcomes in one transaction, retried with backoff until it commits: the email has left,
 * so a database error (a restart, a dropped connection) must not turn its outcome into a
 * delivery_unknown. A retry first drops the sends already recorded `sent` with their message (the
 * previous try committed but its answer was lost), so nothing is recorded twice. `giveUp` (a
 * stopping dispatcher past its lease) ends the retries: those rows are then swept for a human.
 */
export async function recordOutcomesDurably(
  db: Kysely<Database>,
  owner: string,
  outcomes: Outcome[],
  policy: RetryPolicy,
  opts: { logger: Logger; giveUp?: () => boolean },
): Promise<OutcomeCounts> {
  for (let attempt = 1; ; attempt++) {
    try {
      let todo = outcomes;
      let already = 0;
      if (attempt > 1) {
        const sent = outcomes.filter((o) => o.result.outcome === 'sent').map((o) => ({ id: o.send.actionId, messageId: o.send.message.messageId }));
        const recorded = await findRecordedSends(db, sent);
        todo = outcomes.filter((o) => !recorded.has(o.send.actionId));
        already = recorded.size;
      }
      const counts = todo.length ? await db.transaction().execute((trx) => recordOutcomes(trx, owner, todo, policy)) : { sent: 0, retried: 0, failed: 0, unknown: 0 };
      if (attempt > 1) opts.logger.info({ owner, attempt, actions: outcomes.length }, 'dispatch outcomes recorded after a retry');
      return { ...counts, sent: counts.sent + already };
    } catch (err) {
      if (opts.giveUp?.()) throw err;
      const delay = Math.min(RECORD_RETRY_MAX_MS, RECORD_RETRY_MS * 2 ** Math.min(attempt - 1, 10));
      opts.logger.warn(
        { owner, attempt, actions: outcomes.length, retryInMs: delay, err: err instanceof Error ? err.message : String(err) },
        'could not record dispatch outcomes: retrying',
      );
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

/** What a late answer keeps in the history: the message sent (its id and hash) or the error. */
function lateFields(v: PerRowValues): Record<string, unknown> {
  if (v.message_id) return { messageId: v.message_id, executedHash: v.executed_hash, channelId: v.channel_id };
  return { error: v.last_error };
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
