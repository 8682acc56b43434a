import type { ActionOrigin, ActionStatus } from '../db/tables/approval';
import { logger } from '../lib/log';

// In-process notifications, fired after the change committed. The teammates subscribe here
// (a sendBack wakes the drafter; an approval feeds style examples); anything that must not be
// lost also has a durable form to poll (`listRevisionRequests`), since a process may restart.
export type RevisionRequested = {
  type: 'revision_requested';
  workspaceId: string;
  actionId: string;
  version: number;
  reason: string;
  teammate: string | null;
  origin: ActionOrigin;
};
export type ActionsDecided = {
  type: 'decided';
  workspaceId: string;
  actionIds: string[];
  status: ActionStatus;
  /** true when a human changed the content while approving */
  edited: boolean;
};
export type ActionEvent = RevisionRequested | ActionsDecided;

type Listener = (e: ActionEvent) => void | Promise<void>;
const listeners = new Set<Listener>();

/** Subscribe; returns the unsubscribe function. */
export function onActionEvent(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function emitActionEvent(e: ActionEvent): void {
  for (const l of listeners) {
    Promise.resolve()
      .then(() => l(e))
      .catch((err: unknown) => logger.error({ err, event: e.type }, 'action event listener failed'));
  }
}
