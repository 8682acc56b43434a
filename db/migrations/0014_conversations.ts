import { sql, type Kysely } from 'kysely';
import { jobsSchema } from '../jobs/schema';

// Conversations: replies come back in. Inbound connectors (IMAP, or a webhook a mail provider
// posts raw messages to) live apart from the sending channels, which the dispatcher picks from.
// A message is stored once per workspace (its Message-ID, or the hash of its bytes when it has
// none), with its raw bytes: a message that could not be parsed is kept and shown, never dropped.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table inbound_connectors (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      type text not null check (type in ('imap', 'inbound_webhook')),
      name text not null default '',
      settings jsonb not null default '{}'::jsonb,
      secret text,
      enabled boolean not null default true,
      sync_state jsonb not null default '{}'::jsonb,
      last_sync_at timestamptz,
      last_error text,
      failures integer not null default 0,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index inbound_connectors_ws on inbound_connectors (workspace_id, created_at);

    create table conversations (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      person_id uuid references people(id) on delete set null,
      subject text not null default '',
      match text not null check (match in ('message_id', 'references', 'address', 'domain', 'none')),
      category text,
      needs_human boolean not null default false,
      unread boolean not null default true,
      handled_at timestamptz,
      last_message_at timestamptz not null,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    );
    create index conversations_ws_last on conversations (workspace_id, last_message_at desc, id desc);
    create index conversations_person on conversations (person_id);

    create table messages (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      conversation_id uuid not null references conversations(id) on delete cascade,
      direction text not null check (direction in ('in', 'out')),
      action_id uuid references actions(id) on delete set null,
      connector_id uuid references inbound_connectors(id) on delete set null,
      message_id text not null,
      in_reply_to text,
      refs text[] not null default '{}',
      from_email text,
      from_name text not null default '',
      subject text not null default '',
      new_text text not null default '',
      full_text text not null default '',
      category text,
      language text,
      details jsonb not null default '{}'::jsonb,
      raw bytea,
      parse_error text,
      dated_at timestamptz,
      received_at timestamptz not null default now(),
      unique (workspace_id, message_id)
    );
    create index messages_conversation on messages (conversation_id, received_at, id);
    create index messages_refs on messages using gin (refs);

    alter table people add column email_bounced_at timestamptz;
  `.execute(db);
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const s = sql.id(jobsSchema(rows[0].schema));
  for (const name of ['inbound.sync']) {
    await sql`select ${s}.create_queue(${`${name}__dead`}, ${JSON.stringify({ policy: 'standard' })}::json)`.execute(db);
    await sql`select ${s}.create_queue(${name}, ${JSON.stringify({ policy: 'standard', deadLetter: `${name}__dead` })}::json)`.execute(db);
  }
}
