import type { ActorType } from '../schema';
import type { Executor } from './executor';

export type Actor = { type: ActorType; id: string | null };

export type AuditEntry = {
  workspaceId: string;
  actor: Actor;
  action: string;
  subjectType?: string;
  subjectId?: string;
  data?: Record<string, unknown>;
};

/** The row an audit entry is stored as (one place for both inserts). */
const auditRow = (e: AuditEntry) => ({
  workspace_id: e.workspaceId,
  actor_type: e.actor.type,
  actor_id: e.actor.id,
  action: e.action,
  subject_type: e.subjectType ?? null,
  subject_id: e.subjectId ?? null,
  data: JSON.stringify(e.data ?? {}),
});

export async function appendAudit(db: Executor, e: AuditEntry): Promise<void> {
  await db.insertInto('audit_log').values(auditRow(e)).execute();
}

/** Many audit entries at once, in chunks that keep each statement under the parameter limit. */
export async function insertAuditEntries(db: Executor, entries: readonly AuditEntry[]): Promise<void> {
  for (let k = 0; k < entries.length; k += 500) {
    await db
      .insertInto('audit_log')
      .values(entries.slice(k, k + 500).map(auditRow))
      .execute();
  }
}

/** The entries about any of these subjects (a person and their actions: an access request), oldest first. */
export function listAuditOfSubjects(db: Executor, workspaceId: string, subjects: { type: string; ids: readonly string[] }[]) {
  const wanted = subjects.filter((s) => s.ids.length > 0);
  if (wanted.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where((eb) => eb.or(wanted.map((s) => eb.and([eb('subject_type', '=', s.type), eb('subject_id', 'in', s.ids)]))))
    .orderBy('id')
    .execute();
}

export async function listAudit(db: Executor, workspaceId: string, subjectType: string, subjectId: string) {
  return db
    .selectFrom('audit_log')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('subject_type', '=', subjectType)
    .where('subject_id', '=', subjectId)
    .orderBy('id')
    .execute();
}
