import { sql, type Kysely } from 'kysely';
import { jobsSchema } from '../jobs/schema';

// Prospect data is kept 3 years from the last contact coming from the prospect (CNIL): the
// purge (actions/retention.ts) looks leads up by that date, so it gets an index of its own; and its
// job queue is made here, like 0008's, so a fresh database never pays create_queue on first use.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index people_lead_last_contact on people ((coalesce(last_inbound_at, created_at)), id) where kind = 'lead'`.execute(db);
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const s = sql.id(jobsSchema(rows[0].schema));
  const name = 'retention.purge';
  await sql`select ${s}.create_queue(${`${name}__dead`}, ${JSON.stringify({ policy: 'standard' })}::json)`.execute(db);
  await sql`select ${s}.create_queue(${name}, ${JSON.stringify({ policy: 'standard', deadLetter: `${name}__dead` })}::json)`.execute(db);
}
