import { z } from 'zod';
import { adminOnly, AppError, conflict, notFound } from '../lib/errors';
import { appendAudit } from '../db/repositories/audit';
import type { Role } from '../db/schema';
import type { CrmCtx } from '../crm/context';
import type { Executor } from '../db/repositories/executor';

// Members and roles of a workspace. Who may decide is a human administrator (ctx.role), checked
// here as well as at the door, so no caller — route, page, teammate tool — can skip it.

export const RoleSchema = z.enum(['admin', 'member'], { message: 'must be "admin" or "member"' });
export const MemberRolePatchSchema = z.object({ role: RoleSchema }).strict();
export type MemberRolePatch = z.infer<typeof MemberRolePatchSchema>;

export const LAST_ADMIN = 'last_admin';

export type Member = { id: string; display_name: string; email: string | null; role: Role; created_at: Date };

export function memberDto(m: Member) {
  return { userId: m.id, displayName: m.display_name, email: m.email, role: m.role, since: m.created_at.toISOString() };
}

const members = (db: Executor, workspaceId: string) =>
  db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.display_name', 'u.email', 'm.role', 'm.created_at'])
    .where('m.workspace_id', '=', workspaceId);

/** The workspace's people with their role, oldest membership first. */
export function listMembers(ctx: CrmCtx): Promise<Member[]> {
  return members(ctx.db, ctx.workspaceId)
    .orderBy('m.created_at')
    .orderBy('u.id')
    .execute();
}

/**
 * Make a member an administrator or the reverse (admin only, audited). A workspace always keeps
 * at least one administrator: demoting the last one is a 409 `conflict` with `reason: last_admin`.
 * A user of another workspace is simply not found. Setting the role a member already has is a
 * no-op (nothing written, nothing audited).
 */
export async function changeMemberRole(ctx: CrmCtx, userId: string, role: Role): Promise<Member> {
  if (ctx.role !== 'admin' || ctx.actor.type !== 'user') throw adminOnly();
  return ctx.db.transaction().execute(async (trx) => {
    // one role change at a time per workspace: two admins demoting each other cannot both succeed
    const ws = await trx.selectFrom('workspaces').select('id').where('id', '=', ctx.workspaceId).forUpdate().executeTakeFirst();
    if (!ws) throw notFound('workspace');
    const current = await members(trx, ctx.workspaceId).where('m.user_id', '=', userId).executeTakeFirst();
    if (!current) throw notFound('member');
    if (current.role === role) return current;
    if (current.role === 'admin') {
      const { n } = await trx
        .selectFrom('memberships')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('workspace_id', '=', ctx.workspaceId)
        .where('role', '=', 'admin')
        .executeTakeFirstOrThrow();
      if (Number(n) <= 1) {
        throw conflict('the last administrator of the workspace cannot be demoted: make another member an administrator first', { reason: LAST_ADMIN, userId });
      }
    }
    await trx.updateTable('memberships').set({ role }).where('workspace_id', '=', ctx.workspaceId).where('user_id', '=', userId).execute();
    await appendAudit(trx, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      action: 'member.role_changed',
      subjectType: 'user',
      subjectId: userId,
      data: { from: current.role, to: role },
    });
    return { ...current, role };
  });
}

export const isLastAdminError = (err: unknown): err is AppError =>
  err instanceof AppError && err.code === 'conflict' && (err.details as { reason?: string } | null)?.reason === LAST_ADMIN;
