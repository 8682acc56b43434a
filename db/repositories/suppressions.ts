import type { Executor } from './executor';

// The suppression list, keyed by sha256(lower(address)): honoured forever, even after erasure.

/** An objection: the address is kept beside its hash (a first entry wins). */
export async function suppressAddress(db: Executor, s: { workspaceId: string; emailHash: string; email: string; source: string }): Promise<void> {
  await db
    .insertInto('suppressions')
    .values({ workspace_id: s.workspaceId, email_hash: s.emailHash, email: s.email, reason: 'opt_out', source: s.source })
    .onConflict((oc) => oc.columns(['workspace_id', 'email_hash']).doNothing())
    .execute();
}

/** An erasure: only the hash stays, an address recorded earlier is forgotten. */
export async function suppressErasedAddress(db: Executor, workspaceId: string, emailHash: string): Promise<void> {
  await db
    .insertInto('suppressions')
    .values({ workspace_id: workspaceId, email_hash: emailHash, email: null, reason: 'erased', source: 'erasure request' })
    .onConflict((oc) => oc.columns(['workspace_id', 'email_hash']).doUpdateSet({ email: null }))
    .execute();
}

/** The retention purge: an objection stays (the hash), the address in clear goes. */
export async function keepOnlyHash(db: Executor, workspaceId: string, emailHash: string): Promise<void> {
  await db.updateTable('suppressions').set({ email: null }).where('workspace_id', '=', workspaceId).where('email_hash', '=', emailHash).execute();
}

/** The entry for an address, if any (an access request says whether and since when it is suppressed). */
export function findSuppression(db: Executor, workspaceId: string, emailHash: string) {
  return db.selectFrom('suppressions').select(['reason', 'source', 'created_at']).where('workspace_id', '=', workspaceId).where('email_hash', '=', emailHash).executeTakeFirst();
}

export async function isSuppressed(db: Executor, workspaceId: string, emailHash: string): Promise<boolean> {
  const row = await db.selectFrom('suppressions').select('email_hash').where('workspace_id', '=', workspaceId).where('email_hash', '=', emailHash).executeTakeFirst();
  return Boolean(row);
}
