import { uuidv7 } from '../../lib/ids';
import type { SubjectType } from '../schema';
import type { Actor } from './audit';
import type { Executor } from './executor';
import { toPage } from './pagination';

export type NewActivity = {
  workspaceId: string;
  subjectType: SubjectType;
  subjectId: string;
  kind: string;
  actor: Actor;
  summary?: string;
  data?: Record<string, unknown>;
  occurredAt?: Date;
};

/** The row an activity is stored as (one place for both inserts). */
const activityRow = (a: NewActivity) => ({
  id: uuidv7(),
  workspace_id: a.workspaceId,
  subject_type: a.subjectType,
  subject_id: a.subjectId,
  kind: a.kind,
  actor_type: a.actor.type,
  actor_id: a.actor.id,
  summary: a.summary ?? '',
  data: JSON.stringify(a.data ?? {}),
  occurred_at: a.occurredAt ?? new Date(),
});

export async function insertActivity(db: Executor, a: NewActivity) {
  return db.insertInto('activities').values(activityRow(a)).returningAll().executeTakeFirstOrThrow();
}

/** Rows per insert statement: keeps each one under the protocol's parameter limit. */
const CHUNK = 500;

/** Many timeline entries at once (a batch of sends, an import); occurred_at defaults to now. */
export async function insertActivities(db: Executor, rows: readonly NewActivity[]): Promise<void> {
  for (let k = 0; k < rows.length; k += CHUNK) {
    await db
      .insertInto('activities')
      .values(rows.slice(k, k + CHUNK).map(activityRow))
      .execute();
  }
}

export type ActivityFilter = {
  subjectType?: SubjectType;
  subjectId?: string;
  kind?: string;
  after?: string | null;
  limit: number;
};

export async function listActivities(db: Executor, workspaceId: string, f: ActivityFilter) {
  let q = db.selectFrom('activities').selectAll().where('workspace_id', '=', workspaceId);
  if (f.subjectType) q = q.where('subject_type', '=', f.subjectType);
  if (f.subjectId) q = q.where('subject_id', '=', f.subjectId);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.after) q = q.where('id', '<', f.after);
  const rows = await q
    .orderBy('id', 'desc')
    .limit(f.limit + 1)
    .execute();
  return toPage(rows, f.limit);
}
