import type { CapabilityFactory } from '../server/modules';
import { closeTeammates, teammatesFor } from './data/chat';
import { portalNotFound, portalRoutes } from './routes';

/** The Portal plugs into the server as page routes (and the HTML 404); Discussion reaches the teammates lazily. */
export const portalCapability: CapabilityFactory = (deps, db) => ({
  pages: [portalRoutes({ teammates: () => teammatesFor(db, deps) })],
  notFound: portalNotFound,
  stop: () => closeTeammates(db),
});
