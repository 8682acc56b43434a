import { sql, type Kysely } from 'kysely';

// The CRM core. Raw SQL on purpose: the schema is read and reviewed as SQL.
export async function up(db: Kysely<unknown>): Promise<void> {
  const hasVector = await sql<{ ok: number }>`select 1 as ok from pg_extension where extname = 'vector'`.execute(db);
  const embedding = hasVector.rows.length > 0 ? sql`, embedding vector(256)` : sql``;

  await sql`
    create table workspaces (
      id uuid primary key,
      name text not null,
      legal_name text not null default '',
      address text not null default '',
      siret text,
      vat_number text,
      default_language text not null default 'fr' check (default_language in ('fr', 'en')),
      timezone text not null default 'Europe/Paris',
      settings jsonb not null default '{}'::jsonb,
      created_at timestamptz not null default now()
    );
    create table users (
      id uuid primary key,
      email text,
      display_name text not null,
      language text not null default 'fr' check (language in ('fr', 'en')),
      created_at timestamptz not null default now()
    );
    create table memberships (
      workspace_id uuid not null references workspaces(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      role text not null check (role in ('admin', 'member')),
      created_at timestamptz not null default now(),
      primary key (workspace_id, user_id)
    );
    create table api_tokens (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      kind text not null check (kind in ('api', 'login')),
      secret_hash text not null,
      name text not null default '',
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      used_at timestamptz,
      revoked_at timestamptz
    );
    create table sessions (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      user_id uuid not null references users(id) on delete cascade,
      secret_hash text not null,
      csrf_token text not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null
    );
    create table pipeline_stages (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      key text not null,
      name text not null,
      position int not null,
      probability int not null check (probability between 0 and 100),
      outcome text not null default 'open' check (outcome in ('open', 'won', 'lost')),
      unique (workspace_id, key)
    );
    create table companies (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      name text not null,
      siren char(9),
      siret char(14),
      naf_code text,
      naf_label text,
      address text,
      postcode text,
      commune_code text,
      city text,
      headcount_band text,
      website text,
      source text not null default 'manual',
      source_id text,
      version int not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
      ${embedding}
    );
    create index companies_ws_id on companies (workspace_id, id desc);
    create unique index companies_ws_siret on companies (workspace_id, siret) where siret is not null;
    create index companies_ws_siren on companies (workspace_id, siren) where siren is not null;
    create index companies_name_trgm on companies using gin (name gin_trgm_ops);
    create table people (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      company_id uuid references companies(id) on delete set null,
      kind text not null check (kind in ('lead', 'contact')),
      first_name text not null default '',
      last_name text not null default '',
      role text,
      email text,
      phone text,
      status text not null default 'new',
      source text not null default 'manual',
      lawful_basis text,
      lawful_basis_note text,
      is_natural_person boolean not null default false,
      last_inbound_at timestamptz,
      opted_out_at timestamptz,
      version int not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index people_ws_kind_id on people (workspace_id, kind, id desc);
    create index people_ws_id on people (workspace_id, id desc);
    create index people_company on people (company_id);
    create index people_ws_email on people (workspace_id, lower(email));
    create index people_search_trgm on people using gin ((first_name || ' ' || last_name || ' ' || coalesce(email, '')) gin_trgm_ops);
    create table deals (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      title text not null,
      company_id uuid references companies(id) on delete set null,
      person_id uuid references people(id) on delete set null,
      amount_cents bigint not null default 0 check (amount_cents >= 0),
      currency char(3) not null default 'EUR',
      stage_id uuid not null references pipeline_stages(id),
      probability_override int check (probability_override between 0 and 100),
      expected_close_date date,
      owner_user_id uuid references users(id) on delete set null,
      closed_at timestamptz,
      version int not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index deals_ws_id on deals (workspace_id, id desc);
    create index deals_ws_stage on deals (workspace_id, stage_id, id desc);
    create index deals_title_trgm on deals using gin (title gin_trgm_ops);
    create table activities (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      subject_type text not null check (subject_type in ('company', 'person', 'deal')),
      subject_id uuid not null,
      kind text not null,
      actor_type text not null check (actor_type in ('user', 'teammate', 'system', 'rule')),
      actor_id text,
      summary text not null default '',
      data jsonb not null default '{}'::jsonb,
      occurred_at timestamptz not null default now()
    );
    create index activities_subject on activities (workspace_id, subject_type, subject_id, id desc);
    create index activities_ws_id on activities (workspace_id, id desc);
    create table notes (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      subject_type text not null check (subject_type in ('company', 'person', 'deal')),
      subject_id uuid not null,
      body text not null,
      author_user_id uuid references users(id) on delete set null,
      created_at timestamptz not null default now()
    );
    create index notes_subject on notes (workspace_id, subject_type, subject_id);
    create table tasks (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      subject_type text check (subject_type in ('company', 'person', 'deal')),
      subject_id uuid,
      title text not null,
      due_at timestamptz,
      done_at timestamptz,
      assignee_user_id uuid references users(id) on delete set null,
      created_at timestamptz not null default now()
    );
    create index tasks_ws_due on tasks (workspace_id, done_at, due_at);
    create table audit_log (
      id bigserial primary key,
      workspace_id uuid not null,
      actor_type text not null check (actor_type in ('user', 'teammate', 'system', 'rule')),
      actor_id text,
      action text not null,
      subject_type text,
      subject_id text,
      data jsonb not null default '{}'::jsonb,
      created_at timestamptz not null default now()
    );
    create index audit_ws_subject on audit_log (workspace_id, subject_type, subject_id, id);
    create function audit_log_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_log is append-only';
    end $$;
    create trigger audit_log_no_update before update or delete on audit_log
      for each row execute function audit_log_append_only();
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('the core schema is not reversible');
}
