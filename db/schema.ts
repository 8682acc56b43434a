import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { ApprovalDatabase } from './tables/approval';
import type { TeammatesDatabase } from './tables/teammates';
import type { PortalDatabase } from './tables/portal';
import type { ImportsDatabase } from './tables/imports';
import type { ConversationsDatabase } from './tables/conversations';
import type { Language } from '../lib/language';

// Kysely table types, one per table, in snake_case as in SQL. API shapes live in server/schemas.
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** a timestamp with a database default */
type DefaultedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string | T | undefined, string | T>;

export type Role = 'admin' | 'member';
export type PersonKind = 'lead' | 'contact';
export type SubjectType = 'company' | 'person' | 'deal';
export type ActorType = 'user' | 'teammate' | 'system' | 'rule';
export type StageOutcome = 'open' | 'won' | 'lost';

export type WorkspaceSettings = {
  voice?: { tone?: string; signature?: string; offer?: string; formality?: 'vous' | 'tu' };
  sendWindow?: { days: number[]; start: string; end: string };
  dailyCap?: number;
  pendingExpiryDays?: number;
};

export type WorkspacesTable = {
  id: string;
  name: string;
  legal_name: Generated<string>;
  address: Generated<string>;
  siret: string | null;
  vat_number: string | null;
  default_language: Generated<Language>;
  timezone: Generated<string>;
  settings: Json<WorkspaceSettings>;
  created_at: DefaultedTimestamp;
};

export type UsersTable = {
  id: string;
  email: string | null;
  display_name: string;
  language: Generated<Language>;
  created_at: DefaultedTimestamp;
};

export type MembershipsTable = {
  workspace_id: string;
  user_id: string;
  role: Role;
  created_at: DefaultedTimestamp;
};

export type ApiTokensTable = {
  id: string;
  workspace_id: string;
  user_id: string;
  kind: 'api' | 'login';
  secret_hash: string;
  name: Generated<string>;
  created_at: DefaultedTimestamp;
  last_used_at: Timestamp | null;
  used_at: Timestamp | null;
  revoked_at: Timestamp | null;
  /** an API token's optional end; a one-time sign-in link's 24 hours */
  expires_at: Timestamp | null;
};

export type SessionsTable = {
  id: string;
  workspace_id: string;
  user_id: string;
  secret_hash: string;
  csrf_token: string;
  created_at: DefaultedTimestamp;
  expires_at: Timestamp;
};

export type PipelineStagesTable = {
  id: string;
  workspace_id: string;
  key: string;
  name: string;
  position: number;
  probability: number;
  outcome: Generated<StageOutcome>;
};

export type CompaniesTable = {
  id: string;
  workspace_id: string;
  name: string;
  siren: string | null;
  siret: string | null;
  naf_code: string | null;
  naf_label: string | null;
  address: string | null;
  postcode: string | null;
  commune_code: string | null;
  city: string | null;
  headcount_band: string | null;
  website: string | null;
  source: Generated<string>;
  source_id: string | null;
  version: Generated<number>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
};

export type PeopleTable = {
  id: string;
  workspace_id: string;
  company_id: string | null;
  kind: PersonKind;
  first_name: Generated<string>;
  last_name: Generated<string>;
  role: string | null;
  email: string | null;
  phone: string | null;
  status: Generated<string>;
  source: Generated<string>;
  lawful_basis: string | null;
  lawful_basis_note: string | null;
  is_natural_person: Generated<boolean>;
  last_inbound_at: Timestamp | null;
  email_bounced_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  opted_out_at: Timestamp | null;
  version: Generated<number>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
};

export type DealsTable = {
  id: string;
  workspace_id: string;
  title: string;
  company_id: string | null;
  person_id: string | null;
  amount_cents: ColumnType<number, number | undefined, number>;
  currency: Generated<string>;
  stage_id: string;
  probability_override: number | null;
  expected_close_date: ColumnType<string | null, string | null | undefined, string | null>;
  owner_user_id: string | null;
  closed_at: Timestamp | null;
  version: Generated<number>;
  created_at: DefaultedTimestamp;
  updated_at: DefaultedTimestamp;
};

export type ActivitiesTable = {
  id: string;
  workspace_id: string;
  subject_type: SubjectType;
  subject_id: string;
  kind: string;
  actor_type: ActorType;
  actor_id: string | null;
  summary: Generated<string>;
  data: Json<Record<string, unknown>>;
  occurred_at: DefaultedTimestamp;
};

export type NotesTable = {
  id: string;
  workspace_id: string;
  subject_type: SubjectType;
  subject_id: string;
  body: string;
  author_user_id: string | null;
  created_at: DefaultedTimestamp;
};

export type TasksTable = {
  id: string;
  workspace_id: string;
  subject_type: SubjectType | null;
  subject_id: string | null;
  title: string;
  due_at: Timestamp | null;
  done_at: Timestamp | null;
  assignee_user_id: string | null;
  created_at: DefaultedTimestamp;
};

export type AuditLogTable = {
  id: Generated<string>;
  workspace_id: string;
  actor_type: ActorType;
  actor_id: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  data: Json<Record<string, unknown>>;
  created_at: DefaultedTimestamp;
};

export type CoreDatabase = {
  workspaces: WorkspacesTable;
  users: UsersTable;
  memberships: MembershipsTable;
  api_tokens: ApiTokensTable;
  sessions: SessionsTable;
  pipeline_stages: PipelineStagesTable;
  companies: CompaniesTable;
  people: PeopleTable;
  deals: DealsTable;
  activities: ActivitiesTable;
  notes: NotesTable;
  tasks: TasksTable;
  audit_log: AuditLogTable;
};

/** Every capability's tables: later areas add their `XDatabase` type from db/tables/ here. */
export type Database = CoreDatabase & ApprovalDatabase & TeammatesDatabase & PortalDatabase & ImportsDatabase & ConversationsDatabase;

export type Workspace = Selectable<WorkspacesTable>;
export type Company = Selectable<CompaniesTable>;
export type NewCompany = Insertable<CompaniesTable>;
export type CompanyUpdate = Updateable<CompaniesTable>;
export type Person = Selectable<PeopleTable>;
export type NewPerson = Insertable<PeopleTable>;
export type PersonUpdate = Updateable<PeopleTable>;
export type Deal = Selectable<DealsTable>;
export type NewDeal = Insertable<DealsTable>;
export type DealUpdate = Updateable<DealsTable>;
export type Stage = Selectable<PipelineStagesTable>;
export type Activity = Selectable<ActivitiesTable>;
