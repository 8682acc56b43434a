import { OpenAPIHono } from '@hono/zod-openapi';
import { sql } from 'kysely';
import { bodyLimit } from 'hono/body-limit';
import type { NotFoundHandler } from 'hono';
import { AppError } from '../lib/errors';
import type { AppEnv } from './env';
import type { AppDeps } from '../identity/request';
import { errorBody, onError, validationHook } from './errors';
import { requireAuth } from './middleware/auth';
import { requestLog } from './middleware/request-log';
import { activitiesRoutes } from './routes/activities';
import { companiesRoutes } from './routes/companies';
import { csvRoutes } from './routes/csv';
import { dealsRoutes } from './routes/deals';
import { membersRoutes } from './routes/members';
import { peopleRoutes } from './routes/people';
import { workspaceRoutes } from './routes/workspace';

export type ApiModule = OpenAPIHono<AppEnv>;

/**
 * The whole HTTP surface. Extra API modules (actions, connectors, chat…) and page routes
 * are passed in by the capabilities that own them, so this file stays the map.
 */
export function createApp(deps: AppDeps, extra: { api?: ApiModule[]; pages?: ApiModule[]; notFound?: NotFoundHandler<AppEnv> } = {}) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  app.onError(onError);
  app.notFound((c) =>
    extra.notFound && !/^\/api(\/|$)/.test(c.req.path) ? extra.notFound(c) : c.json(errorBody('not_found', `no route for ${c.req.method} ${c.req.path}`), 404),
  );
  app.use('*', requestLog(deps));

  app.get('/health', async (c) => {
    try {
      await sql`select 1`.execute(deps.db);
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
  for (const mod of [companiesRoutes, peopleRoutes, dealsRoutes, activitiesRoutes, workspaceRoutes, membersRoutes, csvRoutes, ...(extra.api ?? [])]) {
    api.route('/', mod);
  }
  app.route('/api', api);
  for (const pages of extra.pages ?? []) app.route('/', pages);
  return app;
}
