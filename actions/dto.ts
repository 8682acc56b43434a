import { z } from 'zod';
import { pageSchema } from '../crm/dto';
import { ActorTypeSchema, DateTimeSchema, UuidSchema } from '../crm/schemas';
import type { ActionSummaryRow } from '../db/repositories/actions';
import type { ActionRow, ActionStatus, ActionVersionRow } from '../db/tables/approval';
import { ActionKindSchema, OriginSchema, ReviewerVerdictSchema } from './payload';
import { ACTION_STATUSES } from './states';

/** A Library list row as stored (the Portal's Dashboard shows these directly). */
export type { ActionSummaryRow };

// Row → API (camelCase), shared by the routes, the Portal and the CLI; each answers the shape its
// schema declares (the routes' OpenAPI responses and the typed test client).
function iso(d: Date): string;
function iso(d: Date | null): string | null;
function iso(d: Date | null): string | null {
  return d ? d.toISOString() : null;
}

export const ActionStatusSchema = z.enum(ACTION_STATUSES);
/** The reviewer's report as stored (the input side, ReviewerSchema, also takes notes as one string). */
export const ReviewerReportSchema = z.object({ verdict: ReviewerVerdictSchema, notes: z.array(z.string()) });
/** Payloads are free-form JSON (per kind; `{ redacted: true }` after an erasure). */
const PayloadSchema = z.record(z.string(), z.unknown());
const ActorRefSchema = z.object({ type: ActorTypeSchema, id: z.string().nullable() });
const nullableText = z.string().nullable();
const nullableId = UuidSchema.nullable();

/** Why an action is not moving: shown beside approved / scheduled actions in the Library. */
export function waitingReason(a: { status: ActionStatus; kind: string; reason: string | null }, hasChannel: boolean): string | null {
  if (a.status === 'approved' && a.kind === 'message') return 'no channel connected for messages';
  if (a.status === 'approved' && !hasChannel) return 'no channel connected';
  if (a.status === 'scheduled') return a.reason;
  return null;
}

export const ActionSummaryDtoSchema = z.object({
  id: UuidSchema,
  kind: ActionKindSchema,
  status: ActionStatusSchema,
  version: z.number().int(),
  personId: nullableId,
  companyId: nullableId,
  dealId: nullableId,
  teammate: nullableText,
  sequenceStep: z.number().int().nullable(),
  to: z.object({ email: z.string().optional(), name: z.string().optional() }).nullable(),
  subject: nullableText,
  /** the first 160 characters of the body */
  snippet: nullableText,
  reviewerVerdict: ReviewerVerdictSchema.nullable(),
  reason: nullableText,
  waitingReason: nullableText,
  revisionRequested: z.boolean(),
  expiresAt: DateTimeSchema.nullable(),
  approvedAt: DateTimeSchema.nullable(),
  approvedBy: ActorTypeSchema.nullable(),
  /** the auto-approve rule that approved it, if one did */
  ruleId: nullableId,
  /** when a held (approved or scheduled) action is due to leave */
  nextAttemptAt: DateTimeSchema.nullable(),
  sentAt: DateTimeSchema.nullable(),
  createdAt: DateTimeSchema,
  updatedAt: DateTimeSchema,
});
export type ActionSummaryDto = z.infer<typeof ActionSummaryDtoSchema>;

/** The Library: a page of actions, the counts per status and the "Needs attention" number. */
export const ActionPageSchema = pageSchema(ActionSummaryDtoSchema).extend({
  counts: z.record(ActionStatusSchema, z.number().int()),
  needsAttention: z.number().int(),
  channelConnected: z.boolean(),
});
export type ActionPage = z.infer<typeof ActionPageSchema>;

export function actionSummaryDto(r: ActionSummaryRow, hasChannel: boolean): ActionSummaryDto {
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
    ruleId: r.rule_id,
    nextAttemptAt: r.status === 'approved' || r.status === 'scheduled' ? iso(r.next_attempt_at) : null,
    sentAt: iso(r.sent_at),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

export const ActionDtoSchema = z.object({
  id: UuidSchema,
  kind: ActionKindSchema,
  status: ActionStatusSchema,
  version: z.number().int(),
  personId: nullableId,
  companyId: nullableId,
  dealId: nullableId,
  teammate: nullableText,
  origin: OriginSchema,
  sequenceStep: z.number().int().nullable(),
  reviewer: ReviewerReportSchema.nullable(),
  reason: nullableText,
  waitingReason: nullableText,
  revisionRequestedAt: DateTimeSchema.nullable(),
  payloads: z.object({ proposed: PayloadSchema, current: PayloadSchema, approved: PayloadSchema.nullable(), executed: PayloadSchema.nullable() }),
  hashes: z.object({ current: z.string(), approved: nullableText, executed: nullableText }),
  approvedBy: ActorRefSchema.extend({ ruleId: nullableId }).nullable(),
  approvedAt: DateTimeSchema.nullable(),
  decidedAt: DateTimeSchema.nullable(),
  expiresAt: DateTimeSchema.nullable(),
  messageId: nullableText,
  attempts: z.number().int(),
  nextAttemptAt: DateTimeSchema.nullable(),
  lastError: nullableText,
  sentAt: DateTimeSchema.nullable(),
  createdBy: ActorRefSchema,
  createdAt: DateTimeSchema,
  updatedAt: DateTimeSchema,
});
export type ActionDto = z.infer<typeof ActionDtoSchema>;

export function actionDto(a: ActionRow, hasChannel: boolean): ActionDto {
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

export const ActionVersionDtoSchema = z.object({
  version: z.number().int(),
  payload: PayloadSchema,
  payloadHash: z.string(),
  author: ActorRefSchema,
  reviewer: ReviewerReportSchema.nullable(),
  note: z.string(),
  createdAt: DateTimeSchema,
});
export type ActionVersionDto = z.infer<typeof ActionVersionDtoSchema>;

export function versionDto(v: ActionVersionRow): ActionVersionDto {
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

const SenderSchema = z.object({ email: z.string(), name: z.string() });
/**
 * The message as the recipient reads it: rendered from the payload before sending
 * (actions/render-email.ts, with its opt-out URL), as sent afterwards (channels/dispatcher-outcomes.ts,
 * with the channel), or `{ redacted: true }` once the recipient was erased.
 */
export const ActionMessageSchema = z.union([
  z.object({
    from: SenderSchema.nullable(),
    to: SenderSchema,
    subject: z.string(),
    text: z.string(),
    messageId: z.string(),
    headers: z.record(z.string(), z.string()),
    ics: z.string().nullable(),
    unsubscribeUrl: z.string().optional(),
    channelId: UuidSchema.optional(),
  }),
  z.object({ redacted: z.literal(true) }),
]);
export type ActionMessage = z.infer<typeof ActionMessageSchema>;

/** One action in full (GET /actions/{id}): the message, the diff proposed → approved (or current), versions, history. */
export const ActionDetailDtoSchema = ActionDtoSchema.extend({
  message: ActionMessageSchema.nullable(),
  diff: z
    .object({
      against: z.enum(['approved', 'current']),
      subject: z.object({ before: nullableText, after: nullableText }).nullable(),
      body: z.array(z.object({ op: z.enum(['equal', 'add', 'remove']), text: z.string() })),
    })
    .nullable(),
  versions: z.array(ActionVersionDtoSchema),
  history: z.array(
    z.object({
      at: DateTimeSchema,
      action: z.string(),
      actor: ActorRefSchema,
      /** the status before and after, for a status change */
      from: nullableText,
      to: nullableText,
      data: z.record(z.string(), z.unknown()),
    }),
  ),
});
export type ActionDetailDto = z.infer<typeof ActionDetailDtoSchema>;

/** POST /actions: the action, and whether this call created it (false: an idempotent retry). */
export const ProposedActionDtoSchema = ActionDtoSchema.extend({ created: z.boolean() });

/** One id of a bulk decision: 200 decided, 404 not in this workspace, 409 not pending (the error says why). */
export const BulkItemResultSchema = z.object({
  id: z.string(),
  ok: z.boolean(),
  status: z.literal([200, 404, 409]),
  actionStatus: ActionStatusSchema.nullable(),
  error: nullableText,
});
export const BulkDecisionDtoSchema = z.object({
  results: z.array(BulkItemResultSchema),
  summary: z.object({ ok: z.number().int(), failed: z.number().int() }),
});
