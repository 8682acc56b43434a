import { z } from 'zod';
import { adminOnly, AppError, conflict, notFound } from '../lib/errors';
import { appendAudit } from '../db/repositories/audit';
import type { Role } from '../db/schema';
import type { CrmCtx } from '../crm/context';
import { DateTimeSchema, UuidSchema } from '../crm/schemas';
import { countAdmins, findMember, listMembers as listWorkspaceMembers, lockWorkspace, setMemberRole } from '../db/repositories/workspaces';

// Members and roles of a workspace. Who may decide is a human administrator (ctx.role), checked
// here as well as at the door, so no caller — route, page, teammate tool — can skip it.

export const RoleSchema = z.enum(['admin', 'member'], { message: 'must be "admin" or "member"' });
export const MemberRolePatchSchema = z.object({ role: RoleSchema }).strict();
export type MemberRolePatch = z.infer<typeof MemberRolePatchSchema>;

export const LAST_ADMIN = 'last_admin';

export type Member = { id: string; display_name: string; email: string | null; role: Role; created_at: Date };

export const MemberDtoSchema = z.object({
  userId: UuidSchema,
  displayName: z.string(),
  email: z.string().nullable(),
  role: RoleSchema,
  /** when they joined the workspace */
  since: DateTimeSchema,
});
export type MemberDto = z.infer<typeof MemberDtoSchema>;

export function memberDto(m: Member): MemberDto {
  return { userId: m.id, displayName: m.display_name, email: m.email, role: m.role, since: m.created_at.toISOString() };
}

/** The workspace's people with their role, oldest membership first. */
export function listMembers(ctx: CrmCtx): Promise<Member[]> {
  return listWorkspaceMembers(ctx.db, ctx.workspaceId);
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
    const ws = await lockWorkspace(trx, ctx.workspaceId);
    if (!ws) throw notFound('workspace');
    const current = await findMember(trx, ctx.workspaceId, userId);
    if (!current) throw notFound('member');
    if (current.role === role) return current;
    if (current.role === 'admin') {
      if ((await countAdmins(trx, ctx.workspaceId)) <= 1) {
        throw conflict('the last administrator of the workspace cannot be demoted: make another member an administrator first', { reason: LAST_ADMIN, userId });
      }
    }
    await setMemberRole(trx, ctx.workspaceId, userId, role);
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
