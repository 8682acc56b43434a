import { sql, type Kysely } from 'kysely';
import { jobsSchema } from '../jobs/schema';

// The queues of the background jobs known at this release, each with its dead-letter queue, made
// once here so the migrated template holds them: pg-boss's create_queue costs up to a second a
// queue on the embedded database, which every fresh database (and test file) would pay. Jobs
// added later are created on first use (db/jobs/queue.ts), or by a migration of their own.
const JOBS = ['teammate.run', 'teammate.sweep', 'action.sent-back', 'action.approved', 'actions.expire', 'dispatch.sweep'];

export async function up(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const s = sql.id(jobsSchema(rows[0].schema));
  for (const name of JOBS) {
    await sql`select ${s}.create_queue(${`${name}__dead`}, ${JSON.stringify({ policy: 'standard' })}::json)`.execute(db);
    await sql`select ${s}.create_queue(${name}, ${JSON.stringify({ policy: 'standard', deadLetter: `${name}__dead` })}::json)`.execute(db);
  }
}
