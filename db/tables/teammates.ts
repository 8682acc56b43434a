import type { ColumnType, Generated, Selectable } from 'kysely';
import type { Language } from '../../lib/language';

// Tables of the teammates capability (db/migrations/0004_teammates.ts).
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string | T | undefined, string | T>;

export type TeammateMode = 'offline' | 'model';
export type RunKind = 'chat' | 'revise';
export type RunStatus = 'running' | 'succeeded' | 'failed' | 'awaiting_reply';
export type ChatRole = 'user' | 'assistant';
export type LeadDraftStatus = 'queued' | 'needs_attention' | 'failed';

export type ChatThreadsTable = {
  id: string;
  workspace_id: string;
  user_id: string | null;
  title: Generated<string>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
};

export type TeammateRunsTable = {
  id: string;
  workspace_id: string;
  thread_id: string;
  request_id: string;
  kind: RunKind;
  mode: TeammateMode;
  model: string | null;
  status: RunStatus;
  started_at: DefaultedTimestamp;
  finished_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  duration_ms: number | null;
  model_calls: Generated<number>;
  tokens_in: Generated<number>;
  tokens_out: Generated<number>;
  cost_usd: Generated<number>;
  error: string | null;
  result: Json<Record<string, unknown>>;
  /** what the run was asked (0007): any worker can start or resume it from this */
  input: Json<Record<string, unknown>>;
  attempts: Generated<number>;
  lease_owner: string | null;
  lease_expires_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
};

export type ChatMessagesTable = {
  id: string;
  workspace_id: string;
  thread_id: string;
  run_id: string | null;
  role: ChatRole;
  content: string;
  data: Json<Record<string, unknown>>;
  created_at: DefaultedTimestamp;
};

export type RunEventsTable = {
  id: Generated<number>;
  workspace_id: string;
  thread_id: string;
  run_id: string;
  kind: string;
  data: Json<Record<string, unknown>>;
  created_at: DefaultedTimestamp;
};

export type LeadDraftsTable = {
  workspace_id: string;
  request_id: string;
  person_id: string;
  action_id: string | null;
  run_id: string | null;
  status: LeadDraftStatus;
  language: Language;
  /** the last version drafted, the base of a revision */
  subject: string | null;
  body: string | null;
  rounds: Generated<number>;
  notes: Json<string[]>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
};

export type StyleExamplesTable = {
  id: string;
  workspace_id: string;
  action_id: string;
  language: Language;
  subject: string;
  body: string;
  source: 'approved' | 'edited';
  /** what the lead was (activity, city…): examples are retrieved by similarity to it */
  context: Generated<string>;
  created_at: DefaultedTimestamp;
};

export type TeammatesDatabase = {
  chat_threads: ChatThreadsTable;
  teammate_runs: TeammateRunsTable;
  chat_messages: ChatMessagesTable;
  run_events: RunEventsTable;
  lead_drafts: LeadDraftsTable;
  style_examples: StyleExamplesTable;
};

export type ChatThread = Selectable<ChatThreadsTable>;
export type TeammateRun = Selectable<TeammateRunsTable>;
export type ChatMessage = Selectable<ChatMessagesTable>;
export type RunEvent = Selectable<RunEventsTable>;
export type LeadDraft = Selectable<LeadDraftsTable>;
