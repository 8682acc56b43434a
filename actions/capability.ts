import { startDispatcher, type Dispatcher } from '../channels/dispatcher';
import { actionsRoutes } from '../server/routes/actions';
import { autoApproveRulesRoutes } from '../server/routes/auto-approve-rules';
import { connectorsRoutes } from '../server/routes/connectors';
import { recipientRightsRoutes } from '../server/routes/recipient-rights';
import type { CapabilityFactory } from '../server/modules';
import { unsubscribePages } from '../server/pages/unsubscribe';

/**
 * The approval gate as a capability: the Library, connectors, rules and recipient-rights APIs,
 * the public opt-out pages, and (under `npm start`) the dispatcher with its housekeeping.
 */
export const approvalCapability: CapabilityFactory = (deps) => {
  let dispatcher: Dispatcher | null = null;
  return {
    api: [actionsRoutes, connectorsRoutes, autoApproveRulesRoutes, recipientRightsRoutes],
    pages: [unsubscribePages],
    start: async () => {
      dispatcher ??= startDispatcher(deps);
    },
    stop: async () => {
      await dispatcher?.stop();
      dispatcher = null;
    },
  };
};
