import { z } from 'zod';
import * as repo from '../db/repositories/conversations';
import { decodeCursor } from '../db/repositories/pagination';
import { notFound } from '../lib/errors';
import type { CrmCtx } from './context';
import { staleVersion } from './companies';
import { cursor, DateTimeSchema, limit, UuidSchema, VersionSchema } from './schemas';

// Conversations: every reply that came back, threaded with what Relais sent, newest activity
// first. Reading is open to members; "marquer comme traité" too (it sends nothing).

export const CONVERSATION_CATEGORIES = [
  'interested',
  'meeting_request',
  'question',
  'not_interested',
  'not_now',
  'unsubscribe',
  'wrong_person',
  'out_of_office',
  'auto_reply',
  'bounce_hard',
  'bounce_soft',
  'other',
] as const;

export const ConversationListQuery = z
  .object({
    limit,
    cursor,
    category: z.enum(CONVERSATION_CATEGORIES).optional(),
    needsHuman: z.enum(['true', 'false']).optional(),
    personId: UuidSchema.optional(),
  })
  .strict();

const MatchSchema = z.enum(['message_id', 'references', 'address', 'domain', 'none']);
export const ConversationDtoSchema = z.object({
  id: UuidSchema,
  personId: UuidSchema.nullable(),
  personName: z.string().nullable(),
  /** the person's address, else the last sender's */
  email: z.string().nullable(),
  subject: z.string(),
  /** how the reply found its thread; 'domain' is a guess, 'none' an unmatched sender */
  match: MatchSchema,
  category: z.enum(CONVERSATION_CATEGORIES).nullable(),
  needsHuman: z.boolean(),
  unread: z.boolean(),
  handledAt: DateTimeSchema.nullable(),
  lastMessageAt: DateTimeSchema,
  version: z.number().int(),
});
export type ConversationDto = z.infer<typeof ConversationDtoSchema>;

export const MessageDtoSchema = z.object({
  id: UuidSchema,
  direction: z.enum(['in', 'out']),
  from: z.string().nullable(),
  subject: z.string(),
  /** what the sender wrote (quoted text and signature apart) */
  text: z.string(),
  /** the whole text, quoted part included */
  fullText: z.string(),
  category: z.enum(CONVERSATION_CATEGORIES).nullable(),
  details: z.record(z.string(), z.unknown()),
  parseError: z.string().nullable(),
  date: DateTimeSchema,
});
export type MessageDto = z.infer<typeof MessageDtoSchema>;
export const ConversationDetailSchema = ConversationDtoSchema.extend({ messages: z.array(MessageDtoSchema) });
export type ConversationDetail = z.infer<typeof ConversationDetailSchema>;

export const ConversationMarkSchema = z.object({ version: VersionSchema, handled: z.literal(true).optional(), read: z.literal(true).optional() }).strict();

type Category = (typeof CONVERSATION_CATEGORIES)[number];
const category = (c: string | null): Category | null => (c && (CONVERSATION_CATEGORIES as readonly string[]).includes(c) ? (c as Category) : null);
const nameOf = (r: { first_name: string | null; last_name: string | null }) => [r.first_name, r.last_name].filter(Boolean).join(' ') || null;

type ListRow = Awaited<ReturnType<typeof repo.listConversations>>['items'][number];
function conversationDto(r: Omit<ListRow, 'last_from' | 'created_at'> & { last_from?: string | null }): ConversationDto {
  return {
    id: r.id,
    personId: r.person_id,
    personName: nameOf(r),
    email: r.email ?? r.last_from ?? null,
    subject: r.subject,
    match: r.match,
    category: category(r.category),
    needsHuman: r.needs_human,
    unread: r.unread,
    handledAt: r.handled_at?.toISOString() ?? null,
    lastMessageAt: r.last_message_at.toISOString(),
    version: r.version,
  };
}

export async function listConversations(ctx: CrmCtx, q: z.infer<typeof ConversationListQuery>) {
  const page = await repo.listConversations(ctx.db, ctx.workspaceId, {
    limit: q.limit,
    after: decodeCursor(q.cursor),
    category: q.category,
    needsHuman: q.needsHuman === undefined ? undefined : q.needsHuman === 'true',
    personId: q.personId,
  });
  return { items: page.items.map(conversationDto), nextCursor: page.nextCursor };
}

/** A thread: its inbound messages and the emails Relais sent the person, in time order. */
export async function getConversation(ctx: CrmCtx, id: string): Promise<ConversationDetail> {
  const c = await repo.findConversation(ctx.db, ctx.workspaceId, id);
  if (!c) throw notFound('conversation');
  const inbound = await repo.listMessages(ctx.db, c.id);
  const sent = c.person_id ? await repo.listSentTo(ctx.db, ctx.workspaceId, c.person_id) : [];
  const messages: MessageDto[] = [
    ...inbound.map((m) => ({
      id: m.id,
      direction: m.direction,
      from: m.from_email,
      subject: m.subject,
      text: m.new_text,
      fullText: m.full_text,
      category: category(m.category),
      details: (m.details ?? {}) as Record<string, unknown>,
      parseError: m.parse_error,
      date: (m.dated_at ?? m.received_at).toISOString(),
    })),
    ...sent.map((a) => {
      const p = (a.executed_payload ?? {}) as { subject?: string; body?: string };
      return {
        id: a.id,
        direction: 'out' as const,
        from: null,
        subject: p.subject ?? '',
        text: p.body ?? '',
        fullText: p.body ?? '',
        category: null,
        details: { actionId: a.id },
        parseError: null,
        date: (a.sent_at ?? new Date(0)).toISOString(),
      };
    }),
  ].sort((x, y) => x.date.localeCompare(y.date));
  return { ...conversationDto(c), messages };
}

/** Read, or "traité": the thread leaves "needs a human". */
export async function markConversation(ctx: CrmCtx, id: string, input: z.infer<typeof ConversationMarkSchema>): Promise<ConversationDto> {
  const current = await repo.findConversation(ctx.db, ctx.workspaceId, id);
  if (!current) throw notFound('conversation');
  const updated = await repo.markConversation(ctx.db, ctx.workspaceId, id, input.version, { handled: input.handled, read: input.read });
  if (!updated) throw staleVersion(current.version);
  return conversationDto({ ...updated, first_name: current.first_name, last_name: current.last_name, email: current.email });
}
