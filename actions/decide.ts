import type { z } from 'zod';
import type { CrmCtx } from '../crm/context';
import { findAction, findActionStatuses, insertVersion, lockAction, type ActionChanges } from '../db/repositories/actions';
import type { Actor } from '../db/repositories/audit';
import type { ActionStatus } from '../db/tables/approval';
import { payloadHash } from '../lib/canonical-hash';
import { AppError, conflict, notFound } from '../lib/errors';
import type { Executor } from '../db/repositories/executor';
import type { BulkItemResultSchema } from './dto';
import { actionSentBackJob, actionsApprovedJob, LESSON_MAX } from './jobs';
import { expireIfDue } from './expiry';
import { applyEdit, type PayloadEdit } from './payload';
import { invalidTransition } from './states';
import { transitionActions } from './transition';

// Human decisions on actions. Each is one conditional statement (or one short transaction for
// edit-and-approve): of two concurrent approvals exactly one finds the row pending. What a
// decision hands over (a send-back to revise, approved drafts to learn from) is a job enqueued
// in the same transaction: it exists exactly when the decision committed.

export type DecisionResult = { id: string; status: ActionStatus; version: number };

const approveSet = (actor: Actor): ActionChanges => ({
  approveCurrent: true,
  approved_by_type: actor.type,
  approved_by_id: actor.id,
  approved_at: 'now',
  decided_by_id: actor.id,
  decided_at: 'now',
  next_attempt_at: 'now',
  attempts: 0,
  reason: null,
  last_error: null,
});

type Decided = { id: string; version: number; teammate: string | null };

/** Approved teammate drafts: the teammates learn from them (agents/drafter/learn.ts). */
async function handOverApproved(ctx: CrmCtx, tx: Executor, rows: readonly Decided[], edited: boolean): Promise<void> {
  const ids = rows.filter((r) => r.teammate !== null).map((r) => r.id);
  // a lesson carries at most LESSON_MAX drafts: a bigger bulk approval is several lessons
  for (let k = 0; k < ids.length; k += LESSON_MAX) {
    await ctx.jobs.send(actionsApprovedJob, { workspaceId: ctx.workspaceId, actionIds: ids.slice(k, k + LESSON_MAX), edited }, { tx });
  }
}

/** Sent back to the teammate that drafted them: each becomes a revision (one per action version). */
async function handOverSentBack(ctx: CrmCtx, tx: Executor, rows: readonly Decided[], reason: string): Promise<void> {
  for (const r of rows) {
    if (!r.teammate) continue;
    const data = { workspaceId: ctx.workspaceId, actionId: r.id, version: r.version, reason, teammate: r.teammate };
    await ctx.jobs.send(actionSentBackJob, data, { tx, singletonKey: `${r.id}:${r.version}` });
  }
}

/** Why a conditional transition found nothing: 404 outside the workspace, else 409. */
async function explainMiss(ctx: CrmCtx, id: string, to: ActionStatus, version?: number): Promise<never> {
  const a = await findAction(ctx.db, ctx.workspaceId, id);
  if (!a) throw notFound('action');
  if (version !== undefined && a.version !== version && a.status === 'pending_approval') {
    throw conflict(`this action changed since you opened it (now version ${a.version}); reload it and try again`, { currentVersion: a.version });
  }
  throw invalidTransition(a.status, to);
}

export async function approveAction(ctx: CrmCtx, id: string, opts: { payload?: PayloadEdit; version?: number } = {}): Promise<DecisionResult> {
  const edit = opts.payload && Object.values(opts.payload).some((v) => v !== undefined) ? opts.payload : null;
  if (edit) return approveEdited(ctx, id, edit, opts.version);
  const row = await ctx.db.transaction().execute(async (tx) => {
    // past its expiry it expires here, whether or not the periodic sweep came by
    await expireIfDue(tx, ctx.workspaceId, [id]);
    const [moved] = await transitionActions(tx, {
      to: 'approved',
      actor: ctx.actor,
      from: ['pending_approval'],
      workspaceId: ctx.workspaceId,
      ids: [id],
      version: opts.version,
      set: approveSet(ctx.actor),
    });
    if (moved) await handOverApproved(ctx, tx, [moved], false);
    return moved;
  });
  if (!row) return explainMiss(ctx, id, 'approved', opts.version);
  return { id: row.id, status: row.status, version: row.version };
}

/** Edit and approve: a new version by the human; proposed, approved and (later) executed stay apart. */
async function approveEdited(ctx: CrmCtx, id: string, edit: PayloadEdit, version?: number): Promise<DecisionResult> {
  const row = await ctx.db.transaction().execute(async (trx): Promise<{ moved: DecisionResult } | { refused: ActionStatus }> => {
    await expireIfDue(trx, ctx.workspaceId, [id]);
    const current = await lockAction(trx, ctx.workspaceId, id);
    if (!current) throw notFound('action');
    // answered after the commit, so that an expiry found here is kept
    if (current.status !== 'pending_approval') return { refused: current.status };
    if (version !== undefined && current.version !== version) {
      throw conflict(`this action changed since you opened it (now version ${current.version}); reload it and try again`, { currentVersion: current.version });
    }
    const payload = applyEdit(current.kind, current.current_payload, edit);
    const hash = payloadHash(payload);
    const changed = hash !== current.payload_hash;
    const nextVersion = changed ? current.version + 1 : current.version;
    const json = JSON.stringify(payload);
    const [moved] = await transitionActions(trx, {
      to: 'approved',
      actor: ctx.actor,
      from: ['pending_approval'],
      workspaceId: ctx.workspaceId,
      ids: [id],
      set: { ...approveSet(ctx.actor), current_payload: json, payload_hash: hash, version: nextVersion, approved_payload: json, approved_hash: hash },
      auditData: changed ? { edited: true, previousHash: current.payload_hash } : {},
    });
    if (!moved) throw invalidTransition(current.status, 'approved');
    if (changed) {
      await insertVersion(trx, { actionId: id, version: nextVersion, payload, payloadHash: hash, author: ctx.actor, reviewer: null, note: 'edited on approval' });
    }
    await handOverApproved(ctx, trx, [moved], changed);
    return { moved: { id, status: moved.status, version: moved.version } };
  });
  if ('refused' in row) throw invalidTransition(row.refused, 'approved');
  return row.moved;
}

/**
 * Reject. With sendBack, an action a teammate drafted goes back to the drafter (status draft,
 * a revision request with the reason); without a teammate to send it to, it is rejected.
 */
export async function rejectAction(ctx: CrmCtx, id: string, opts: { reason: string; sendBack: boolean }): Promise<DecisionResult> {
  const a = await findAction(ctx.db, ctx.workspaceId, id);
  if (!a) throw notFound('action');
  const back = opts.sendBack && a.teammate !== null;
  const to: ActionStatus = back ? 'draft' : 'rejected';
  const row = await ctx.db.transaction().execute(async (tx) => {
    const [moved] = await transitionActions(tx, {
      to,
      actor: ctx.actor,
      from: ['pending_approval'],
      workspaceId: ctx.workspaceId,
      ids: [id],
      set: { reason: opts.reason, decided_by_id: ctx.actor.id, decided_at: 'now', revision_requested_at: back ? 'now' : null },
      auditAction: back ? 'action.sent_back' : 'action.rejected',
      auditData: { reason: opts.reason, sendBack: opts.sendBack },
    });
    if (moved && back) await handOverSentBack(ctx, tx, [moved], opts.reason);
    return moved;
  });
  if (!row) throw invalidTransition(a.status, to);
  return { id, status: row.status, version: row.version };
}

export async function ignoreAction(ctx: CrmCtx, id: string): Promise<DecisionResult> {
  const [row] = await transitionActions(ctx.db, {
    to: 'ignored',
    actor: ctx.actor,
    from: ['pending_approval'],
    workspaceId: ctx.workspaceId,
    ids: [id],
    set: { decided_by_id: ctx.actor.id, decided_at: 'now' },
  });
  if (!row) return explainMiss(ctx, id, 'ignored');
  return { id, status: row.status, version: row.version };
}

/**
 * Withdraw anything not yet handed to a channel (or a failed / unknown one). Once sending has
 * begun it is too late: the state machine leaves a `sending` action to the dispatcher (409).
 */
export async function cancelAction(ctx: CrmCtx, id: string, reason?: string): Promise<DecisionResult> {
  const [row] = await transitionActions(ctx.db, {
    to: 'cancelled',
    actor: ctx.actor,
    workspaceId: ctx.workspaceId,
    ids: [id],
    set: { reason: reason ?? 'cancelled by a user', decided_by_id: ctx.actor.id, decided_at: 'now' },
    auditData: reason ? { reason } : {},
  });
  if (!row) return explainMiss(ctx, id, 'cancelled');
  return { id, status: row.status, version: row.version };
}

export type Resolution = 'sent' | 'resend' | 'cancel';

/**
 * A human decides what a delivery_unknown (or failed) action became: it did arrive, send it
 * again (back to approved, same approved payload and hash), or drop it.
 */
export async function resolveAction(ctx: CrmCtx, id: string, outcome: Resolution): Promise<DecisionResult> {
  if (outcome === 'cancel') return cancelAction(ctx, id, 'dropped after a delivery problem');
  const to: ActionStatus = outcome === 'sent' ? 'sent' : 'approved';
  const [row] = await transitionActions(ctx.db, {
    to,
    actor: ctx.actor,
    from: outcome === 'sent' ? ['delivery_unknown'] : ['delivery_unknown', 'failed'],
    workspaceId: ctx.workspaceId,
    ids: [id],
    wasApproved: true,
    set:
      outcome === 'sent'
        ? { sent_at: 'now-unless-set', lease: null }
        : { next_attempt_at: 'now', attempts: 0, last_error: null, reason: null, lease: null, decided_by_id: ctx.actor.id, decided_at: 'now' },
    auditAction: outcome === 'sent' ? 'action.confirmed_sent' : 'action.resend_approved',
  });
  if (!row) return explainMiss(ctx, id, to);
  return { id, status: row.status, version: row.version };
}

export type BulkOp = 'approve' | 'reject' | 'ignore';
export type BulkItemResult = z.infer<typeof BulkItemResultSchema>;
export const BULK_MAX = 500;
export const BULK_MEMBER_MAX_APPROVALS = 50;

/** Approve / reject / ignore many actions across runs: one statement per outcome, one result per id. */
export async function bulkDecide(ctx: CrmCtx, input: { op: BulkOp; ids: string[]; reason?: string; sendBack?: boolean }): Promise<BulkItemResult[]> {
  const ids = [...new Set(input.ids)];
  if (input.op === 'approve' && ids.length > BULK_MEMBER_MAX_APPROVALS && ctx.role !== 'admin') {
    throw new AppError('forbidden', `approving more than ${BULK_MEMBER_MAX_APPROVALS} actions at once is admin-only: ask an administrator of your workspace`);
  }
  const moved = new Map<string, ActionStatus>();
  const common = { actor: ctx.actor, workspaceId: ctx.workspaceId, from: ['pending_approval'] as ActionStatus[] };
  const record = (rows: { id: string; status: ActionStatus }[]) => {
    for (const r of rows) moved.set(r.id, r.status);
  };
  if (input.op === 'approve') {
    await ctx.db.transaction().execute(async (tx) => {
      await expireIfDue(tx, ctx.workspaceId, ids);
      const rows = await transitionActions(tx, { ...common, to: 'approved', ids, set: approveSet(ctx.actor), auditData: { bulk: true } });
      record(rows);
      await handOverApproved(ctx, tx, rows, false);
    });
  } else if (input.op === 'ignore') {
    record(await transitionActions(ctx.db, { ...common, to: 'ignored', ids, set: { decided_by_id: ctx.actor.id, decided_at: 'now' }, auditData: { bulk: true } }));
  } else {
    const reason = input.reason ?? '';
    const decided: ActionChanges = { reason, decided_by_id: ctx.actor.id, decided_at: 'now' };
    if (input.sendBack) {
      await ctx.db.transaction().execute(async (tx) => {
        const back = await transitionActions(tx, {
          ...common,
          to: 'draft',
          ids,
          draftedByTeammate: true,
          set: { ...decided, revision_requested_at: 'now' },
          auditAction: 'action.sent_back',
          auditData: { bulk: true, reason, sendBack: true },
        });
        record(back);
        await handOverSentBack(ctx, tx, back, reason);
      });
    }
    const rest = ids.filter((id) => !moved.has(id));
    record(await transitionActions(ctx.db, { ...common, to: 'rejected', ids: rest, set: decided, auditData: { bulk: true, reason, sendBack: Boolean(input.sendBack) } }));
  }
  const missing = ids.filter((id) => !moved.has(id));
  const current = new Map<string, ActionStatus>();
  if (missing.length) {
    const rows = await findActionStatuses(ctx.db, ctx.workspaceId, missing);
    for (const r of rows) current.set(r.id, r.status);
  }
  const target: ActionStatus = input.op === 'approve' ? 'approved' : input.op === 'ignore' ? 'ignored' : 'rejected';
  return ids.map((id): BulkItemResult => {
    const done = moved.get(id);
    if (done) return { id, ok: true, status: 200, actionStatus: done, error: null };
    const now = current.get(id);
    if (!now) return { id, ok: false, status: 404, actionStatus: null, error: 'action not found' };
    return { id, ok: false, status: 409, actionStatus: now, error: invalidTransition(now, target).message };
  });
}
