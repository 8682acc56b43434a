import { z } from 'zod';
import { adminOnly, AppError, conflict, notFound } from '../lib/errors';
import { appendAudit } from '../db/repositories/audit';
import type { Role } from '../db/schema';
import type { CrmCtx } from '../crm/context';
import { DateTimeSchema, EmailSchema, UuidSchema } from '../crm/schemas';
import { deleteMemberSessions } from '../db/repositories/sessions';
import { revokeMemberTokens } from '../db/repositories/tokens';
import { countAdmins, deleteMembership, findMember, insertUserWithRole, listMembers as listWorkspaceMembers, lockWorkspace, setMemberRole } from '../db/repositories/workspaces';
import { issueLoginLink } from './tokens';

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

export const MemberInviteSchema = z
  .object({
    displayName: z.string().trim().min(1, 'is required').max(200),
    email: EmailSchema.nullable().optional(),
    role: RoleSchema,
  })
  .strict();
export type MemberInvite = z.infer<typeof MemberInviteSchema>;

export const InvitationSchema = z.object({
  member: MemberDtoSchema,
  /** the one-time sign-in link to hand over, shown this once */
  loginUrl: z.string(),
  expiresAt: DateTimeSchema,
});
export type Invitation = z.infer<typeof InvitationSchema>;

/**
 * Invite someone (admin only, audited): a member or an administrator of this workspace, and a
 * one-time sign-in link for them that works for 24 hours. The link is returned once, to hand over.
 */
export async function inviteMember(ctx: CrmCtx, input: MemberInvite, publicUrl: string): Promise<Invitation> {
  if (ctx.role !== 'admin' || ctx.actor.type !== 'user') throw adminOnly();
  return ctx.db.transaction().execute(async (trx) => {
    const user = await insertUserWithRole(trx, ctx.workspaceId, input.displayName, input.role, input.email ?? undefined);
    const { token, expiresAt } = await issueLoginLink(trx, ctx.workspaceId, user.id, 'invitation');
    const member = await findMember(trx, ctx.workspaceId, user.id);
    if (!member) throw notFound('member');
    await appendAudit(trx, { workspaceId: ctx.workspaceId, actor: ctx.actor, action: 'member.invited', subjectType: 'user', subjectId: user.id, data: { role: input.role } });
    return { member: memberDto(member), loginUrl: `${publicUrl.replace(/\/+$/, '')}/login?token=${token}`, expiresAt: expiresAt.toISOString() };
  });
}

/**
 * Remove someone from the workspace (admin only, audited): their membership ends, every token
 * they hold here is revoked and every session they have here ends. The last administrator stays
 * (409 `last_admin`); a user of another workspace is not found. Their past work keeps their name.
 */
export async function removeMember(ctx: CrmCtx, userId: string): Promise<void> {
  if (ctx.role !== 'admin' || ctx.actor.type !== 'user') throw adminOnly();
  await ctx.db.transaction().execute(async (trx) => {
    // one membership change at a time per workspace: two admins removing each other leave one
    const ws = await lockWorkspace(trx, ctx.workspaceId);
    if (!ws) throw notFound('workspace');
    const current = await findMember(trx, ctx.workspaceId, userId);
    if (!current) throw notFound('member');
    if (current.role === 'admin' && (await countAdmins(trx, ctx.workspaceId)) <= 1) {
      throw conflict('the last administrator of the workspace cannot be removed: make another member an administrator first', { reason: LAST_ADMIN, userId });
    }
    await deleteMembership(trx, ctx.workspaceId, userId);
    const tokens = await revokeMemberTokens(trx, ctx.workspaceId, userId);
    const sessions = await deleteMemberSessions(trx, ctx.workspaceId, userId);
    await appendAudit(trx, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      action: 'member.removed',
      subjectType: 'user',
      subjectId: userId,
      data: { role: current.role, tokensRevoked: tokens, sessionsEnded: sessions },
    });
  });
}

export const isLastAdminError = (err: unknown): err is AppError =>
  err instanceof AppError && err.code === 'conflict' && (err.details as { reason?: string } | null)?.reason === LAST_ADMIN;
