import type { Kysely } from 'kysely';
import { findStaleProspects, lockPerson } from '../db/repositories/people';
import type { Actor } from '../db/repositories/audit';
import type { Database } from '../db/schema';
import { forgetPerson } from './recipient-rights';

// CNIL: prospect data is kept 3 years from the last contact coming from the prospect; with none,
// from its collection (the record's creation: the data came from its source then). Past that, a
// job twice a day (retention.purge, server/worker.ts) forgets the prospect the way an erasure does
// (actions/recipient-rights.ts forgetPerson), with an audit entry saying why. Contacts (customers)
// are not prospects: they are kept for the relationship.

export const RETENTION_YEARS = 3;
/** How often the purge runs (the worker's ticker): twice a day, the longest period the queue can throttle (its 12 h archive interval). */
export const RETENTION_PURGE_EVERY_MS = 12 * 3600 * 1000;
const RETENTION_ACTOR: Actor = { type: 'system', id: 'retention' };

/** The oldest last contact still kept at `now`: 3 calendar years earlier (29 February → 1 March). */
export function retentionCutoff(now: Date): Date {
  const d = new Date(now);
  d.setUTCFullYear(d.getUTCFullYear() - RETENTION_YEARS);
  return d;
}

export type PurgeReport = { purged: number; companies: number; workspaces: number };

/**
 * Forgets every lead with no contact from them since the cutoff, in batches, each prospect in its
 * own transaction (re-checked once locked: a reply may have come in since it was picked). `now`
 * is the clock (tests pass a fixed one); `signal` stops between prospects.
 */
export async function purgeStaleProspects(db: Kysely<Database>, opts: { now: Date; batch?: number; signal?: AbortSignal }): Promise<PurgeReport> {
  const cutoff = retentionCutoff(opts.now);
  const batch = opts.batch ?? 200;
  const report: PurgeReport = { purged: 0, companies: 0, workspaces: 0 };
  const workspaces = new Set<string>();
  let after: string | null = null;
  for (;;) {
    const page = await findStaleProspects(db, cutoff, { after, limit: batch });
    for (const p of page) {
      if (opts.signal?.aborted) break;
      const done = await db.transaction().execute(async (trx) => {
        const person = await lockPerson(trx, p.workspace_id, p.id);
        if (person?.kind !== 'lead') return null;
        const since = person.last_inbound_at ?? person.created_at;
        if (since >= cutoff) return null;
        return forgetPerson(trx, {
          workspaceId: p.workspace_id,
          person,
          actor: RETENTION_ACTOR,
          cause: 'retention',
          auditData: {
            reason: `no contact from the prospect for ${RETENTION_YEARS} years`,
            since: since.toISOString(),
            from: person.last_inbound_at ? 'last_inbound' : 'collected',
          },
        });
      });
      if (!done) continue;
      report.purged++;
      if (done.companyDeleted) report.companies++;
      workspaces.add(p.workspace_id);
    }
    if (page.length < batch || opts.signal?.aborted) break;
    after = page[page.length - 1].id;
  }
  report.workspaces = workspaces.size;
  return report;
}
