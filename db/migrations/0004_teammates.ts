import { sql, type Kysely } from 'kysely';

// Teammates: run records (status, duration, model usage, cost), chat threads and messages,
// progress events (SSE replays them from here, whichever process ran the graph), per-lead
// draft records, and approved drafts kept as style examples. LangGraph's own checkpoint
// tables are created by PostgresSaver.setup() in graph/checkpointer.ts.
export async function up(db: Kysely<unknown>): Promise<void> {
  const hasVector = await sql<{ ok: number }>`select 1 as ok from pg_extension where extname = 'vector'`.execute(db);
  const embedding = hasVector.rows.length > 0 ? sql`, embedding vector(256)` : sql``;

  await sql`
    create table chat_threads (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      user_id uuid references users(id) on delete set null,
      title text not null default '',
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index chat_threads_ws on chat_threads (workspace_id, updated_at desc);
    create table teammate_runs (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      thread_id uuid not null references chat_threads(id) on delete cascade,
      request_id text not null,
      kind text not null check (kind in ('chat', 'revise')),
      mode text not null check (mode in ('offline', 'model')),
      model text,
      status text not null check (status in ('running', 'succeeded', 'failed', 'awaiting_reply')),
      started_at timestamptz not null default now(),
      finished_at timestamptz,
      duration_ms int,
      model_calls int not null default 0,
      tokens_in bigint not null default 0,
      tokens_out bigint not null default 0,
      cost_usd double precision not null default 0,
      error text,
      result jsonb not null default '{}'::jsonb
    );
    create index teammate_runs_thread on teammate_runs (workspace_id, thread_id, started_at desc);
    create index teammate_runs_running on teammate_runs (status) where status = 'running';
    create table chat_messages (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      thread_id uuid not null references chat_threads(id) on delete cascade,
      run_id uuid,
      role text not null check (role in ('user', 'assistant')),
      content text not null,
      data jsonb not null default '{}'::jsonb,
      created_at timestamptz not null default now()
    );
    create index chat_messages_thread on chat_messages (thread_id, created_at, id);
    create table run_events (
      id bigserial primary key,
      workspace_id uuid not null,
      thread_id uuid not null,
      run_id uuid not null,
      kind text not null,
      data jsonb not null default '{}'::jsonb,
      created_at timestamptz not null default now()
    );
    create index run_events_thread on run_events (thread_id, id);
    create table lead_drafts (
      workspace_id uuid not null references workspaces(id) on delete cascade,
      request_id text not null,
      person_id uuid not null,
      action_id text,
      run_id uuid,
      status text not null check (status in ('queued', 'needs_attention', 'failed')),
      language text not null check (language in ('fr', 'en')),
      subject text,
      body text,
      rounds int not null default 0,
      notes jsonb not null default '[]'::jsonb,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (workspace_id, request_id, person_id)
    );
    create index lead_drafts_person on lead_drafts (workspace_id, person_id);
    create index lead_drafts_action on lead_drafts (action_id);
    create table style_examples (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      action_id text not null,
      language text not null check (language in ('fr', 'en')),
      subject text not null,
      body text not null,
      source text not null check (source in ('approved', 'edited')),
      context text not null default '',
      created_at timestamptz not null default now()
      ${embedding},
      unique (workspace_id, action_id)
    );
    create index style_examples_context_trgm on style_examples using gin (context gin_trgm_ops);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table if exists style_examples;
    drop table if exists lead_drafts;
    drop table if exists run_events;
    drop table if exists chat_messages;
    drop table if exists teammate_runs;
    drop table if exists chat_threads;
  `.execute(db);
}
