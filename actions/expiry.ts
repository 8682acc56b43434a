import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { PENDING } from './states';
import { transitionActions } from './transition';

/**
 * Pending actions nobody decided on expire after the workspace's pendingExpiryDays (default 14,
 * stamped on each action as expires_at when proposed or revised). Safe to run from any process.
 */
export async function expireDueActions(db: Kysely<Database>, limit = 1000): Promise<number> {
  const rows = await transitionActions(db, {
    to: 'expired',
    actor: { type: 'system', id: 'expiry' },
    from: PENDING,
    expired: true,
    limit,
    skipLocked: true,
    set: { reason: 'expired without a decision' },
  });
  return rows.length;
}
