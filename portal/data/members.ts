import type { CrmCtx } from '../../crm/context';

/** The workspace's people with a role — for the admin's "Members and roles" section. */
export function listMembers(ctx: CrmCtx) {
  return ctx.db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.display_name', 'u.email', 'm.role', 'm.created_at'])
    .where('m.workspace_id', '=', ctx.workspaceId)
    .orderBy('m.created_at')
    .orderBy('u.id')
    .execute();
}
