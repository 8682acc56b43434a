import { sql } from 'kysely';
import type { ActorType } from '../schema';
import type { ImportStatus } from '../tables/imports';
import type { Executor } from './executor';

// CSV imports run as jobs (crm/csv/jobs.ts): one row per import, advanced one committed chunk at a time.

export type NewImport = {
  id: string;
  workspaceId: string;
  actor: { type: ActorType; id: string | null };
  plan: unknown;
  report: unknown;
  rowsTotal: number;
  rowsDone: number;
  chunksTotal: number;
};

export async function insertImport(db: Executor, i: NewImport): Promise<void> {
  await db
    .insertInto('imports')
    .values({
      id: i.id,
      workspace_id: i.workspaceId,
      created_by_type: i.actor.type,
      created_by_id: i.actor.id,
      plan: JSON.stringify(i.plan),
      report: JSON.stringify(i.report),
      rows_total: i.rowsTotal,
      rows_done: i.rowsDone,
      chunks_total: i.chunksTotal,
      error: null,
    })
    .execute();
}

/** What the API and the Portal show of an import (not its plan). */
export function findImport(db: Executor, workspaceId: string, id: string) {
  return db
    .selectFrom('imports')
    .select(['id', 'status', 'report', 'rows_total', 'rows_done', 'chunks_total', 'chunks_done', 'error', 'created_at', 'updated_at', 'finished_at'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The workspace's latest imports, newest first. */
export function listImports(db: Executor, workspaceId: string, limit: number) {
  return db
    .selectFrom('imports')
    .select(['id', 'status', 'rows_total', 'rows_done', 'created_at', 'finished_at'])
    .where('workspace_id', '=', workspaceId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

/** The job's view: everything, plan included (null once the import ended). */
export function findImportForJob(db: Executor, id: string) {
  return db.selectFrom('imports').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function markImportRunning(db: Executor, id: string): Promise<void> {
  await db.updateTable('imports').set({ status: 'running', updated_at: new Date() }).where('id', '=', id).where('status', 'in', ['queued', 'running']).execute();
}

/**
 * Chunk `chunk` is committed with this: only if it is the next one, so a second attempt racing the
 * first (an expired lease) makes its transaction roll back instead of writing the chunk twice.
 */
export async function advanceImport(db: Executor, id: string, chunk: number, progress: { rowsDone: number; report: unknown }): Promise<boolean> {
  const r = await db
    .updateTable('imports')
    .set({ chunks_done: chunk + 1, rows_done: progress.rowsDone, report: JSON.stringify(progress.report), updated_at: new Date() })
    .where('id', '=', id)
    .where('chunks_done', '=', chunk)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** The end of an import: its plan (personal data) goes, its report stays. */
export async function finishImport(db: Executor, id: string, status: Extract<ImportStatus, 'done' | 'failed'>, error: string | null = null): Promise<void> {
  const now = new Date();
  await db.updateTable('imports').set({ status, error, plan: null, updated_at: now, finished_at: now }).where('id', '=', id).where('status', 'in', ['queued', 'running']).execute();
}

/** Which of these addresses (lower-case) a person of the workspace already has: one query per chunk. */
export async function knownPersonEmails(db: Executor, workspaceId: string, emails: readonly string[]): Promise<Set<string>> {
  if (emails.length === 0) return new Set();
  const r = await sql<{ email: string }>`
    select distinct lower(email) as email from people
    where workspace_id = ${workspaceId} and lower(email) = any(${[...emails]}::text[])`.execute(db);
  return new Set(r.rows.map((row) => row.email));
}
