import { createRoute } from '@hono/zod-openapi';
import {
  createInboundConnector,
  deleteInboundConnector,
  InboundConnectorCreatedSchema,
  InboundConnectorCreateSchema,
  InboundConnectorDtoSchema,
  inboundConnectorDto,
  listInboundConnectors,
} from '../../channels/inbound/connectors';
import { listSchema } from '../../crm/dto';
import { secretKeys } from '../../lib/secrets';
import { requireAdmin } from '../middleware/auth';
import { IdParam, jsonBody, responses, router, security } from '../openapi';

// Settings → Connecteurs, the inbound side: an IMAP mailbox Relais reads, or a webhook a mail
// provider posts raw replies to. Members see them; connecting and removing is admin-only.
const tags = ['Connectors'];

export const inboundConnectorsRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/inbound-connectors',
      tags,
      security,
      responses: responses({ 200: 'where replies come in from (never a secret)' }, listSchema(InboundConnectorDtoSchema)),
    }),
    async (c) => {
      const url = c.get('deps').config.publicUrl;
      return c.json({ items: (await listInboundConnectors(c.get('crm'))).map((r) => inboundConnectorDto(r, url)) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/inbound-connectors',
      tags,
      security,
      middleware: [requireAdmin] as const,
      description:
        'An IMAP mailbox (`type: imap`, read by the sync job; its password sealed) or a webhook (`type: inbound_webhook`): the answer gives its URL and, this once, the secret that signs each request (`X-Relais-Signature: sha256=<hex HMAC-SHA256 of the body>`).',
      request: { body: jsonBody(InboundConnectorCreateSchema) },
      responses: responses({ 201: 'connected', 403: 'admin-only' }, InboundConnectorCreatedSchema),
    }),
    async (c) => {
      const { row, secret } = await createInboundConnector(c.get('crm'), secretKeys(c.get('deps').config), c.req.valid('json'));
      return c.json({ ...inboundConnectorDto(row, c.get('deps').config.publicUrl), secret }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/inbound-connectors/{id}',
      tags,
      security,
      middleware: [requireAdmin] as const,
      request: { params: IdParam },
      responses: responses({ 204: 'removed (its messages stay)', 403: 'admin-only' }),
    }),
    async (c) => {
      await deleteInboundConnector(c.get('crm'), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
