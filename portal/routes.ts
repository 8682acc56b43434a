import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { AppError } from '../lib/errors';
import type { RequestVariables } from '../identity/request';
import type { PortalEnv } from './env';
import { securityHeaders } from './headers';
import { authRoutes } from './sections/auth';
import { companyRoutes } from './sections/companies';
import { conversationRoutes } from './sections/conversations';
import { importRoutes } from './sections/imports';
import { dashboardRoutes } from './sections/dashboard';
import { dealRoutes } from './sections/deals';
import { libraryRoutes } from './sections/library';
import { chatRoutes } from './sections/chat';
import type { TeammateDeps } from '../graph/deps';
import { peopleRoutes } from './sections/people';
import { personRightsRoutes } from './sections/person-rights';
import { placeholderRoutes } from './sections/placeholders';
import { reportRoutes } from './sections/reports';
import { settingsRoutes } from './sections/settings';
import { connectorEditRoutes } from './sections/settings-connector';
import { timelineRoutes } from './sections/timeline';
import { optionalViewer, requireCsrf, requireViewer, withUi } from './session/middleware';
import { assetRoutes } from './static/assets';
import { renderError } from './views/errors';
import { isDatabaseUnavailable } from '../db/errors';

const fieldOf = (err: AppError) => (err.details as { fields?: { path: string }[] } | null)?.fields?.[0]?.path ?? '';

/** Paths that need a signed-in viewer (a "/x/*" pattern also matches "/x"). */
const PROTECTED = [
  '/',
  '/leads/*',
  '/contacts/*',
  '/people/*',
  '/companies/*',
  '/deals/*',
  '/quotes/*',
  '/conversations/*',
  '/library/*',
  '/sequences/*',
  '/reports/*',
  '/forecasts/*',
  '/settings/*',
  '/chat/*',
  '/timeline',
  '/logout',
];

/**
 * The Portal: server-rendered pages at the site root, beside /api. Its middleware is bound to
 * its own paths only, so API routes and other capabilities' pages never pass through it.
 */
export type PortalOptions = { teammates: TeammateDeps };

export function portalRoutes(opts: PortalOptions): Hono<PortalEnv> {
  const portal = new Hono<PortalEnv>();
  portal.onError(async (err, c) => {
    if (err instanceof AppError && err.code === 'not_found') return renderError(c, 'notFound');
    if (err instanceof AppError && err.code === 'forbidden') return renderError(c, 'forbidden');
    // input no form of ours sends (a NUL, a version out of range): a 400 naming the field
    if (err instanceof AppError && err.code === 'validation_failed') return renderError(c, 'badRequest', fieldOf(err));
    if (isDatabaseUnavailable(err)) return renderError(c, 'unavailable');
    c.get('log')?.error({ err }, 'portal page failed');
    return renderError(c, 'server');
  });
  for (const path of ['/login', '/assets/*', ...PROTECTED]) portal.use(path, securityHeaders);
  portal.use('/login', withUi);
  const formLimit = bodyLimit({ maxSize: 512 * 1024, onError: (c) => c.text('payload too large', 413) });
  for (const path of PROTECTED) portal.use(path, withUi, formLimit, requireViewer, requireCsrf);

  portal.route('/', assetRoutes);
  portal.route('/', authRoutes);
  portal.route('/', dashboardRoutes);
  portal.route('/', peopleRoutes);
  portal.route('/', personRightsRoutes);
  // before the companies: /companies/import is not a company id
  portal.route('/', importRoutes);
  portal.route('/', companyRoutes);
  portal.route('/', dealRoutes);
  portal.route('/', conversationRoutes);
  portal.route('/', timelineRoutes);
  portal.route('/', placeholderRoutes);
  portal.route('/', reportRoutes);
  portal.route('/', settingsRoutes);
  portal.route('/', connectorEditRoutes);
  portal.route('/', libraryRoutes);
  portal.route('/', chatRoutes(opts.teammates));
  // anything else under the Portal's own paths is an HTML "not found", in the viewer's language
  for (const path of PROTECTED) portal.get(path, (c) => renderError(c, 'notFound'));

  return portal;
}

/**
 * Any other path outside /api (which keeps its JSON 404): the "not found" page in the visitor's
 * language — inside the layout with the navigation when signed in — with the way back to the
 * Dashboard. The server calls it only once no route, of any capability, has answered.
 */
export async function portalNotFound(c: Context<{ Variables: RequestVariables }>): Promise<Response> {
  const pc = c as unknown as Context<PortalEnv>;
  // the Portal's own middleware did not run for a path it does not own: language, session, headers
  if (!pc.get('ui')) await withUi(pc, async () => undefined);
  if (!pc.get('viewer')) {
    try {
      await optionalViewer(pc, async () => undefined);
    } catch (err) {
      pc.get('log')?.warn({ err }, 'not-found page without the session'); // the bare layout then
    }
  }
  await securityHeaders(pc, async () => {
    pc.res = await renderError(pc, 'notFound');
  });
  return pc.res;
}
