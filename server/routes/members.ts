import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  changeMemberRole,
  InvitationSchema,
  inviteMember,
  listMembers,
  MemberDtoSchema,
  memberDto,
  MemberInviteSchema,
  MemberRolePatchSchema,
  removeMember,
} from '../../identity/members';
import { listSchema } from '../../crm/dto';
import { requireAdmin } from '../middleware/auth';
import { jsonBody, responses, router, security } from '../openapi';

const tags = ['Members'];
const UserIdParam = z.object({ userId: z.uuid({ message: 'must be a UUID' }) });

/** Members and roles, as in Settings → Membres: administrators only, like the Portal section. */
export const membersRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/members',
      tags,
      security,
      middleware: [requireAdmin] as const,
      responses: responses({ 200: 'the workspace members with their role, oldest first', 403: 'admin-only' }, listSchema(MemberDtoSchema)),
    }),
    async (c) => c.json({ items: (await listMembers(c.get('crm'))).map(memberDto) }, 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/members/{userId}',
      tags,
      security,
      middleware: [requireAdmin] as const,
      description: 'Make a member an administrator or the reverse (audited). The last administrator of a workspace cannot be demoted (409).',
      request: { params: UserIdParam, body: jsonBody(MemberRolePatchSchema) },
      responses: responses({ 200: 'the member with the new role', 403: 'admin-only', 409: 'the last administrator cannot be demoted' }, MemberDtoSchema),
    }),
    async (c) => c.json(memberDto(await changeMemberRole(c.get('crm'), c.req.valid('param').userId, c.req.valid('json').role)), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/members/invites',
      tags,
      security,
      middleware: [requireAdmin] as const,
      description: 'Invite someone as a member or an administrator (audited): the answer holds their one-time sign-in link, valid 24 hours, shown this once.',
      request: { body: jsonBody(MemberInviteSchema) },
      responses: responses({ 201: 'invited: the new member and the link to hand over', 403: 'admin-only' }, InvitationSchema),
    }),
    async (c) => c.json(await inviteMember(c.get('crm'), c.req.valid('json'), c.get('deps').config.publicUrl), 201),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/members/{userId}',
      tags,
      security,
      middleware: [requireAdmin] as const,
      description: 'Remove someone from the workspace (audited): their tokens are revoked and their sessions end. The last administrator cannot be removed (409).',
      request: { params: UserIdParam },
      responses: responses({ 204: 'removed', 403: 'admin-only', 409: 'the last administrator cannot be removed' }),
    }),
    async (c) => {
      await removeMember(c.get('crm'), c.req.valid('param').userId);
      return c.body(null, 204);
    },
  );
