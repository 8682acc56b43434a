import { createRoute } from '@hono/zod-openapi';
import {
  ConnectorDtoSchema,
  connectorDto,
  ConnectorPatchSchema,
  createConnector,
  deleteConnector,
  getConnector,
  listConnectors,
  SmtpConnectorCreateSchema,
  ConnectorTestResultSchema,
  testConnector,
  updateConnector,
} from '../../channels/connectors';
import { secretKeys } from '../../lib/secrets';
import { listSchema } from '../../crm/dto';
import { requireAdmin } from '../middleware/auth';
import { IdParam, jsonBody, responses, router, security } from '../openapi';

// Settings → Connecteurs. Reading is open to members (so they see why nothing is sent);
// connecting, changing, testing and removing a channel is admin-only. No secret is ever returned.
const tags = ['Connectors'];

export const connectorsRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/connectors',
      tags,
      security,
      responses: responses({ 200: 'the connected channels (never their secrets)' }, listSchema(ConnectorDtoSchema)),
    }),
    async (c) => c.json({ items: (await listConnectors(c.get('crm'))).map(connectorDto) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/connectors',
      tags,
      security,
      middleware: [requireAdmin] as const,
      request: { body: jsonBody(SmtpConnectorCreateSchema) },
      responses: responses({ 201: 'connected', 403: 'admin-only' }, ConnectorDtoSchema),
    }),
    async (c) => c.json(connectorDto(await createConnector(c.get('crm'), secretKeys(c.get('deps').config), c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({ method: 'get', path: '/connectors/{id}', tags, security, request: { params: IdParam }, responses: responses({ 200: 'the channel' }, ConnectorDtoSchema) }),
    async (c) => c.json(connectorDto(await getConnector(c.get('crm'), c.req.valid('param').id)), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/connectors/{id}',
      tags,
      security,
      middleware: [requireAdmin] as const,
      request: { params: IdParam, body: jsonBody(ConnectorPatchSchema) },
      responses: responses({ 200: 'updated (enable / disable / settings)', 403: 'admin-only', 409: 'stale version' }, ConnectorDtoSchema),
    }),
    async (c) => c.json(connectorDto(await updateConnector(c.get('crm'), secretKeys(c.get('deps').config), c.req.valid('param').id, c.req.valid('json'))), 200),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/connectors/{id}',
      tags,
      security,
      middleware: [requireAdmin] as const,
      request: { params: IdParam },
      responses: responses({ 204: 'removed', 403: 'admin-only' }),
    }),
    async (c) => {
      await deleteConnector(c.get('crm'), c.req.valid('param').id);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/connectors/{id}/test',
      tags,
      security,
      middleware: [requireAdmin] as const,
      description: 'SMTP verify: connect, STARTTLS, authenticate; sends nothing.',
      request: { params: IdParam },
      responses: responses({ 200: 'whether the server accepted the handshake, else its answer', 403: 'admin-only' }, ConnectorTestResultSchema),
    }),
    async (c) => c.json(await testConnector(c.get('crm'), secretKeys(c.get('deps').config), c.req.valid('param').id), 200),
  );
