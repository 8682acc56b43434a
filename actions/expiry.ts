import type { Kysely } from 'kysely';
import type { TransitionedRow } from '../db/repositories/actions';
import type { Executor } from '../db/repositories/executor';
import type { Database } from '../db/schema';
import { PENDING } from './states';
import { transitionActions } from './transition';

const EXPIRY = { type: 'system', id: 'expiry' } as const;
const EXPIRED = { reason: 'expired without a decision' };

/**
 * Pending actions nobody decided on expire after the workspace's pendingExpiryDays (default 14,
 * stamped on each action as expires_at when proposed or revised). Safe to run from any process.
 */
export async function expireDueActions(db: Kysely<Database>, limit = 1000): Promise<number> {
  const rows = await transitionActions(db, { to: 'expired', actor: EXPIRY, from: PENDING, expired: true, limit, skipLocked: true, set: EXPIRED });
  return rows.length;
}

/**
 * These actions, expired now if their time has passed: a decision made before the periodic sweep
 * reaches them finds them expired, never approvable.
 */
export function expireIfDue(db: Executor, workspaceId: string, ids: readonly string[]): Promise<TransitionedRow[]> {
  return transitionActions(db, { to: 'expired', actor: EXPIRY, from: PENDING, workspaceId, ids, expired: true, set: EXPIRED });
}
