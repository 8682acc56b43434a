import { sql, type RawBuilder } from 'kysely';
import type { ActorType } from '../schema';
import type { ActionKind, ActionOrigin, ActionRow, ActionStatus, ChannelType, ReviewerReport, ReviewerVerdict } from '../tables/approval';
import type { Actor } from './audit';
import type { Executor } from './executor';
import { toPage } from './pagination';

/**
 * What a status change (or an in-place revision) sets on every row it touches. snake_case keys
 * are columns ('now' = the database clock); the camelCase ones are expressions over the row.
 */
export type ActionChanges = {
  reason?: string | null;
  last_error?: string | null;
  attempts?: number;
  version?: number;
  /** JSON text */
  current_payload?: string;
  payload_hash?: string;
  /** JSON text */
  approved_payload?: string;
  approved_hash?: string;
  approved_by_type?: ActorType;
  approved_by_id?: string | null;
  rule_id?: string;
  decided_by_id?: string | null;
  /** JSON text */
  reviewer?: string | null;
  expires_at?: Date;
  revision_requested_at?: 'now' | null;
  approved_at?: 'now';
  decided_at?: 'now';
  next_attempt_at?: 'now';
  /** 'now-unless-set' keeps the send time already recorded */
  sent_at?: 'now' | 'now-unless-set';
  /** the sweeper ends a lease but keeps its owner, who may still record the send */
  lease_expires_at?: null;
  /** approve what is current (approved_payload / approved_hash given here win) */
  approveCurrent?: true;
  /** lease the row to `owner` for `ms`, or release it (null) */
  lease?: { owner: string; ms: number } | null;
  incrementAttempts?: true;
};

/** Values a transition sets row by row (the dispatcher's outcomes). */
export type PerRowValues = {
  id: string;
  executed_payload?: Record<string, unknown>;
  executed_hash?: string;
  message_id?: string;
  channel_id?: string;
  next_attempt_at?: Date;
  /** a deferral gives back the attempt its claim counted */
  attempts?: number;
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
  attempts: 'int',
  reason: 'text',
  last_error: 'text',
} as const;

/** Which actions a status change may touch, beyond their current status. */
export type ActionRowFilter = {
  workspaceId?: string;
  ids?: readonly string[];
  /** only at this version: a human approves the version they saw */
  version?: number;
  /** it has an approved payload (a resend or a confirmation needs one) */
  wasApproved?: true;
  /** a teammate drafted it, so there is someone to send it back to */
  draftedByTeammate?: true;
  /** addressed to one of these people, or to this address hash */
  recipient?: Recipient;
  /** expires_at has passed */
  expired?: true;
  /** next_attempt_at has come */
  due?: true;
  kinds?: readonly ActionKind[];
  /** its workspace has an enabled channel of this type */
  withEnabledChannel?: ChannelType;
  /** leased by this owner */
  leaseOwner?: string;
  /** its lease ran out */
  leaseExpired?: true;
};

export type Recipient = { personIds: readonly string[]; hash: string | null };

export type StatusUpdate = ActionRowFilter & {
  to: ActionStatus;
  /** the legal sources for `to`, resolved by the state machine (actions/transition.ts) */
  from: readonly [ActionStatus, ...ActionStatus[]];
  actor: Actor;
  orderBy?: 'next_attempt_at' | 'lease_expires_at';
  limit?: number;
  /** dispatcher claims: skip rows another worker holds */
  skipLocked?: boolean;
  set?: ActionChanges;
  perRow?: readonly PerRowValues[];
  auditAction?: string;
  auditData?: Record<string, unknown>;
};

export type TransitionedRow = ActionRow & { from_status: ActionStatus };

function recipientMatch(r: Recipient): RawBuilder<unknown> {
  const byPerson = r.personIds.length ? sql`a.person_id = any(${r.personIds}::uuid[])` : sql`false`;
  return r.hash ? sql`(${byPerson} or a.recipient_hash = ${r.hash})` : byPerson;
}

function rowConditions(f: ActionRowFilter, ids: readonly string[] | undefined): RawBuilder<unknown>[] {
  const cond: RawBuilder<unknown>[] = [];
  if (f.workspaceId) cond.push(sql`a.workspace_id = ${f.workspaceId}`);
  if (ids) cond.push(sql`a.id = any(${ids}::uuid[])`);
  if (f.version !== undefined) cond.push(sql`a.version = ${f.version}`);
  if (f.wasApproved) cond.push(sql`a.approved_hash is not null`);
  if (f.draftedByTeammate) cond.push(sql`a.teammate is not null`);
  if (f.recipient) cond.push(recipientMatch(f.recipient));
  if (f.expired) cond.push(sql`a.expires_at <= now()`);
  if (f.due) cond.push(sql`a.next_attempt_at <= now()`);
  if (f.kinds) cond.push(f.kinds.length ? sql`a.kind in (${sql.join(f.kinds.map((k) => sql.lit(k)))})` : sql`false`);
  if (f.withEnabledChannel) {
    cond.push(sql`exists (select 1 from channels c where c.workspace_id = a.workspace_id and c.enabled and c.type = ${sql.lit(f.withEnabledChannel)})`);
  }
  if (f.leaseOwner !== undefined) cond.push(sql`a.lease_owner = ${f.leaseOwner}`);
  if (f.leaseExpired) cond.push(sql`a.lease_expires_at < now()`);
  return cond;
}

const STAMPED = new Set<string>(['revision_requested_at', 'approved_at', 'decided_at', 'next_attempt_at']);

/** SET clauses of `update actions a`, in the order given. */
function changeClauses(c: ActionChanges): RawBuilder<unknown>[] {
  const sets: RawBuilder<unknown>[] = [];
  for (const [key, value] of Object.entries(c)) {
    if (value === undefined) continue;
    if (key === 'approveCurrent') {
      if (c.approved_payload === undefined) sets.push(sql`approved_payload = a.current_payload`);
      if (c.approved_hash === undefined) sets.push(sql`approved_hash = a.payload_hash`);
    } else if (key === 'lease') {
      const lease = c.lease!;
      sets.push(
        lease ? sql`lease_owner = ${lease.owner}` : sql`lease_owner = null`,
        lease ? sql`lease_expires_at = now() + ${lease.ms} * interval '1 millisecond'` : sql`lease_expires_at = null`,
      );
    } else if (key === 'incrementAttempts') {
      sets.push(sql`attempts = a.attempts + 1`);
    } else if (key === 'sent_at') {
      sets.push(value === 'now-unless-set' ? sql`sent_at = coalesce(a.sent_at, now())` : sql`sent_at = now()`);
    } else if (STAMPED.has(key) && value === 'now') {
      sets.push(sql`${sql.ref(key)} = now()`);
    } else {
      sets.push(sql`${sql.ref(key)} = ${value}`);
    }
  }
  return sets;
}

/**
 * The only writer of `actions.status` (called through actions/transition.ts, which applies the
 * state machine). One statement: lock the rows whose status is one of `from` (re-checked after
 * any concurrent writer commits), update them, and append one audit entry per row with the actor
 * and the payload hashes. Rows not in a legal state are simply not returned; callers turn a
 * missing row into 409.
 */
export async function updateActionStatuses(db: Executor, spec: StatusUpdate): Promise<TransitionedRow[]> {
  const ids = spec.perRow ? spec.perRow.map((r) => r.id) : spec.ids;
  if (ids && ids.length === 0) return [];

  const cond = [sql`a.status in (${sql.join(spec.from.map((s) => sql.lit(s)))})`, ...rowConditions(spec, ids)];

  const sets: RawBuilder<unknown>[] = [sql`status = ${spec.to}`, sql`updated_at = now()`, ...changeClauses(spec.set ?? {})];
  const perRowCols = new Set<keyof typeof PER_ROW_COLUMNS>();
  for (const r of spec.perRow ?? []) {
    for (const k of Object.keys(r)) if (k in PER_ROW_COLUMNS) perRowCols.add(k as keyof typeof PER_ROW_COLUMNS);
  }
  for (const col of perRowCols) sets.push(sql`${sql.ref(col)} = v.${sql.ref(col)}`);
  const recordType = sql.raw(['id uuid', 'audit jsonb', ...Object.entries(PER_ROW_COLUMNS).map(([c, t]) => `${c} ${t}`)].join(', '));

  const result = await sql<TransitionedRow>`
    with o as (
      select a.id, a.status as from_status from actions a
      where ${sql.join(cond, sql` and `)}
      ${spec.orderBy ? sql`order by ${sql.ref(`a.${spec.orderBy}`)}` : sql``}
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

/**
 * Held emails (scheduled: deferred by the send window, the daily cap, a missing channel or sender
 * identity) are due again now: one of those causes changed, and the dispatcher re-checks all of
 * them when it claims. Not a status change; run in the transaction of the change itself.
 */
export async function requeueHeldActions(db: Executor, workspaceId: string): Promise<number> {
  const r = await sql`
    update actions a set next_attempt_at = now(), updated_at = now()
    where a.workspace_id = ${workspaceId} and a.status = 'scheduled' and a.next_attempt_at > now()
  `.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

/** One held email due now (a person pressed "send now"); null when it is no longer held. */
export function markActionDueNow(db: Executor, workspaceId: string, id: string) {
  return sql<ActionRow>`
    update actions a set next_attempt_at = now(), updated_at = now()
    where a.workspace_id = ${workspaceId} and a.id = ${id} and a.status in ('approved', 'scheduled')
    returning a.*
  `
    .execute(db)
    .then((r) => r.rows[0] ?? null);
}

/**
 * A channel's answer about actions that left `sending` meanwhile (a human decided on a send that
 * outlived its lease): their status stays, and the answer joins their history with the status it
 * found, so that no delivery goes unrecorded.
 */
export async function auditLateOutcomes(db: Executor, actor: Actor, entries: readonly { id: string; data: Record<string, unknown> }[]): Promise<void> {
  if (entries.length === 0) return;
  await sql`
    insert into audit_log (workspace_id, actor_type, actor_id, action, subject_type, subject_id, data)
    select a.workspace_id, ${actor.type}, ${actor.id}, 'action.outcome_after_decision', 'action', a.id::text,
      jsonb_build_object('status', a.status) || v.data
    from jsonb_to_recordset(${JSON.stringify(entries)}::jsonb) as v(id uuid, data jsonb)
    join actions a on a.id = v.id
  `.execute(db);
}

/**
 * The dispatcher's sends still in flight keep their lease while their SMTP transaction lives (not a
 * status change: the rows stay `sending` under the same owner). Returns how many were renewed.
 */
export async function renewActionLeases(db: Executor, owner: string, ids: readonly string[], ms: number): Promise<number> {
  if (ids.length === 0) return 0;
  const r = await sql`
    update actions a set lease_expires_at = now() + ${ms} * interval '1 millisecond'
    where a.id = any(${ids}::uuid[]) and a.status = 'sending' and a.lease_owner = ${owner}
  `.execute(db);
  return Number(r.numAffectedRows ?? 0);
}

/** Which of these sends are already recorded `sent` with their message (a retried recording whose first try had committed). */
export async function findRecordedSends(db: Executor, sends: readonly { id: string; messageId: string }[]): Promise<Set<string>> {
  if (sends.length === 0) return new Set();
  const r = await sql<{ id: string }>`
    select a.id from jsonb_to_recordset(${JSON.stringify(sends)}::jsonb) as v(id uuid, "messageId" text)
    join actions a on a.id = v.id
    where a.status = 'sent' and a.message_id = v."messageId"
  `.execute(db);
  return new Set(r.rows.map((row) => row.id));
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
export function updateActionInPlace(db: Executor, workspaceId: string, id: string, expectedVersion: number, set: ActionChanges) {
  return sql<ActionRow>`
    update actions a set ${sql.join([sql`updated_at = now()`, ...changeClauses(set)])}
    where a.workspace_id = ${workspaceId} and a.id = ${id} and a.version = ${expectedVersion}
    returning a.*
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
      'rule_id',
      'next_attempt_at',
      'sent_at',
      'revision_requested_at',
      'created_at',
      'updated_at',
      sql<{ email?: string; name?: string } | null>`current_payload->'to'`.as('to'),
      sql<string | null>`current_payload->>'subject'`.as('subject'),
      sql<string | null>`left(current_payload->>'body', 160)`.as('snippet'),
      sql<ReviewerVerdict | null>`reviewer->>'verdict'`.as('verdict'),
    ])
    .where('workspace_id', '=', workspaceId);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.teammate) q = q.where('teammate', '=', f.teammate);
  if (f.personId) q = q.where('person_id', '=', f.personId);
  if (f.createdFrom) q = q.where('created_at', '>=', f.createdFrom);
  if (f.createdTo) q = q.where('created_at', '<', f.createdTo);
  if (f.after) q = q.where('id', '<', f.after);
  const rows = await q
    .orderBy('id', 'desc')
    .limit(f.limit + 1)
    .execute();
  return toPage(rows, f.limit);
}

export type ActionSummaryRow = Awaited<ReturnType<typeof listActions>>['items'][number];

/** Whether the approval gate's counters exist yet (migrations may run after the Portal starts). */
export async function statusCountsInstalled(db: Executor): Promise<boolean> {
  const r = await sql<{ ok: boolean }>`select to_regclass('action_status_counts') is not null as ok`.execute(db);
  return Boolean(r.rows[0]?.ok);
}

/**
 * Drafts waiting for approval that the reviewer did not pass, counted up to `cap`: an index range
 * on pending actions, never the whole table.
 */
export async function countFlaggedPending(db: Executor, workspaceId: string, cap: number): Promise<number> {
  const r = await sql<{ n: number }>`
    select count(*)::int as n from (
      select 1 from actions
      where workspace_id = ${workspaceId} and status = 'pending_approval' and coalesce(reviewer->>'verdict', 'passed') <> 'passed'
      limit ${cap}
    ) x`.execute(db);
  return r.rows[0]?.n ?? 0;
}

/** Counts per status (trigger-maintained) and whether an enabled channel exists: one round trip. */
export async function statusCounts(db: Executor, workspaceId: string) {
  const r = await sql<{ counts: Record<string, number> | null; has_channel: boolean }>`
    select (select json_object_agg(status, n) from action_status_counts where workspace_id = ${workspaceId} and n <> 0) as counts,
      exists(select 1 from channels where workspace_id = ${workspaceId} and enabled) as has_channel
  `.execute(db);
  const row = r.rows[0];
  return { counts: row?.counts ?? {}, hasChannel: row?.has_channel ?? false };
}

/** What each auto-approve rule approved since a date, and how much of it has left (the rule's name, if it still exists). */
export async function countRuleApprovals(db: Executor, workspaceId: string, since: Date) {
  const r = await sql<{ rule_id: string; rule_name: string | null; approved: number; sent: number }>`
    select a.rule_id, max(r.name) as rule_name, count(*)::int as approved, (count(*) filter (where a.status = 'sent'))::int as sent
    from actions a left join auto_approve_rules r on r.id = a.rule_id
    where a.workspace_id = ${workspaceId} and a.approved_by_type = 'rule' and a.approved_at >= ${since} and a.rule_id is not null
    group by a.rule_id
    order by count(*) desc, a.rule_id
  `.execute(db);
  return r.rows;
}

/** Which of these actions an auto-approve rule approved, with the rule's name if it still exists. */
export function findRuleApproved(db: Executor, workspaceId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('actions as a')
    .leftJoin('auto_approve_rules as r', 'r.id', 'a.rule_id')
    .select(['a.id', 'a.rule_id', 'r.name as rule_name'])
    .where('a.workspace_id', '=', workspaceId)
    .where('a.id', 'in', ids)
    .where('a.approved_by_type', '=', 'rule')
    .where('a.rule_id', 'is not', null)
    .execute();
}

/** Current statuses of some actions (a bulk decision explains the ones it could not move). */
export function findActionStatuses(db: Executor, workspaceId: string, ids: readonly string[]) {
  return db.selectFrom('actions').select(['id', 'status']).where('workspace_id', '=', workspaceId).where('id', 'in', ids).execute();
}

/** The durable queue of sendBacks: drafts with a revision requested, oldest request first. */
export function listDraftsAwaitingRevision(db: Executor, workspaceId: string, opts: { teammate?: string; limit: number }) {
  let q = db.selectFrom('actions').selectAll().where('workspace_id', '=', workspaceId).where('status', '=', 'draft').where('revision_requested_at', 'is not', null);
  if (opts.teammate) q = q.where('teammate', '=', opts.teammate);
  return q.orderBy('revision_requested_at').limit(opts.limit).execute();
}

const REDACTED = JSON.stringify({ redacted: true });

/** Erasure: every payload (and review) that named the recipient is replaced, whatever its status. */
export async function redactActionsOf(db: Executor, workspaceId: string, recipient: Recipient): Promise<string[]> {
  const r = await sql<{ id: string }>`
    update actions a set proposed_payload = ${REDACTED}::jsonb, current_payload = ${REDACTED}::jsonb,
      approved_payload = case when a.approved_payload is null then null else ${REDACTED}::jsonb end,
      executed_payload = case when a.executed_payload is null then null else ${REDACTED}::jsonb end,
      reviewer = null, updated_at = now()
    where a.workspace_id = ${workspaceId} and ${recipientMatch(recipient)}
    returning a.id
  `.execute(db);
  return r.rows.map((row) => row.id);
}

/** Every action addressed to the recipient, whatever its status, oldest first (an access request). */
export async function listActionsOf(db: Executor, workspaceId: string, recipient: Recipient): Promise<ActionRow[]> {
  const r = await sql<ActionRow>`select a.* from actions a where a.workspace_id = ${workspaceId} and ${recipientMatch(recipient)} order by a.created_at, a.id`.execute(db);
  return r.rows;
}

/** The versions of these actions, in order. */
export function listVersionsOf(db: Executor, actionIds: readonly string[]) {
  if (actionIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('action_versions').selectAll().where('action_id', 'in', actionIds).orderBy('action_id').orderBy('version').execute();
}

/** Erasure: the versions of redacted actions lose their payloads too. */
export async function redactActionVersions(db: Executor, actionIds: readonly string[]): Promise<void> {
  if (actionIds.length === 0) return;
  await db.updateTable('action_versions').set({ payload: REDACTED, reviewer: null }).where('action_id', 'in', actionIds).execute();
}

/** Actions by id in one workspace, with the content a run's result shows (subject, body, language). */
export function findActionSummaries(db: Executor, workspaceId: string, ids: readonly string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('actions')
    .select([
      'id',
      'status',
      'person_id',
      sql<string>`coalesce(current_payload->>'subject', '')`.as('subject'),
      sql<string>`coalesce(current_payload->>'body', '')`.as('body'),
      sql<string>`coalesce(current_payload->>'language', 'fr')`.as('language'),
    ])
    .where('workspace_id', '=', workspaceId)
    .where('id', 'in', ids)
    .execute();
}
