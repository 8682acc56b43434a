import { sql, type Insertable } from 'kysely';
import type { AutoApproveRulesTable } from '../tables/approval';
import type { Executor } from './executor';

export function listAutoApproveRules(db: Executor, workspaceId: string) {
  return db.selectFrom('auto_approve_rules').selectAll().where('workspace_id', '=', workspaceId).orderBy('id', 'desc').execute();
}

export function findAutoApproveRule(db: Executor, workspaceId: string, id: string) {
  return db.selectFrom('auto_approve_rules').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

export function insertAutoApproveRule(db: Executor, values: Insertable<AutoApproveRulesTable>) {
  return db.insertInto('auto_approve_rules').values(values).returningAll().executeTakeFirstOrThrow();
}

/** Optimistic concurrency: the update applies only at the expected version. */
export function updateAutoApproveRule(db: Executor, workspaceId: string, id: string, version: number, patch: { name: string; enabled: boolean; expires_at: Date }) {
  return db
    .updateTable('auto_approve_rules')
    .set({ ...patch, version: sql`version + 1`, updated_at: new Date() })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteAutoApproveRule(db: Executor, workspaceId: string, id: string): Promise<boolean> {
  const r = await db.deleteFrom('auto_approve_rules').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
