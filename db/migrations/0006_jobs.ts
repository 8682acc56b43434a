import { sql, type Kysely } from 'kysely';
import { jobsSchema } from '../jobs/schema';

// The job queue's tables (pg-boss 10, schema version 24), in their own schema (db/jobs/schema.ts),
// so the migrated template already holds them and openJobQueue starts pg-boss with `migrate: false`.
// The SQL is pg-boss's own construction plan (PgBoss.getConstructionPlans) frozen as text, without
// its BEGIN/advisory-lock/COMMIT wrapper (the migrator already runs us in a transaction): a later
// pg-boss release must not change what this released migration creates. Upgrading pg-boss means a
// new migration running PgBoss.getMigrationPlans(schema, 24); openJobQueue fails loudly until then
// ("pg-boss database requires migrations").

function construction(s: string): string {
  return `
    CREATE SCHEMA IF NOT EXISTS ${s};

    CREATE TYPE ${s}.job_state AS ENUM (
      'created',
      'retry',
      'active',
      'completed',
      'cancelled',
      'failed'
    );

    CREATE TABLE ${s}.version (
      version int primary key,
      maintained_on timestamp with time zone,
      cron_on timestamp with time zone,
      monitored_on timestamp with time zone
    );

    CREATE TABLE ${s}.queue (
      name text,
      policy text,
      retry_limit int,
      retry_delay int,
      retry_backoff bool,
      expire_seconds int,
      retention_minutes int,
      dead_letter text REFERENCES ${s}.queue (name),
      partition_name text,
      created_on timestamp with time zone not null default now(),
      updated_on timestamp with time zone not null default now(),
      PRIMARY KEY (name)
    );

    CREATE TABLE ${s}.schedule (
      name text REFERENCES ${s}.queue ON DELETE CASCADE,
      cron text not null,
      timezone text,
      data jsonb,
      options jsonb,
      created_on timestamp with time zone not null default now(),
      updated_on timestamp with time zone not null default now(),
      PRIMARY KEY (name)
    );

    CREATE TABLE ${s}.subscription (
      event text not null,
      name text not null REFERENCES ${s}.queue ON DELETE CASCADE,
      created_on timestamp with time zone not null default now(),
      updated_on timestamp with time zone not null default now(),
      PRIMARY KEY(event, name)
    );

    CREATE TABLE ${s}.job (
      id uuid not null default gen_random_uuid(),
      name text not null,
      priority integer not null default(0),
      data jsonb,
      state ${s}.job_state not null default('created'),
      retry_limit integer not null default(2),
      retry_count integer not null default(0),
      retry_delay integer not null default(0),
      retry_backoff boolean not null default false,
      start_after timestamp with time zone not null default now(),
      started_on timestamp with time zone,
      singleton_key text,
      singleton_on timestamp without time zone,
      expire_in interval not null default interval '15 minutes',
      created_on timestamp with time zone not null default now(),
      completed_on timestamp with time zone,
      keep_until timestamp with time zone NOT NULL default now() + interval '14 days',
      output jsonb,
      dead_letter text,
      policy text
    ) PARTITION BY LIST (name);

    ALTER TABLE ${s}.job ADD PRIMARY KEY (name, id);

    CREATE TABLE ${s}.archive (LIKE ${s}.job);

    ALTER TABLE ${s}.archive ADD PRIMARY KEY (name, id);

    ALTER TABLE ${s}.archive ADD archived_on timestamptz NOT NULL DEFAULT now();

    CREATE INDEX archive_i1 ON ${s}.archive(archived_on);

    CREATE FUNCTION ${s}.create_queue(queue_name text, options json)
    RETURNS VOID AS
    $$
    DECLARE
      table_name varchar := 'j' || encode(sha224(queue_name::bytea), 'hex');
      queue_created_on timestamptz;
    BEGIN

      WITH q as (
      INSERT INTO ${s}.queue (
        name,
        policy,
        retry_limit,
        retry_delay,
        retry_backoff,
        expire_seconds,
        retention_minutes,
        dead_letter,
        partition_name
      )
      VALUES (
        queue_name,
        options->>'policy',
        (options->>'retryLimit')::int,
        (options->>'retryDelay')::int,
        (options->>'retryBackoff')::bool,
        (options->>'expireInSeconds')::int,
        (options->>'retentionMinutes')::int,
        options->>'deadLetter',
        table_name
      )
      ON CONFLICT DO NOTHING
      RETURNING created_on
      )
      SELECT created_on into queue_created_on from q;

      IF queue_created_on IS NULL THEN
        RETURN;
      END IF;

      EXECUTE format('CREATE TABLE ${s}.%I (LIKE ${s}.job INCLUDING DEFAULTS)', table_name);

      EXECUTE format('ALTER TABLE ${s}.%1$I ADD PRIMARY KEY (name, id)', table_name);
      EXECUTE format('ALTER TABLE ${s}.%1$I ADD CONSTRAINT q_fkey FOREIGN KEY (name) REFERENCES ${s}.queue (name) ON DELETE RESTRICT DEFERRABLE INITIALLY DEFERRED', table_name);
      EXECUTE format('ALTER TABLE ${s}.%1$I ADD CONSTRAINT dlq_fkey FOREIGN KEY (dead_letter) REFERENCES ${s}.queue (name) ON DELETE RESTRICT DEFERRABLE INITIALLY DEFERRED', table_name);
      EXECUTE format('CREATE UNIQUE INDEX %1$s_i1 ON ${s}.%1$I (name, COALESCE(singleton_key, '''')) WHERE state = ''created'' AND policy = ''short''', table_name);
      EXECUTE format('CREATE UNIQUE INDEX %1$s_i2 ON ${s}.%1$I (name, COALESCE(singleton_key, '''')) WHERE state = ''active'' AND policy = ''singleton''', table_name);
      EXECUTE format('CREATE UNIQUE INDEX %1$s_i3 ON ${s}.%1$I (name, state, COALESCE(singleton_key, '''')) WHERE state <= ''active'' AND policy = ''stately''', table_name);
      EXECUTE format('CREATE UNIQUE INDEX %1$s_i4 ON ${s}.%1$I (name, singleton_on, COALESCE(singleton_key, '''')) WHERE state <> ''cancelled'' AND singleton_on IS NOT NULL', table_name);
      EXECUTE format('CREATE INDEX %1$s_i5 ON ${s}.%1$I (name, start_after) INCLUDE (priority, created_on, id) WHERE state < ''active''', table_name);

      EXECUTE format('ALTER TABLE ${s}.%I ADD CONSTRAINT cjc CHECK (name=%L)', table_name, queue_name);
      EXECUTE format('ALTER TABLE ${s}.job ATTACH PARTITION ${s}.%I FOR VALUES IN (%L)', table_name, queue_name);
    END;
    $$
    LANGUAGE plpgsql;

    CREATE FUNCTION ${s}.delete_queue(queue_name text)
    RETURNS VOID AS
    $$
    DECLARE
      table_name varchar;
    BEGIN
      WITH deleted as (
        DELETE FROM ${s}.queue
        WHERE name = queue_name
        RETURNING partition_name
      )
      SELECT partition_name from deleted INTO table_name;

      EXECUTE format('DROP TABLE IF EXISTS ${s}.%I', table_name);
    END;
    $$
    LANGUAGE plpgsql;

    INSERT INTO ${s}.version(version) VALUES ('24');

    -- pg-boss 10 only deduplicates a singletonKey on queues with a key policy (short, singleton,
    -- stately), which would also cap every key-less job of the queue to one. This is v9's rule for
    -- standard queues: at most one unfinished (created, retry, active) job per name and key unless
    -- it is a throttled one (singleton_on set, deduplicated by pg-boss's own per-slot index).
    -- Created on the partitioned parent, so every queue's partition gets it when it is attached.
    CREATE UNIQUE INDEX job_singleton_key ON ${s}.job (name, singleton_key)
      WHERE singleton_key IS NOT NULL AND singleton_on IS NULL AND state < 'completed';

    -- pg-boss's fetch orders the queued jobs by (priority desc, created_on, id): without an index in
    -- that order every fetch sorts the whole backlog (10,000 queued: 68 ms a fetch on PGlite, 1.4 ms with it)
    CREATE INDEX job_fetch_order ON ${s}.job (name, priority DESC, created_on, id) WHERE state < 'active';

    -- pg-boss's complete (name = $1 AND id IN (SELECT UNNEST($2)) AND state = 'active') and expiry
    -- (state = 'active' AND started_on + expire_in < now()) otherwise scan every job of the queue
    -- still in the table, completed ones included (kept 12 h): the running ones are few
    CREATE INDEX job_active ON ${s}.job (name, id) WHERE state = 'active';
  `;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  // the schema being migrated: `public`, or a test file's own (its search_path comes first)
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  await sql.raw(construction(jobsSchema(rows[0].schema))).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  await sql.raw(`drop schema if exists ${jobsSchema(rows[0].schema)} cascade`).execute(db);
}
