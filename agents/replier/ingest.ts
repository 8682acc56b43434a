import type { Kysely } from 'kysely';
import { applyReply, type ReplyEffects, type ReplyOutcome } from '../../actions/replies';
import { parseMessage } from '../../channels/inbound/parse';
import { findThread, messageKey, referencedIds } from '../../channels/inbound/thread';
import { insertActivity } from '../../db/repositories/activities';
import * as repo from '../../db/repositories/conversations';
import type { Database } from '../../db/schema';
import type { ThreadMatch } from '../../db/tables/conversations';
import { uuidv7 } from '../../lib/ids';
import { classifyMessage } from './classify';
import type { ReplyCategory, ReplyClassification } from './state';

// An inbound message, from IMAP or the webhook, end to end: parsed (never dropped: a message
// that cannot be read is stored raw with its error), stored once, threaded, understood, and its
// effects applied in the same transaction (a pending follow-up is cancelled with the reply that
// made it stale, or not at all).

export type IngestResult =
  | { duplicate: true }
  | { duplicate: false; messageId: string; conversationId: string; personId: string | null; match: ThreadMatch; classification: ReplyClassification; effects: ReplyEffects };

/** Replies someone has to read and answer (the "needs a human" filter, the Dashboard's count). */
const NEEDS_HUMAN: readonly ReplyCategory[] = ['interested', 'meeting_request', 'question', 'wrong_person', 'other', 'bounce_hard', 'not_now'];

function outcomeOf(c: ReplyClassification): ReplyOutcome {
  switch (c.category) {
    case 'interested':
    case 'meeting_request':
      return { kind: 'human', status: 'qualified' };
    case 'not_interested':
      return { kind: 'human', status: 'disqualified' };
    case 'unsubscribe':
      return { kind: 'human', status: 'disqualified', unsubscribe: true };
    case 'out_of_office':
      return { kind: 'out_of_office', until: c.returnDate ?? null };
    case 'auto_reply':
      return { kind: 'auto_reply' };
    case 'bounce_hard':
      return { kind: 'bounce_hard' };
    case 'bounce_soft':
      return { kind: 'bounce_soft' };
    default:
      return { kind: 'human', status: 'replied' };
  }
}

/** A Date header in the future (a wrong clock) or missing counts as "received now". */
function dateOf(d: Date | undefined, now: Date): Date {
  return d && !Number.isNaN(d.getTime()) && d.getTime() <= now.getTime() + 3600_000 ? d : now;
}

const MAX_TEXT = 200_000;

export async function ingestMessage(db: Kysely<Database>, workspaceId: string, raw: Uint8Array, source: { connectorId: string | null }): Promise<IngestResult> {
  const parsed = await parseMessage(raw);
  const key = messageKey(parsed, raw);
  // the same message synced twice, or by IMAP and the webhook: stored once, understood once
  if (await repo.messageExists(db, workspaceId, key)) return { duplicate: true };
  const { classification } = classifyMessage(parsed);
  const now = new Date();
  const at = dateOf(parsed.date, now);
  try {
    return await db.transaction().execute(async (tx) => {
      const thread = await findThread(tx, workspaceId, parsed, at);
      const id = await repo.insertMessageOnce(tx, {
        id: uuidv7(),
        workspace_id: workspaceId,
        conversation_id: thread.conversationId,
        direction: 'in',
        connector_id: source.connectorId,
        message_id: key,
        in_reply_to: parsed.inReplyTo ?? null,
        refs: referencedIds(parsed),
        from_email: parsed.from?.address ?? null,
        from_name: (parsed.from?.name ?? '').slice(0, 300),
        subject: parsed.subject.slice(0, 1000),
        new_text: parsed.newText.slice(0, MAX_TEXT),
        full_text: parsed.text.slice(0, MAX_TEXT),
        category: classification.category,
        language: classification.language,
        details: JSON.stringify(detailsOf(classification)),
        raw: Buffer.from(raw),
        parse_error: parsed.parseError ?? null,
        dated_at: parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date : null,
      });
      if (!id) throw new Duplicate(); // another worker stored it first: roll back the thread we opened
      await repo.touchConversation(tx, workspaceId, thread.conversationId, {
        at,
        category: classification.category,
        needsHuman: NEEDS_HUMAN.includes(classification.category),
      });
      const effects = await applyReply(tx, { workspaceId, personId: thread.personId, fromEmail: parsed.from?.address ?? null, at, outcome: outcomeOf(classification) });
      if (thread.personId) {
        await insertActivity(tx, {
          workspaceId,
          subjectType: 'person',
          subjectId: thread.personId,
          kind: 'reply_received',
          actor: { type: 'system', id: 'replies' },
          summary: parsed.subject.slice(0, 200),
          data: { conversationId: thread.conversationId, category: classification.category, match: thread.match, cancelled: effects.cancelled },
          occurredAt: at,
        });
      }
      return {
        duplicate: false as const,
        messageId: id,
        conversationId: thread.conversationId,
        personId: thread.personId,
        match: thread.match,
        classification,
        effects,
      };
    });
  } catch (err) {
    if (err instanceof Duplicate) return { duplicate: true };
    throw err;
  }
}

class Duplicate extends Error {}

function detailsOf(c: ReplyClassification): Record<string, unknown> {
  return { ...(c.returnDate ? { returnDate: c.returnDate } : {}), ...(c.referral ? { referral: c.referral } : {}) };
}
