import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import type { TeammateDeps } from '../graph/deps';
import { ping } from '../db/repositories/health';
import type { AppDeps } from '../identity/request';
import { AppError } from '../lib/errors';
import { portalNotFound, portalRoutes } from '../portal/routes';
import type { AppEnv } from './env';
import { errorBody, onError, validationHook } from './errors';
import { requireAuth } from './middleware/auth';
import { requestLog } from './middleware/request-log';
import { unsubscribePages } from './pages/unsubscribe';
import { actionsRoutes } from './routes/actions';
import { activitiesRoutes } from './routes/activities';
import { autoApproveRulesRoutes } from './routes/auto-approve-rules';
import { chatRoutes } from './routes/chat';
import { companiesRoutes } from './routes/companies';
import { connectorsRoutes } from './routes/connectors';
import { conversationsRoutes } from './routes/conversations';
import { inboundConnectorsRoutes } from './routes/inbound-connectors';
import { inboundWebhook } from './routes/inbound-webhook';
import { csvRoutes } from './routes/csv';
import { dealsRoutes } from './routes/deals';
import { membersRoutes } from './routes/members';
import { peopleRoutes } from './routes/people';
import { recipientRightsRoutes } from './routes/recipient-rights';
import { tokensRoutes } from './routes/tokens';
import { workspaceRoutes } from './routes/workspace';

export type App = OpenAPIHono<AppEnv>;

/** Every API route under /api, chained so that its type carries each endpoint's input and output (the typed test client reads it). */
export function apiRoutes(teammates: TeammateDeps) {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
    .route('/', companiesRoutes)
    .route('/', peopleRoutes)
    .route('/', dealsRoutes)
    .route('/', activitiesRoutes)
    .route('/', workspaceRoutes)
    .route('/', membersRoutes)
    .route('/', tokensRoutes)
    .route('/', csvRoutes)
    .route('/', actionsRoutes)
    .route('/', connectorsRoutes)
    .route('/', inboundConnectorsRoutes)
    .route('/', conversationsRoutes)
    .route('/', autoApproveRulesRoutes)
    .route('/', recipientRightsRoutes)
    .route('/', chatRoutes(teammates));
}
export type ApiRoutes = ReturnType<typeof apiRoutes>;

/**
 * The whole HTTP surface, mounted once: /health, the API under /api (bearer token, OpenAPI),
 * the public opt-out pages, the inbound-mail webhook (signed, no token), and the Portal at the root with its HTML 404 (/api keeps JSON).
 */
export function createApp(deps: AppDeps, parts: { teammates: TeammateDeps }): App {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.onError(onError);
  app.notFound((c) => (/^\/api(\/|$)/.test(c.req.path) ? c.json(errorBody('not_found', `no route for ${c.req.method} ${c.req.path}`), 404) : portalNotFound(c)));
  app.use('*', requestLog(deps));

  app.get('/health', async (c) => {
    try {
      await ping(deps.db);
      return c.json({ status: 'ok', database: 'ok' }, 200);
    } catch {
      return c.json({ status: 'error', database: 'unreachable' }, 503);
    }
  });

  const api = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  api.use(
    '*',
    bodyLimit({
      maxSize: 1024 * 1024,
      onError: () => {
        throw new AppError('payload_too_large', 'request body is larger than 1 MB');
      },
    }),
  );
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer' });
  api.doc('/openapi.json', {
    openapi: '3.0.0',
    info: { title: 'Relais API', version: '0.1.0', description: 'AI-teammates CRM: nothing leaves the workspace without a human OK.' },
  });
  api.use('*', async (c, next) => (c.req.path === '/api/openapi.json' ? next() : requireAuth(c, next)));
  api.route('/', apiRoutes(parts.teammates));
  app.route('/api', api);
  app.route('/', unsubscribePages);
  app.route('/', inboundWebhook);
  app.route('/', portalRoutes({ teammates: parts.teammates }));
  return app;
}
