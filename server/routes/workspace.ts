import { createRoute } from '@hono/zod-openapi';
import { getWorkspace, updateWorkspace, workspaceDto, WorkspacePatchSchema } from '../../identity/workspace';
import { requireAdmin } from '../middleware/auth';
import { jsonBody, responses, router, security } from '../openapi';

const tags = ['Workspace'];
export const workspaceRoutes = router()
  .openapi(createRoute({ method: 'get', path: '/workspace', tags, security, responses: responses({ 200: 'the workspace identity and settings' }) }), async (c) =>
    c.json({ ...workspaceDto(await getWorkspace(c.get('crm'))), me: { userId: c.get('principal').userId, role: c.get('principal').role } }, 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/workspace',
      tags,
      security,
      middleware: [requireAdmin] as const,
      request: { body: jsonBody(WorkspacePatchSchema) },
      responses: responses({ 200: 'updated', 403: 'admin-only' }),
    }),
    async (c) => c.json(workspaceDto(await updateWorkspace(c.get('crm'), c.req.valid('json'))), 200),
  );
