import { sql, type Kysely } from 'kysely';

// The approval gate: actions (proposed / approved / executed payloads kept apart), their
// versions, status counters kept by triggers (the Library's counts stay O(1) at 200k rows),
// channels with sealed secrets, per-mailbox daily send counts, the suppression list, and
// auto-approve rules.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table channels (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      type text not null check (type in ('smtp')),
      name text not null default '',
      from_email text not null,
      from_name text not null default '',
      settings jsonb not null default '{}'::jsonb,
      secret text,
      enabled boolean not null default true,
      daily_cap int check (daily_cap between 1 and 100000),
      last_test_at timestamptz,
      last_test_ok boolean,
      last_test_error text,
      version int not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index channels_ws on channels (workspace_id, id desc);

    create table channel_daily_sends (
      channel_id uuid not null references channels(id) on delete cascade,
      day date not null,
      sent int not null default 0,
      -- what the last reservation was granted (SET sees the old row, so one statement reserves)
      granted int not null default 0,
      primary key (channel_id, day)
    );

    create table actions (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      kind text not null check (kind in ('email', 'message', 'meeting')),
      status text not null check (status in ('draft', 'in_review', 'pending_approval', 'approved', 'scheduled', 'sending', 'sent',
        'failed', 'rejected', 'ignored', 'expired', 'cancelled', 'delivery_unknown')),
      version int not null default 1,
      person_id uuid references people(id) on delete set null,
      company_id uuid references companies(id) on delete set null,
      deal_id uuid references deals(id) on delete set null,
      recipient_hash text,
      proposed_payload jsonb not null,
      current_payload jsonb not null,
      payload_hash text not null,
      approved_payload jsonb,
      approved_hash text,
      executed_payload jsonb,
      executed_hash text,
      teammate text,
      origin jsonb not null default '{}'::jsonb,
      sequence_step int,
      idempotency_key text not null,
      reviewer jsonb,
      reason text,
      revision_requested_at timestamptz,
      expires_at timestamptz,
      created_by_type text not null,
      created_by_id text,
      approved_by_type text,
      approved_by_id text,
      approved_at timestamptz,
      rule_id uuid,
      decided_by_id text,
      decided_at timestamptz,
      channel_id uuid references channels(id) on delete set null,
      message_id text,
      attempts int not null default 0,
      next_attempt_at timestamptz,
      lease_owner text,
      lease_expires_at timestamptz,
      last_error text,
      sent_at timestamptz,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create unique index actions_idempotency on actions (workspace_id, idempotency_key);
    create index actions_ws_status_id on actions (workspace_id, status, id desc);
    create index actions_ws_id on actions (workspace_id, id desc);
    create index actions_ws_person on actions (workspace_id, person_id) where person_id is not null;
    create index actions_ws_recipient_approved on actions (workspace_id, recipient_hash) where approved_by_type = 'user';
    create index actions_due on actions (next_attempt_at) where status in ('approved', 'scheduled');
    create index actions_lease on actions (lease_expires_at) where status = 'sending';
    create index actions_expiry on actions (expires_at) where status in ('draft', 'in_review', 'pending_approval');
    create index actions_revision on actions (workspace_id, revision_requested_at) where status = 'draft' and revision_requested_at is not null;

    create table action_versions (
      action_id uuid not null references actions(id) on delete cascade,
      version int not null,
      payload jsonb not null,
      payload_hash text not null,
      author_type text not null,
      author_id text,
      reviewer jsonb,
      note text not null default '',
      created_at timestamptz not null default now(),
      primary key (action_id, version)
    );

    create table action_status_counts (
      workspace_id uuid not null,
      status text not null,
      n bigint not null default 0,
      primary key (workspace_id, status)
    );
    -- statement-level triggers: one counter update per (workspace, status) per statement, in key
    -- order, so concurrent statements take the counter rows in the same order (no deadlock)
    create function actions_count_insert() returns trigger language plpgsql as $$
    begin
      insert into action_status_counts (workspace_id, status, n)
        select workspace_id, status, count(*) from new_rows group by 1, 2 order by 1, 2
      on conflict (workspace_id, status) do update set n = action_status_counts.n + excluded.n;
      return null;
    end $$;
    create function actions_count_update() returns trigger language plpgsql as $$
    begin
      insert into action_status_counts (workspace_id, status, n)
        select workspace_id, status, sum(d) from (
          select workspace_id, status, 1 as d from new_rows
          union all
          select workspace_id, status, -1 as d from old_rows
        ) x group by 1, 2 having sum(d) <> 0 order by 1, 2
      on conflict (workspace_id, status) do update set n = action_status_counts.n + excluded.n;
      return null;
    end $$;
    create function actions_count_delete() returns trigger language plpgsql as $$
    begin
      insert into action_status_counts (workspace_id, status, n)
        select workspace_id, status, -count(*) from old_rows group by 1, 2 order by 1, 2
      on conflict (workspace_id, status) do update set n = action_status_counts.n + excluded.n;
      return null;
    end $$;
    create trigger actions_count_insert after insert on actions
      referencing new table as new_rows for each statement execute function actions_count_insert();
    create trigger actions_count_update after update on actions
      referencing old table as old_rows new table as new_rows for each statement execute function actions_count_update();
    create trigger actions_count_delete after delete on actions
      referencing old table as old_rows for each statement execute function actions_count_delete();

    create table suppressions (
      workspace_id uuid not null references workspaces(id) on delete cascade,
      email_hash text not null,
      email text,
      reason text not null check (reason in ('opt_out', 'erased', 'manual')),
      source text not null default '',
      created_at timestamptz not null default now(),
      primary key (workspace_id, email_hash)
    );

    create table auto_approve_rules (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      name text not null default '',
      kind text check (kind in ('email', 'message', 'meeting')),
      teammate text,
      sequence_step int,
      require_reviewer_passed boolean not null,
      require_recipient_approved_before boolean not null,
      enabled boolean not null default true,
      expires_at timestamptz not null,
      created_by text,
      version int not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index auto_approve_rules_ws on auto_approve_rules (workspace_id, id desc);

    -- Everything interception needs about a recipient, in one call: the person, the workspace
    -- defaults, the suppression list, whether a human approved this address before, the live
    -- auto-approve rules. PL/pgSQL keeps the plan cached per session: planning this query took
    -- ~0.7 ms of the ~1 ms it cost on the embedded database, on every intercepted tool call.
    create function action_recipient_facts(ws uuid, person uuid) returns table (
      id uuid, email text, first_name text, last_name text, company_id uuid, opted_out_at timestamptz,
      default_language text, settings jsonb, recipient_hash text, suppressed boolean, approved_before boolean, rules json
    ) language plpgsql stable as $$
    begin
      return query
        select p.id, p.email, p.first_name, p.last_name, p.company_id, p.opted_out_at, w.default_language::text, w.settings,
          h.hash,
          exists(select 1 from suppressions s where s.workspace_id = p.workspace_id and s.email_hash = h.hash),
          exists(select 1 from actions x where x.workspace_id = p.workspace_id and x.recipient_hash = h.hash and x.approved_by_type = 'user'),
          (select coalesce(json_agg(r order by r.id), '[]'::json) from auto_approve_rules r
            where r.workspace_id = p.workspace_id and r.enabled and r.expires_at > now())
        from people p
        join workspaces w on w.id = p.workspace_id
        cross join lateral (
          select case when p.email is null or p.email = '' then null
            else encode(sha256(convert_to(lower(trim(p.email)), 'UTF8')), 'hex') end as hash
        ) h
        where p.workspace_id = ws and p.id = person;
    end $$;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('the approval schema is not reversible');
}
