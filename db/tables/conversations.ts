import type { ColumnType, Generated, Selectable } from 'kysely';

// Tables of the conversations (db/migrations/0014_conversations.ts).
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T> = ColumnType<T, string | T | undefined, string | T>;

export type InboundConnectorType = 'imap' | 'inbound_webhook';
/** imap: where to read; inbound_webhook: nothing (its secret is the signing key) */
export type InboundSettings = { host?: string; port?: number; secure?: boolean; noTls?: boolean; user?: string; mailbox?: string };
export type InboundSyncState = { uidValidity?: string | null; lastUid?: number };

export type InboundConnectorsTable = {
  id: string;
  workspace_id: string;
  type: InboundConnectorType;
  name: Generated<string>;
  settings: Json<InboundSettings>;
  /** sealed (lib/secrets.ts): the IMAP password, or the webhook's signing secret */
  secret: string | null;
  enabled: Generated<boolean>;
  sync_state: Json<InboundSyncState>;
  last_sync_at: NullableTimestamp;
  last_error: string | null;
  failures: Generated<number>;
  version: Generated<number>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
};

/** How a message found its conversation, strongest first ('domain' is shown as a guess). */
export type ThreadMatch = 'message_id' | 'references' | 'address' | 'domain' | 'none';

export type ConversationsTable = {
  id: string;
  workspace_id: string;
  person_id: string | null;
  subject: Generated<string>;
  match: ThreadMatch;
  /** the latest inbound message's category */
  category: string | null;
  needs_human: Generated<boolean>;
  unread: Generated<boolean>;
  handled_at: NullableTimestamp;
  last_message_at: ColumnType<Date, Date | string, Date | string>;
  version: Generated<number>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
};

export type MessageDirection = 'in' | 'out';

export type MessagesTable = {
  id: string;
  workspace_id: string;
  conversation_id: string;
  direction: MessageDirection;
  action_id: string | null;
  connector_id: string | null;
  message_id: string;
  in_reply_to: string | null;
  refs: ColumnType<string[], string[] | undefined, string[]>;
  from_email: string | null;
  from_name: Generated<string>;
  subject: Generated<string>;
  new_text: Generated<string>;
  full_text: Generated<string>;
  category: string | null;
  language: string | null;
  details: Json<Record<string, unknown>>;
  raw: Buffer | null;
  parse_error: string | null;
  dated_at: NullableTimestamp;
  received_at: DefaultedTimestamp;
};

export type ConversationsDatabase = {
  inbound_connectors: InboundConnectorsTable;
  conversations: ConversationsTable;
  messages: MessagesTable;
};

export type InboundConnectorRow = Selectable<InboundConnectorsTable>;
export type ConversationRow = Selectable<ConversationsTable>;
export type MessageRow = Selectable<MessagesTable>;
