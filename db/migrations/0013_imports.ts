import { sql, type Kysely } from 'kysely';
import { jobsSchema } from '../jobs/schema';

// CSV imports run as jobs (crm/csv/jobs.ts): each import is a row here, with its plan (the parsed
// rows, cleared when it ends: it holds personal data), its progress in committed chunks — a retry
// resumes after the last one — and the final report. Its job queue is made here, like 0008's.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table imports (
      id uuid primary key,
      workspace_id uuid not null references workspaces(id) on delete cascade,
      created_by_type text not null,
      created_by_id text,
      status text not null default 'queued' check (status in ('queued', 'running', 'done', 'failed')),
      plan jsonb,
      report jsonb not null,
      rows_total integer not null,
      rows_done integer not null default 0,
      chunks_total integer not null,
      chunks_done integer not null default 0,
      error text,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      finished_at timestamptz
    );
    create index imports_ws_id on imports (workspace_id, id desc);
  `.execute(db);
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const s = sql.id(jobsSchema(rows[0].schema));
  const name = 'csv.import';
  await sql`select ${s}.create_queue(${`${name}__dead`}, ${JSON.stringify({ policy: 'standard' })}::json)`.execute(db);
  await sql`select ${s}.create_queue(${name}, ${JSON.stringify({ policy: 'standard', deadLetter: `${name}__dead` })}::json)`.execute(db);
}
