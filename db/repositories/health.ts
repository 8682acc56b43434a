import { sql } from 'kysely';
import type { Executor } from './executor';

/** The cheapest round trip: is the database there? */
export async function ping(db: Executor): Promise<void> {
  await sql`select 1`.execute(db);
}
