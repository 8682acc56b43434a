import { sql, type RawBuilder } from 'kysely';
import { assertActorMay, sourcesOf } from '../../actions/states';
import type { ActionKind, ActionOrigin, ActionRow, ActionStatus, ReviewerReport } from '../tables/approval';
import type { Actor } from './audit';
import type { Executor } from './executor';
import { toPage } from './pagination';

/** Columns a transition may set to a value shared by every row it moves. */
export type SharedSet = Partial<Record<keyof ActionRow, RawBuilder<unknown> | string | number | boolean | Date | null>>;

/** Values a transition sets row by row (the dispatcher's outcomes). */
export type PerRowValues = {
  id: string;
  executed_payload?: Record<string, unknown>;
  executed_hash?: string;
  message_id?: string;
  channel_id?: string;
  next_attempt_at?: Date;
  reason?: string | null;
  last_error?: string | null;
  /** merged into this row's audit entry */
  audit?: Record<string, unknown>;
};

const PER_ROW_COLUMNS = {
  executed_payload: 'jsonb',
  executed_hash: 'text',
  message_id: 'text',
  channel_id: 'uuid',
  next_attempt_at: 'timestamptz',
  reason: 'text',
  last_error: 'text',
} as const;

export type TransitionSpec = {
  to: ActionStatus;
  actor: Actor;
  /** narrow the legal sources; the state machine gives the widest set */
  from?: readonly ActionStatus[];
  workspaceId?: string;
  ids?: readonly string[];
  /** an extra condition on the row, aliased `a` */
  where?: RawBuilder<unknown>;
  orderBy?: RawBuilder<unknown>;
  limit?: number;
  /** dispatcher claims: skip rows another worker holds */
  skipLocked?: boolean;
  set?: SharedSet;
  perRow?: readonly PerRowValues[];
  auditAction?: string;
  auditData?: Record<string, unknown>;
};

export type TransitionedRow = ActionRow & { from_status: ActionStatus };

/**
 * The only writer of `actions.status`. One statement: lock the rows whose status is a legal
 * source for `to` (re-checked after any concurrent writer commits), update them, and append
 * one audit entry per row with the actor and the payload hashes. Rows not in a legal state
 * are simply not returned; callers turn a missing row into 409.
 */
export async function transitionActions(db: Executor, spec: TransitionSpec): Promise<TransitionedRow[]> {
  assertActorMay(spec.actor.type, spec.to);
  const from = sourcesOf(spec.to, spec.from);
  if (from.length === 0) return [];
  const ids = spec.perRow ? spec.perRow.map((r) => r.id) : spec.ids;
  if (ids && ids.length === 0) return [];

  const cond: RawBuilder<unknown>[] = [sql`a.status in (${sql.join(from.map((s) => sql.lit(s)))})`];
  if (spec.workspaceId) cond.push(sql`a.workspace_id = ${spec.workspaceId}`);
  if (ids) cond.push(sql`a.id = any(${ids}::uuid[])`);
  if (spec.where) cond.push(spec.where);

  const sets: RawBuilder<unknown>[] = [sql`status = ${spec.to}`, sql`updated_at = now()`];
  for (const [col, value] of Object.entries(spec.set ?? {})) sets.push(sql`${sql.ref(col)} = ${value}`);
  const perRowCols = new Set<keyof typeof PER_ROW_COLUMNS>();
  for (const r of spec.perRow ?? []) {
    for (const k of Object.keys(r)) if (k in PER_ROW_COLUMNS) perRowCols.add(k as keyof typeof PER_ROW_COLUMNS);
  }
  for (const col of perRowCols) sets.push(sql`${sql.ref(col)} = v.${sql.ref(col)}`);
  const recordType = sql.raw(
    ['id uuid', 'audit jsonb', ...Object.entries(PER_ROW_COLUMNS).map(([c, t]) => `${c} ${t}`)].join(', '),
  );

  const result = await sql<TransitionedRow>`
    with o as (
      select a.id, a.status as from_status from actions a
      where ${sql.join(cond, sql` and `)}
      ${spec.orderBy ? sql`order by ${spec.orderBy}` : sql``}
      ${spec.limit ? sql`limit ${spec.limit}` : sql``}
      for update of a ${spec.skipLocked ? sql`skip locked` : sql``}
    ),
    v as (select * from jsonb_to_recordset(${JSON.stringify(spec.perRow ?? [])}::jsonb) as v(${recordType})),
    upd as (
      update actions a set ${sql.join(sets)}
      from o left join v on v.id = o.id
      where a.id = o.id
      returning a.*, o.from_status, v.audit as row_audit
    ),
    aud as (
      insert into audit_log (workspace_id, actor_type, actor_id, action, subject_type, subject_id, data)
      select workspace_id, ${spec.actor.type}, ${spec.actor.id}, ${spec.auditAction ?? `action.${spec.to}`}, 'action', id::text,
        jsonb_build_object('from', from_status, 'to', status, 'version', version, 'payloadHash', payload_hash,
          'approvedHash', approved_hash, 'executedHash', executed_hash)
        || ${JSON.stringify(spec.auditData ?? {})}::jsonb || coalesce(row_audit, '{}'::jsonb)
      from upd
    )
    select * from upd
  `.execute(db);
  return result.rows;
}

export type NewAction = {
  id: string;
  workspaceId: string;
  kind: ActionKind;
  status: ActionStatus;
  personId: string | null;
  companyId: string | null;
  dealId: string | null;
  recipientHash: string | null;
  payload: Record<string, unknown>;
  payloadHash: string;
  teammate: string | null;
  origin: ActionOrigin;
  sequenceStep: number | null;
  idempotencyKey: string;
  reviewer: ReviewerReport | null;
  expiresAt: Date;
  createdBy: Actor;
  /** set when an auto-approve rule approves at creation */
  approvedByRule: string | null;
};

/**
 * Interception in one statement (no explicit transaction, one round trip): insert the action
 * unless its idempotency key exists, its first version, and its audit entries (created, and
 * the rule's approval when one applies). Returns null when the key already existed.
 */
export async function insertAction(db: Executor, a: NewAction): Promise<{ id: string; status: ActionStatus; version: number } | null> {
  const payload = JSON.stringify(a.payload);
  const approved = a.approvedByRule !== null;
  const audits: { actorType: string; actorId: string | null; action: string; data: Record<string, unknown> }[] = [
    {
      actorType: a.createdBy.type,
      actorId: a.createdBy.id,
      action: 'action.created',
      data: { to: approved ? 'pending_approval' : a.status, kind: a.kind, version: 1, payloadHash: a.payloadHash, origin: a.origin },
    },
  ];
  if (approved) {
    audits.push({
      actorType: 'rule',
      actorId: a.approvedByRule,
      action: 'action.approved',
      data: { from: 'pending_approval', to: 'approved', version: 1, payloadHash: a.payloadHash, approvedHash: a.payloadHash, ruleId: a.approvedByRule },
    });
  }
  const result = await sql<{ id: string; status: ActionStatus; version: number }>`
    with ins as (
      insert into actions (id, workspace_id, kind, status, person_id, company_id, deal_id, recipient_hash,
        proposed_payload, current_payload, payload_hash, approved_payload, approved_hash, teammate, origin, sequence_step,
        idempotency_key, reviewer, expires_at, created_by_type, created_by_id, approved_by_type, approved_by_id, approved_at,
        rule_id, next_attempt_at)
      values (${a.id}, ${a.workspaceId}, ${a.kind}, ${a.status}, ${a.personId}, ${a.companyId}, ${a.dealId}, ${a.recipientHash},
        ${payload}::jsonb, ${payload}::jsonb, ${a.payloadHash}, ${approved ? payload : null}::jsonb, ${approved ? a.payloadHash : null},
        ${a.teammate}, ${JSON.stringify(a.origin)}::jsonb, ${a.sequenceStep}, ${a.idempotencyKey},
        ${a.reviewer ? JSON.stringify(a.reviewer) : null}::jsonb, ${a.expiresAt}, ${a.createdBy.type}, ${a.createdBy.id},
        ${approved ? 'rule' : null}, ${a.approvedByRule}, ${approved ? sql`now()` : null}, ${a.approvedByRule},
        ${approved ? sql`now()` : null})
      on conflict (workspace_id, idempotency_key) do nothing
      returning id, status, version
    ),
    ver as (
      insert into action_versions (action_id, version, payload, payload_hash, author_type, author_id, reviewer, note)
      select id, 1, ${payload}::jsonb, ${a.payloadHash}, ${a.createdBy.type}, ${a.createdBy.id},
        ${a.reviewer ? JSON.stringify(a.reviewer) : null}::jsonb, 'proposed'
      from ins
    ),
    aud as (
      insert into audit_log (workspace_id, actor_type, actor_id, action, subject_type, subject_id, data)
      select ${a.workspaceId}, x.actor_type, x.actor_id, x.action, 'action', ins.id::text, x.data
      from ins cross join jsonb_to_recordset(${JSON.stringify(audits.map((e) => ({ actor_type: e.actorType, actor_id: e.actorId, action: e.action, data: e.data })))}::jsonb)
        as x(actor_type text, actor_id text, action text, data jsonb)
    )
    select id, status, version from ins
  `.execute(db);
  return result.rows[0] ?? null;
}

export function findActionByKey(db: Executor, workspaceId: string, idempotencyKey: string) {
  return db
    .selectFrom('actions')
    .select(['id', 'status', 'version', 'current_payload', 'reviewer'])
    .where('workspace_id', '=', workspaceId)
    .where('idempotency_key', '=', idempotencyKey)
    .executeTakeFirst();
}

export function findAction(db: Executor, workspaceId: string, id: string) {
  return db.selectFrom('actions').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

export function lockAction(db: Executor, workspaceId: string, id: string) {
  return db.selectFrom('actions').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).forUpdate().executeTakeFirst();
}

/** A same-status change (a revision while pending): payload and version, audited by the caller. */
export function updateActionInPlace(db: Executor, workspaceId: string, id: string, expectedVersion: number, set: SharedSet) {
  const sets: RawBuilder<unknown>[] = [sql`updated_at = now()`];
  for (const [col, value] of Object.entries(set)) sets.push(sql`${sql.ref(col)} = ${value}`);
  return sql<ActionRow>`
    update actions set ${sql.join(sets)} where workspace_id = ${workspaceId} and id = ${id} and version = ${expectedVersion}
    returning *
  `
    .execute(db)
    .then((r) => r.rows[0]);
}

export function insertVersion(
  db: Executor,
  v: { actionId: string; version: number; payload: Record<string, unknown>; payloadHash: string; author: Actor; reviewer: ReviewerReport | null; note: string },
) {
  return db
    .insertInto('action_versions')
    .values({
      action_id: v.actionId,
      version: v.version,
      payload: JSON.stringify(v.payload),
      payload_hash: v.payloadHash,
      author_type: v.author.type,
      author_id: v.author.id,
      reviewer: v.reviewer ? JSON.stringify(v.reviewer) : undefined,
      note: v.note,
    })
    .execute();
}

export function listVersions(db: Executor, actionId: string) {
  return db.selectFrom('action_versions').selectAll().where('action_id', '=', actionId).orderBy('version').execute();
}

export type ActionFilter = {
  status?: ActionStatus;
  kind?: ActionKind;
  teammate?: string;
  personId?: string;
  createdFrom?: Date;
  createdTo?: Date;
  after?: string | null;
  limit: number;
};

/** The Library list: light columns only (recipient, subject, a snippet), newest first. */
export async function listActions(db: Executor, workspaceId: string, f: ActionFilter) {
  let q = db
    .selectFrom('actions')
    .select([
      'id',
      'kind',
      'status',
      'version',
      'person_id',
      'company_id',
      'deal_id',
      'teammate',
      'sequence_step',
      'reason',
      'expires_at',
      'approved_at',
      'approved_by_type',
      'sent_at',
      'revision_requested_at',
      'created_at',
      'updated_at',
      sql<{ email?: string; name?: string } | null>`current_payload->'to'`.as('to'),
      sql<string | null>`current_payload->>'subject'`.as('subject'),
      sql<string | null>`left(current_payload->>'body', 160)`.as('snippet'),
      sql<string | null>`reviewer->>'verdict'`.as('verdict'),
    ])
    .where('workspace_id', '=', workspaceId);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.teammate) q = q.where('teammate', '=', f.teammate);
  if (f.personId) q = q.where('person_id', '=', f.personId);
  if (f.createdFrom) q = q.where('created_at', '>=', f.createdFrom);
  if (f.createdTo) q = q.where('created_at', '<', f.createdTo);
  if (f.after) q = q.where('id', '<', f.after);
  const rows = await q.orderBy('id', 'desc').limit(f.limit + 1).execute();
  return toPage(rows, f.limit);
}

export type ActionSummaryRow = Awaited<ReturnType<typeof listActions>>['items'][number];

/** Counts per status (trigger-maintained) and whether an enabled channel exists: one round trip. */
export async function statusCounts(db: Executor, workspaceId: string) {
  const r = await sql<{ counts: Record<string, number> | null; has_channel: boolean }>`
    select (select json_object_agg(status, n) from action_status_counts where workspace_id = ${workspaceId} and n <> 0) as counts,
      exists(select 1 from channels where workspace_id = ${workspaceId} and enabled) as has_channel
  `.execute(db);
  const row = r.rows[0];
  return { counts: row?.counts ?? {}, hasChannel: row?.has_channel ?? false };
}
