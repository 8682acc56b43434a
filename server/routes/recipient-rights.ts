import { createRoute } from '@hono/zod-openapi';
import { erasePerson, EraseResultSchema, optOutPerson, OptOutResultSchema } from '../../actions/recipient-rights';
import { requireAdmin } from '../middleware/auth';
import { IdParam, responses, router, security } from '../openapi';

// Objection and erasure requests about a person (CNIL / GDPR).
const tags = ['People'];

export const recipientRightsRoutes = router()
  .openapi(
    createRoute({
      method: 'post',
      path: '/people/{id}/opt-out',
      tags,
      security,
      description: 'Record an objection: the address joins the suppression list for good and pending actions to it are cancelled.',
      request: { params: IdParam },
      responses: responses({ 200: 'the address is suppressed; the people with it and the pending actions cancelled' }, OptOutResultSchema),
    }),
    async (c) => c.json(await optOutPerson(c.get('crm'), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/people/{id}/erase',
      tags,
      security,
      middleware: [requireAdmin] as const,
      description: 'Erasure: deletes the person and their timeline, cancels unsent actions, redacts payloads; the address hash stays suppressed.',
      request: { params: IdParam },
      responses: responses({ 200: 'erased; the actions cancelled and redacted', 403: 'admin-only' }, EraseResultSchema),
    }),
    async (c) => c.json(await erasePerson(c.get('crm'), c.req.valid('param').id), 200),
  );
