import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/** Sendbacks to the drafter that no process revised yet, any workspace, oldest first. */
export function pendingSendbacks(db: Kysely<Database>, limit = 100) {
  return db
    .selectFrom('actions')
    .select(['id', 'workspace_id', 'reason', 'version'])
    .where('status', '=', 'draft')
    .where('revision_requested_at', 'is not', null)
    .where('teammate', '=', 'drafter')
    .orderBy('revision_requested_at')
    .limit(limit)
    .execute();
}

export type PendingSendback = Awaited<ReturnType<typeof pendingSendbacks>>[number];
