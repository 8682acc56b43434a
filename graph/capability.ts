import type { Db } from '../db/connection';
import type { Capability } from '../server/modules';
import type { AppDeps } from '../identity/request';
import { chatRoutes } from '../server/routes/chat';
import { idle, listenToDecisions, resumeLeftovers } from '../agents/supervisor/entry';
import { createTeammateDeps } from './wiring';

/** The teammates in the server: Chat API; on `serve`, resume interrupted runs and listen to decisions. */
export function teammatesCapability(app: AppDeps, db: Db): Capability {
  const deps = createTeammateDeps(db, app.config, app.logger);
  let unlisten: (() => void) | null = null;
  return {
    api: [chatRoutes(deps)],
    start: async () => {
      unlisten = listenToDecisions(deps);
      // left over by a stopped process: finish them in the background
      void resumeLeftovers(deps).catch((err: unknown) => deps.logger.error({ err }, 'resuming runs and revisions failed'));
    },
    stop: async () => {
      unlisten?.();
      await idle();
    },
  };
}
