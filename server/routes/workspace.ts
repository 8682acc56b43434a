import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { RoleSchema } from '../../identity/members';
import { getWorkspace, updateWorkspace, WorkspaceDtoSchema, workspaceDto, WorkspacePatchSchema } from '../../identity/workspace';
import { UuidSchema } from '../../crm/schemas';
import { requireAdmin } from '../middleware/auth';
import { jsonBody, responses, router, security } from '../openapi';

const tags = ['Workspace'];
/** GET /workspace also says who is asking. */
const WorkspaceWithMeSchema = WorkspaceDtoSchema.extend({ me: z.object({ userId: UuidSchema, role: RoleSchema }) });

export const workspaceRoutes = router()
  .openapi(
    createRoute({ method: 'get', path: '/workspace', tags, security, responses: responses({ 200: 'the workspace identity and settings' }, WorkspaceWithMeSchema) }),
    async (c) => c.json({ ...workspaceDto(await getWorkspace(c.get('crm'))), me: { userId: c.get('principal').userId, role: c.get('principal').role } }, 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/workspace',
      tags,
      security,
      middleware: [requireAdmin] as const,
      request: { body: jsonBody(WorkspacePatchSchema) },
      responses: responses({ 200: 'updated', 403: 'admin-only' }, WorkspaceDtoSchema),
    }),
    async (c) => c.json(workspaceDto(await updateWorkspace(c.get('crm'), c.req.valid('json'))), 200),
  );
