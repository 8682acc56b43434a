import { updateActionStatuses, type StatusUpdate, type TransitionedRow } from '../db/repositories/actions';
import type { Executor } from '../db/repositories/executor';
import type { ActionStatus } from '../db/tables/approval';
import { assertActorMay, sourcesOf } from './states';

export type TransitionSpec = Omit<StatusUpdate, 'from'> & {
  /** narrow the legal sources; the state machine gives the widest set */
  from?: readonly ActionStatus[];
};

/**
 * Every status change of an action goes through here: the state machine (actions/states.ts)
 * says whether this actor may move actions to `to` and from which statuses (only the system moves
 * an action that is being sent); the repository moves only the rows in one of those, in one
 * statement with their audit entries.
 */
export async function transitionActions(db: Executor, spec: TransitionSpec): Promise<TransitionedRow[]> {
  assertActorMay(spec.actor.type, spec.to);
  const [first, ...rest] = sourcesOf(spec.to, spec.from, spec.actor.type);
  if (first === undefined) return [];
  return updateActionStatuses(db, { ...spec, from: [first, ...rest] });
}
