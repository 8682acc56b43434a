import type { ActionSummaryRow } from '../db/repositories/actions';
import type { ActionRow, ActionStatus, ActionVersionRow } from '../db/tables/approval';

/** A Library list row as stored (the Portal's Dashboard shows these directly). */
export type { ActionSummaryRow };

// Row → API (camelCase), shared by the routes, the Portal and the CLI.
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Why an action is not moving: shown beside approved / scheduled actions in the Library. */
export function waitingReason(a: { status: ActionStatus; kind: string; reason: string | null }, hasChannel: boolean): string | null {
  if (a.status === 'approved' && a.kind === 'message') return 'no channel connected for messages';
  if (a.status === 'approved' && !hasChannel) return 'no channel connected';
  if (a.status === 'scheduled') return a.reason;
  return null;
}

export function actionSummaryDto(r: ActionSummaryRow, hasChannel: boolean) {
  return {
    id: r.id,
    kind: r.kind,
    status: r.status,
    version: r.version,
    personId: r.person_id,
    companyId: r.company_id,
    dealId: r.deal_id,
    teammate: r.teammate,
    sequenceStep: r.sequence_step,
    to: r.to,
    subject: r.subject,
    snippet: r.snippet,
    reviewerVerdict: r.verdict,
    reason: r.reason,
    waitingReason: waitingReason(r, hasChannel),
    revisionRequested: r.revision_requested_at !== null,
    expiresAt: iso(r.expires_at),
    approvedAt: iso(r.approved_at),
    approvedBy: r.approved_by_type,
    sentAt: iso(r.sent_at),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

export function actionDto(a: ActionRow, hasChannel: boolean) {
  return {
    id: a.id,
    kind: a.kind,
    status: a.status,
    version: a.version,
    personId: a.person_id,
    companyId: a.company_id,
    dealId: a.deal_id,
    teammate: a.teammate,
    origin: a.origin,
    sequenceStep: a.sequence_step,
    reviewer: a.reviewer,
    reason: a.reason,
    waitingReason: waitingReason(a, hasChannel),
    revisionRequestedAt: iso(a.revision_requested_at),
    payloads: { proposed: a.proposed_payload, current: a.current_payload, approved: a.approved_payload, executed: a.executed_payload },
    hashes: { current: a.payload_hash, approved: a.approved_hash, executed: a.executed_hash },
    approvedBy: a.approved_by_type ? { type: a.approved_by_type, id: a.approved_by_id, ruleId: a.rule_id } : null,
    approvedAt: iso(a.approved_at),
    decidedAt: iso(a.decided_at),
    expiresAt: iso(a.expires_at),
    messageId: a.message_id,
    attempts: a.attempts,
    nextAttemptAt: iso(a.next_attempt_at),
    lastError: a.last_error,
    sentAt: iso(a.sent_at),
    createdBy: { type: a.created_by_type, id: a.created_by_id },
    createdAt: iso(a.created_at),
    updatedAt: iso(a.updated_at),
  };
}

export function versionDto(v: ActionVersionRow) {
  return {
    version: v.version,
    payload: v.payload,
    payloadHash: v.payload_hash,
    author: { type: v.author_type, id: v.author_id },
    reviewer: v.reviewer,
    note: v.note,
    createdAt: iso(v.created_at),
  };
}
