import { bodyLimit } from 'hono/body-limit';
import { ingestMessage } from '../../agents/replier/ingest';
import { verifyWebhook } from '../../channels/inbound/connectors';
import { AppError } from '../../lib/errors';
import { secretKeys } from '../../lib/secrets';
import { errorBody } from '../errors';
import { router } from '../openapi';

// POST /inbound/{connectorId}: a mail provider forwards a raw reply (Mailgun, SendGrid, Brevo
// inbound parsing). Outside /api: no bearer token — the body's HMAC with the connector's secret
// is the credential; a bad or missing signature answers 401 and stores nothing. The message is
// stored and understood before the answer, so a 2xx means it is kept (a 5xx: the provider retries).
const MAX_BYTES = 25 * 1024 * 1024;

export const inboundWebhook = router();
inboundWebhook.post(
  '/inbound/:id',
  bodyLimit({
    maxSize: MAX_BYTES,
    onError: () => {
      throw new AppError('payload_too_large', 'a message larger than 25 MB is refused');
    },
  }),
  async (c) => {
    const type = (c.req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
    if (type !== 'message/rfc822') return c.json(errorBody('unsupported_media_type', 'post the raw message with Content-Type: message/rfc822'), 415);
    const deps = c.get('deps');
    const body = new Uint8Array(await c.req.arrayBuffer());
    const connector = await verifyWebhook(deps.db, secretKeys(deps.config), c.req.param('id'), body, c.req.header('x-relais-signature'));
    if (!connector) return c.json(errorBody('unauthorized', 'unknown connector or bad X-Relais-Signature (sha256=<hex HMAC-SHA256 of the body>)'), 401);
    const r = await ingestMessage(deps.db, connector.workspace_id, body, { connectorId: connector.id });
    deps.logger.info({ connectorId: connector.id, duplicate: r.duplicate, category: r.duplicate ? undefined : r.classification.category }, 'inbound message received');
    return c.json(r.duplicate ? { stored: false, duplicate: true } : { stored: true, duplicate: false, conversationId: r.conversationId }, 200);
  },
);
