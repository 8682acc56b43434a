import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../schema';

/** Repositories accept either the pool-backed handle or an open transaction. */
export type Executor = Kysely<Database> | Transaction<Database>;
