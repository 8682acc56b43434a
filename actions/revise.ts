import type { CrmCtx } from '../crm/context';
import { ruleFactsByHash } from '../db/repositories/action-recipients';
import { insertVersion, listDraftsAwaitingRevision, lockAction, updateActionInPlace, type ActionChanges } from '../db/repositories/actions';
import { appendAudit } from '../db/repositories/audit';
import type { ActionOrigin, ActionRow, ActionStatus, ReviewerReport } from '../db/tables/approval';
import { payloadHash } from '../lib/canonical-hash';
import { AppError, notFound } from '../lib/errors';
import { z } from 'zod';
import { matchRule } from './auto-approve';
import { applyEdit, PayloadEditSchema, ReviewerSchema } from './payload';
import { parseWith } from '../lib/validation';
import { DEFAULT_PENDING_EXPIRY_DAYS } from './propose';
import { invalidTransition } from './states';
import { transitionActions } from './transition';

// Versions of one action: a drafter answers a sendBack (or a reviewer's loop) with a new version
// of the SAME action; every version is kept in action_versions with its author and review.

export const RevisionSchema = PayloadEditSchema.extend({
  reviewer: ReviewerSchema.optional(),
  /** where the new version goes: to the reviewer, or straight to the human (default) */
  status: z.enum(['in_review', 'pending_approval']).optional(),
}).strict();
export type RevisionInput = z.input<typeof RevisionSchema>;
export type RevisionResult = { actionId: string; status: ActionStatus; version: number };

const REVISABLE: readonly ActionStatus[] = ['draft', 'in_review', 'pending_approval'];

export async function reviseAction(ctx: CrmCtx, actionId: string, input: RevisionInput): Promise<RevisionResult> {
  const { reviewer, status, ...edit } = parseWith(RevisionSchema, input);
  return ctx.db.transaction().execute(async (trx) => {
    const current = await lockAction(trx, ctx.workspaceId, actionId);
    if (!current) throw notFound('action');
    const to: ActionStatus = status ?? 'pending_approval';
    if (!REVISABLE.includes(current.status)) throw invalidTransition(current.status, to);
    const payload = applyEdit(current.kind, current.current_payload, edit);
    const hash = payloadHash(payload);
    const version = current.version + 1;
    const facts = await ruleFactsByHash(trx, ctx.workspaceId, current.recipient_hash);
    const days = facts.settings.pendingExpiryDays ?? DEFAULT_PENDING_EXPIRY_DAYS;
    const review: ReviewerReport | null = reviewer ?? null;
    const set: ActionChanges = {
      current_payload: JSON.stringify(payload),
      payload_hash: hash,
      version,
      reviewer: review ? JSON.stringify(review) : null,
      revision_requested_at: null,
      expires_at: new Date(Date.now() + days * 86_400_000),
    };
    let row: ActionRow | undefined;
    if (current.status === to) {
      row = await updateActionInPlace(trx, ctx.workspaceId, actionId, current.version, set);
      await appendAudit(trx, {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        action: 'action.revised',
        subjectType: 'action',
        subjectId: actionId,
        data: { from: current.status, to, version, payloadHash: hash, previousHash: current.payload_hash },
      });
    } else {
      [row] = await transitionActions(trx, {
        to,
        actor: ctx.actor,
        from: [current.status],
        workspaceId: ctx.workspaceId,
        ids: [actionId],
        set,
        auditAction: 'action.revised',
        auditData: { previousHash: current.payload_hash },
      });
    }
    if (!row) throw new AppError('conflict', 'the action changed while being revised; try again');
    await insertVersion(trx, { actionId, version, payload, payloadHash: hash, author: ctx.actor, reviewer: review, note: 'revised' });

    let final: ActionStatus = row.status;
    const rule =
      to === 'pending_approval'
        ? matchRule(facts.rules, {
            kind: current.kind,
            teammate: current.teammate,
            sequenceStep: current.sequence_step,
            reviewerVerdict: review?.verdict ?? null,
            recipientApprovedBefore: facts.approved_before,
            now: new Date(),
          })
        : null;
    if (rule) {
      const [approved] = await transitionActions(trx, {
        to: 'approved',
        actor: { type: 'rule', id: rule.id },
        from: ['pending_approval'],
        ids: [actionId],
        set: {
          approveCurrent: true,
          approved_by_type: 'rule',
          approved_by_id: rule.id,
          rule_id: rule.id,
          approved_at: 'now',
          next_attempt_at: 'now',
        },
        auditData: { ruleId: rule.id },
      });
      if (approved) final = approved.status;
    }
    return { actionId, status: final, version };
  });
}

export type RevisionRequest = {
  actionId: string;
  version: number;
  reason: string;
  teammate: string | null;
  origin: ActionOrigin;
  personId: string | null;
  payload: Record<string, unknown>;
  reviewer: ReviewerReport | null;
  requestedAt: Date;
};

/** The durable queue of sendBacks: actions in draft with a revision requested, oldest first. */
export async function listRevisionRequests(ctx: CrmCtx, opts: { teammate?: string; limit?: number } = {}): Promise<RevisionRequest[]> {
  const rows = await listDraftsAwaitingRevision(ctx.db, ctx.workspaceId, { teammate: opts.teammate, limit: opts.limit ?? 50 });
  return rows.map((r) => ({
    actionId: r.id,
    version: r.version,
    reason: r.reason ?? '',
    teammate: r.teammate,
    origin: r.origin,
    personId: r.person_id,
    payload: r.current_payload,
    reviewer: r.reviewer,
    requestedAt: r.revision_requested_at!,
  }));
}
