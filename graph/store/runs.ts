import type { Kysely } from 'kysely';
import { findRunInWorkspace, latestRun as latestRunRow } from '../../db/repositories/teammate-runs';
import type { Database } from '../../db/schema';

// Teammate runs as the API, the Portal and the CLI read them: status, duration, model calls,
// tokens in/out and estimated cost (graph/runner.ts writes them).

export function latestRun(db: Kysely<Database>, workspaceId: string, threadId: string) {
  return latestRunRow(db, workspaceId, threadId);
}

export function findRun(db: Kysely<Database>, workspaceId: string, runId: string) {
  return findRunInWorkspace(db, workspaceId, runId);
}
