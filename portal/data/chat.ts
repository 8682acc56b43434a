import type { Kysely } from 'kysely';
import type { Db } from '../../db/connection';
import type { Database } from '../../db/schema';
import type { TeammateDeps } from '../../graph/deps';
import { createTeammateDeps } from '../../graph/wiring';
import type { AppDeps } from '../../identity/request';

// Discussion talks to the teammates through their own functions (graph/runner, graph/store).
// Their capability keeps its wiring private, so the Portal builds the same production wiring
// once per database, lazily (on the first chat). Tests provide theirs.
const wiring = new WeakMap<Db, TeammateDeps>();

export function provideTeammates(db: Db, deps: TeammateDeps): void {
  wiring.set(db, deps);
}

export function teammatesFor(db: Db, app: AppDeps): TeammateDeps {
  let deps = wiring.get(db);
  if (!deps) {
    deps = createTeammateDeps(db, app.config, app.logger);
    wiring.set(db, deps);
  }
  return deps;
}

/** Forgets the wiring of a database being closed. */
export async function closeTeammates(db: Db): Promise<void> {
  wiring.delete(db);
}

/** The workspace's latest conversations, newest first. */
export function recentThreads(db: Kysely<Database>, workspaceId: string, limit = 12) {
  return db
    .selectFrom('chat_threads')
    .select(['id', 'title', 'updated_at'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('updated_at', 'desc')
    .limit(limit)
    .execute();
}
