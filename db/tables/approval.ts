import type { ColumnType, Generated, Selectable } from 'kysely';
import type { ActorType } from '../schema';

// Tables of the approval gate (db/migrations/0002_approval.ts): actions and their versions,
// status counters, channels, per-mailbox daily send counts, suppressions, auto-approve rules.
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string | undefined, string>;
type NullableJson<T> = ColumnType<T | null, string | null | undefined, string | null>;

export type ActionKind = 'email' | 'message' | 'meeting';
export type ActionStatus =
  | 'draft'
  | 'in_review'
  | 'pending_approval'
  | 'approved'
  | 'scheduled'
  | 'sending'
  | 'sent'
  | 'failed'
  | 'rejected'
  | 'ignored'
  | 'expired'
  | 'cancelled'
  | 'delivery_unknown';
export type ReviewerVerdict = 'passed' | 'needs_attention' | 'failed';
export type ReviewerReport = { verdict: ReviewerVerdict; notes: string[] };
export type ActionOrigin = { teammate?: string; runId?: string; threadId?: string; toolCallId?: string };
export type ChannelType = 'smtp';
export type SuppressionReason = 'opt_out' | 'erased' | 'manual';

export type ActionsTable = {
  id: string;
  workspace_id: string;
  kind: ActionKind;
  status: ActionStatus;
  version: Generated<number>;
  person_id: string | null;
  company_id: string | null;
  deal_id: string | null;
  /** sha256(lower(recipient email)): suppression checks without reading payloads */
  recipient_hash: string | null;
  proposed_payload: Json<Record<string, unknown>>;
  current_payload: Json<Record<string, unknown>>;
  payload_hash: string;
  approved_payload: NullableJson<Record<string, unknown>>;
  approved_hash: string | null;
  executed_payload: NullableJson<Record<string, unknown>>;
  executed_hash: string | null;
  teammate: string | null;
  origin: Json<ActionOrigin>;
  sequence_step: number | null;
  idempotency_key: string;
  reviewer: NullableJson<ReviewerReport>;
  reason: string | null;
  revision_requested_at: NullableTimestamp;
  expires_at: NullableTimestamp;
  created_by_type: ActorType;
  created_by_id: string | null;
  approved_by_type: ActorType | null;
  approved_by_id: string | null;
  approved_at: NullableTimestamp;
  rule_id: string | null;
  decided_by_id: string | null;
  decided_at: NullableTimestamp;
  channel_id: string | null;
  message_id: string | null;
  attempts: Generated<number>;
  next_attempt_at: NullableTimestamp;
  lease_owner: string | null;
  lease_expires_at: NullableTimestamp;
  last_error: string | null;
  sent_at: NullableTimestamp;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
};

export type ActionVersionsTable = {
  action_id: string;
  version: number;
  payload: Json<Record<string, unknown>>;
  payload_hash: string;
  author_type: ActorType;
  author_id: string | null;
  reviewer: NullableJson<ReviewerReport>;
  note: string;
  created_at: DefaultedTimestamp;
};

export type ActionStatusCountsTable = {
  workspace_id: string;
  status: ActionStatus;
  n: number;
};

/** maxConnections: parallel SMTP sessions per dispatcher process (providers limit this; default 4) */
export type SmtpSettings = {
  host: string;
  port: number;
  secure: boolean;
  user: string | null;
  maxConnections?: number;
  /** "no TLS (local relay)": AUTH may go in clear; otherwise it needs TLS (implicit or STARTTLS) */
  noTls?: boolean;
};

export type ChannelsTable = {
  id: string;
  workspace_id: string;
  type: ChannelType;
  name: Generated<string>;
  from_email: string;
  from_name: Generated<string>;
  settings: Json<SmtpSettings>;
  /** AES-256-GCM sealed secret (the SMTP password); never leaves channels/ */
  secret: string | null;
  enabled: Generated<boolean>;
  daily_cap: number | null;
  last_test_at: NullableTimestamp;
  last_test_ok: boolean | null;
  last_test_error: string | null;
  version: Generated<number>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
};

export type ChannelDailySendsTable = {
  channel_id: string;
  day: ColumnType<string, string, string>;
  sent: number;
  granted: Generated<number>;
};

export type SuppressionsTable = {
  workspace_id: string;
  email_hash: string;
  email: string | null;
  reason: SuppressionReason;
  source: Generated<string>;
  created_at: DefaultedTimestamp;
};

export type AutoApproveRulesTable = {
  id: string;
  workspace_id: string;
  name: Generated<string>;
  kind: ActionKind | null;
  teammate: string | null;
  sequence_step: number | null;
  require_reviewer_passed: boolean;
  require_recipient_approved_before: boolean;
  enabled: Generated<boolean>;
  expires_at: Timestamp;
  created_by: string | null;
  version: Generated<number>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
};

export type ApprovalDatabase = {
  actions: ActionsTable;
  action_versions: ActionVersionsTable;
  action_status_counts: ActionStatusCountsTable;
  channels: ChannelsTable;
  channel_daily_sends: ChannelDailySendsTable;
  suppressions: SuppressionsTable;
  auto_approve_rules: AutoApproveRulesTable;
};

/**
 * An auto-approve rule as the matcher reads it: a row, or its JSON form from the recipient-facts
 * queries (dates as strings there).
 */
export type RuleLike = {
  id: string;
  kind: ActionKind | null;
  teammate: string | null;
  sequence_step: number | null;
  require_reviewer_passed: boolean;
  require_recipient_approved_before: boolean;
  enabled: boolean;
  expires_at: Date | string;
};

export type ActionRow = Selectable<ActionsTable>;
export type ActionVersionRow = Selectable<ActionVersionsTable>;
export type ChannelRow = Selectable<ChannelsTable>;
export type AutoApproveRuleRow = Selectable<AutoApproveRulesTable>;
