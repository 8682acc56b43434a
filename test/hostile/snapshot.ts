import { sql } from 'kysely';
import { jobsSchema } from '../../db/jobs/schema';
import type { TestContext } from '../support/context';

// What a rejected request must leave as it found: every table of the app's schema (row count and
// a hash of the rows) and the job queue. Hashing every table around every fuzzed request would be
// slow, so the next transaction id is read first: when no transaction id was handed out since the
// last look, nothing was written, and the tables need no second look.
export type Tables = Map<string, string>;
export type Watcher = {
  /** the tables that changed since the last call (none when nothing could have been written) */
  changes: () => Promise<string[]>;
};

export async function watchTables(t: TestContext): Promise<Watcher> {
  const { rows } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not like '%migration%'
    order by table_name
  `.execute(t.db.kysely);
  const jobs = jobsSchema(t.schema);
  const parts = rows.map(
    (r) => sql`select ${r.name}::text as name, count(*)::text || ':' || md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as state from ${sql.table(r.name)} x`,
  );
  // a job enqueued by a rejected request would run later: its rows count, their bookkeeping does not
  parts.push(sql`select 'jobs'::text as name, count(*)::text || ':' || md5(coalesce(string_agg(name || data::text, '|' order by id), '')) as state from ${sql.id(jobs, 'job')}`);
  const query = sql.join(parts, sql` union all `);
  const tables = async (): Promise<Tables> => {
    const r = await sql<{ name: string; state: string }>`${query}`.execute(t.db.kysely);
    return new Map(r.rows.map((x) => [x.name, x.state]));
  };
  const nextXid = async () => (await sql<{ x: string }>`select pg_snapshot_xmax(pg_current_snapshot())::text as x`.execute(t.db.kysely)).rows[0].x;

  let xid = await nextXid();
  let last = await tables();
  return {
    changes: async () => {
      const now = await nextXid();
      if (now === xid) return [];
      xid = now;
      const before = last;
      last = await tables();
      return [...last].filter(([k, v]) => before.get(k) !== v).map(([k]) => k);
    },
  };
}
