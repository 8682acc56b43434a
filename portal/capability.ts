import type { CapabilityFactory } from '../server/modules';
import { closeTeammates, teammatesFor } from './data/chat';
import { portalRoutes } from './routes';

/** The Portal plugs into the server as page routes; Discussion reaches the teammates lazily. */
export const portalCapability: CapabilityFactory = (deps, db) => ({
  pages: [portalRoutes({ teammates: () => teammatesFor(db, deps) })],
  stop: () => closeTeammates(db),
});
