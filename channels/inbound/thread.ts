import { createHash } from 'node:crypto';
import * as repo from '../../db/repositories/conversations';
import type { Executor } from '../../db/repositories/executor';
import type { ThreadMatch } from '../../db/tables/conversations';
import { UUID_RE, uuidv7 } from '../../lib/ids';
import type { ParsedMessage } from './parse';

// Threading an inbound message (issue: RFC 5322 §3.6.4), strongest evidence first:
//  1. one of our Message-IDs (`<actionId@domain>`, actions/render-email.ts) in In-Reply-To or
//     References (or in the returned headers of a bounce): the action's person;
//  2. the Message-ID of a message already stored in a conversation;
//  3. the sender's address: a person with that address;
//  4. the sender's company domain (not a mailbox provider's): a guess, shown as one;
//  5. nothing: an unmatched conversation, never an error.

/** Mailbox providers: a shared domain says nothing about the company. */
const PUBLIC_DOMAINS = new Set([
  'gmail.com',
  'googlemail.com',
  'hotmail.com',
  'hotmail.fr',
  'outlook.com',
  'outlook.fr',
  'live.com',
  'live.fr',
  'msn.com',
  'yahoo.com',
  'yahoo.fr',
  'icloud.com',
  'me.com',
  'orange.fr',
  'wanadoo.fr',
  'free.fr',
  'sfr.fr',
  'neuf.fr',
  'laposte.net',
  'bbox.fr',
  'aol.com',
  'gmx.fr',
  'gmx.com',
  'protonmail.com',
  'proton.me',
]);

const MESSAGE_ID_HEADER = /^message-id:\s*(<[^<>\s]+>)/gim;

const bare = (id: string) => id.replace(/^<|>$/g, '').trim();

/** The stored key of a message: its Message-ID without brackets, or the hash of its bytes when it has none. */
export function messageKey(parsed: Pick<ParsedMessage, 'messageId'>, raw: Uint8Array): string {
  return (parsed.messageId && bare(parsed.messageId)) || `sha256:${createHash('sha256').update(raw).digest('hex')}`;
}

/** Every Message-ID the message points back to: In-Reply-To, References, and a bounce's returned headers. */
export function referencedIds(parsed: Pick<ParsedMessage, 'inReplyTo' | 'references' | 'reports'>): string[] {
  const ids = [...(parsed.inReplyTo ? [parsed.inReplyTo] : []), ...[...parsed.references].reverse()];
  for (const r of parsed.reports) for (const m of r.content.matchAll(MESSAGE_ID_HEADER)) ids.push(m[1]);
  return [...new Set(ids.map(bare).filter(Boolean))];
}

/** The action ids named by our own Message-IDs among these. */
export function actionIdsIn(ids: readonly string[]): string[] {
  return ids.map((id) => id.split('@')[0]).filter((local) => UUID_RE.test(local));
}

export type Thread = { conversationId: string; personId: string | null; match: ThreadMatch; created: boolean };

/** Finds (or opens) the conversation of an inbound message. */
export async function findThread(tx: Executor, workspaceId: string, parsed: ParsedMessage, at: Date): Promise<Thread> {
  const refs = referencedIds(parsed);
  const actionIds = actionIdsIn(refs);
  if (actionIds.length) {
    const [action] = await repo.findActionRecipients(tx, workspaceId, actionIds);
    if (action) return openFor(tx, workspaceId, action.person_id, 'message_id', parsed, at);
  }
  if (refs.length) {
    const known = await repo.findConversationByMessageIds(tx, workspaceId, refs);
    if (known) return { conversationId: known.id, personId: known.person_id, match: 'references', created: false };
  }
  const from = parsed.from?.address;
  if (from) {
    const [person] = await repo.findPeopleByEmail(tx, workspaceId, from);
    if (person) return openFor(tx, workspaceId, person.id, 'address', parsed, at);
    const domain = from.split('@')[1];
    if (domain && !PUBLIC_DOMAINS.has(domain)) {
      const people = await repo.findPeopleByDomain(tx, workspaceId, domain);
      // one colleague at that domain is a guess worth showing; several would be a coin toss
      if (people.length === 1) return openFor(tx, workspaceId, people[0].id, 'domain', parsed, at, true);
    }
  }
  return openFor(tx, workspaceId, null, 'none', parsed, at, true);
}

/** The person's latest conversation, or a new one. A weak match always opens its own thread. */
async function openFor(tx: Executor, workspaceId: string, personId: string | null, match: ThreadMatch, parsed: ParsedMessage, at: Date, own = false): Promise<Thread> {
  if (personId && !own) {
    const latest = await repo.findLatestConversationOf(tx, workspaceId, personId);
    if (latest) return { conversationId: latest.id, personId, match, created: false };
  }
  const c = await repo.insertConversation(tx, {
    id: uuidv7(),
    workspace_id: workspaceId,
    person_id: personId,
    subject: parsed.subject.slice(0, 500),
    match,
    category: null,
    last_message_at: at,
  });
  return { conversationId: c.id, personId, match, created: true };
}
