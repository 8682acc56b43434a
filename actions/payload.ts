import { z } from 'zod';
import { DateTimeSchema, UuidSchema } from '../crm/schemas';
import type { ActionKind } from '../db/tables/approval';
import { LanguageSchema, type Language } from '../lib/language';
import { parseWith, storableString } from '../lib/validation';

// Shapes of outbound proposals (what a tool call or the API hands in) and of the payloads
// stored on actions (what a human approves and the dispatcher executes, recipient included).
// payloads are stored as jsonb: every text is one Postgres can store (no NUL, no lone surrogate)
const text = (min: number, max: number, label = 'is required') => storableString().trim().min(min, label).max(max);

export const ActionKindSchema = z.enum(['email', 'message', 'meeting']);
export const ReviewerVerdictSchema = z.enum(['passed', 'needs_attention', 'failed']);

export const OriginSchema = z
  .object({
    teammate: z.string().trim().min(1).max(60).optional(),
    runId: z.string().min(1).max(120).optional(),
    threadId: z.string().min(1).max(120).optional(),
    toolCallId: z.string().min(1).max(200).optional(),
  })
  .strict();

export const ReviewerSchema = z
  .object({
    verdict: ReviewerVerdictSchema,
    notes: z
      .union([storableString().max(4000), z.array(storableString().max(2000)).max(50)])
      .default([])
      .transform((n) => (typeof n === 'string' ? (n ? [n] : []) : n)),
  })
  .strict();

const subject = text(1, 300);
const body = text(1, 20_000);
const meetingFields = {
  startsAt: DateTimeSchema,
  durationMinutes: z.number().int().min(5).max(480),
  location: storableString().trim().max(300).optional(),
};

// What anyone may say about the target and the content.
const targetFields = {
  personId: UuidSchema,
  companyId: UuidSchema.optional(),
  dealId: UuidSchema.optional(),
  language: LanguageSchema.optional(),
  sequenceStep: z.number().int().min(1).max(100).optional(),
  /** a caller-chosen key: a retried call with the same key returns the same action */
  idempotencyKey: z.string().min(1).max(200).optional(),
};
// Only teammates (in-process callers) may state where a proposal comes from and what the reviewer
// said: over the API these would let a caller impersonate a teammate and trip an auto-approve rule.
const teammateFields = {
  origin: OriginSchema.optional(),
  reviewer: ReviewerSchema.optional(),
  initialStatus: z.enum(['draft', 'in_review', 'pending_approval']).optional(),
};

const email = { kind: z.literal('email'), subject, body };
const message = { kind: z.literal('message'), body };
const meeting = { kind: z.literal('meeting'), subject, body, ...meetingFields };

export const ApiProposalSchema = z.discriminatedUnion('kind', [
  z.object({ ...email, ...targetFields }).strict(),
  z.object({ ...message, ...targetFields }).strict(),
  z.object({ ...meeting, ...targetFields }).strict(),
]);

export const ProposalSchema = z.discriminatedUnion('kind', [
  z.object({ ...email, ...targetFields, ...teammateFields }).strict(),
  z.object({ ...message, ...targetFields, ...teammateFields }).strict(),
  z.object({ ...meeting, ...targetFields, ...teammateFields }).strict(),
]);

export type ApiProposal = z.infer<typeof ApiProposalSchema>;
/** What `proposeOutbound` accepts (the input type, before defaults). */
export type OutboundProposal = z.input<typeof ProposalSchema>;
export type ParsedProposal = z.infer<typeof ProposalSchema>;
export type ActionOriginInput = z.infer<typeof OriginSchema>;
export type ReviewerInput = z.input<typeof ReviewerSchema>;

// Stored payloads: the recipient is part of what is approved and hashed.
export const RecipientSchema = z.object({ email: z.string().min(3).max(320), name: z.string().max(300) }).strict();
/** An email's content, as a teammate drafts it and a human approves it (the recipient aside). */
export const EmailContentSchema = z.object({ subject, body, language: LanguageSchema }).strict();
export type EmailContent = z.infer<typeof EmailContentSchema>;
export const EmailPayloadSchema = EmailContentSchema.extend({ to: RecipientSchema }).strict();
export const MessagePayloadSchema = z.object({ to: RecipientSchema, body, language: LanguageSchema }).strict();
export const MeetingPayloadSchema = z.object({ to: RecipientSchema, subject, body, language: LanguageSchema, ...meetingFields, location: z.string().max(300) }).strict();

export type Recipient = z.infer<typeof RecipientSchema>;
export type EmailPayload = z.infer<typeof EmailPayloadSchema>;
export type MessagePayload = z.infer<typeof MessagePayloadSchema>;
export type MeetingPayload = z.infer<typeof MeetingPayloadSchema>;
export type ActionPayload = EmailPayload | MessagePayload | MeetingPayload;

export const payloadSchemaFor = (kind: ActionKind) => ({ email: EmailPayloadSchema, message: MessagePayloadSchema, meeting: MeetingPayloadSchema })[kind];

/** Edit-and-approve and revisions change the content, never the recipient. */
export const PayloadEditSchema = z
  .object({
    subject: subject.optional(),
    body: body.optional(),
    startsAt: meetingFields.startsAt.optional(),
    durationMinutes: meetingFields.durationMinutes.optional(),
    location: meetingFields.location,
  })
  .strict();
export type PayloadEdit = z.infer<typeof PayloadEditSchema>;

export function buildPayload(p: ParsedProposal, to: Recipient, language: Language): ActionPayload {
  switch (p.kind) {
    case 'email':
      return { to, subject: p.subject, body: p.body, language };
    case 'message':
      return { to, body: p.body, language };
    case 'meeting':
      return { to, subject: p.subject, body: p.body, language, startsAt: p.startsAt, durationMinutes: p.durationMinutes, location: p.location ?? '' };
  }
}

/** Applies an edit to a stored payload and validates the result against the kind's shape. */
export function applyEdit(kind: ActionKind, current: Record<string, unknown>, edit: PayloadEdit): ActionPayload {
  const merged: Record<string, unknown> = { ...current };
  for (const [k, v] of Object.entries(edit)) if (v !== undefined) merged[k] = v;
  if (kind === 'message') delete merged.subject;
  // an edit that does not fit the kind (a duration on an email) is a 400 naming the field
  return parseWith(payloadSchemaFor(kind), merged);
}
