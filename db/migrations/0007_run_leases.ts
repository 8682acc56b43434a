import { sql, type Kysely } from 'kysely';

// Teammate runs execute as jobs on any worker. A run is held by one worker at a time under a
// lease it renews while it works; a lease that lapses (the worker died) lets another worker
// resume the run from its checkpoint. `input` is what the run was asked, so any worker can start it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table teammate_runs
      add column input jsonb not null default '{}'::jsonb,
      add column attempts int not null default 0,
      add column lease_owner text,
      add column lease_expires_at timestamptz;
    create index teammate_runs_lapsed on teammate_runs (lease_expires_at) where status = 'running';
  `.execute(db);
}
