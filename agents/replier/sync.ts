import type { Kysely } from 'kysely';
import { imapSettingsOf } from '../../channels/inbound/connectors';
import { ImapError, syncMailbox, type ImapSyncState } from '../../channels/inbound/imap';
import * as repo from '../../db/repositories/conversations';
import type { Database } from '../../db/schema';
import type { InboundConnectorRow } from '../../db/tables/conversations';
import type { Logger } from '../../lib/log';
import type { SecretKeys } from '../../lib/secrets';
import { ingestMessage } from './ingest';

// The `inbound.sync` job: each enabled IMAP mailbox, read from where the last sync stopped; every
// new message ingested (stored once: a message read twice is a no-op). One mailbox that fails —
// a wrong password, a server away — is recorded on its connector (Settings shows it) and retried
// with a growing wait; it never stops the others.

export type InboundSyncReport = { connectors: number; fetched: number; failed: number; skipped: number };

/** After n failures in a row, wait 2^(n-1) minutes (capped at an hour) before trying again. */
export function retryAt(c: Pick<InboundConnectorRow, 'failures' | 'last_sync_at'>): Date | null {
  if (!c.failures || !c.last_sync_at) return null;
  return new Date(c.last_sync_at.getTime() + Math.min(60, 2 ** (c.failures - 1)) * 60_000);
}

export async function syncInbound(db: Kysely<Database>, keys: SecretKeys, opts: { signal?: AbortSignal; log: Logger; now?: Date }): Promise<InboundSyncReport> {
  const report: InboundSyncReport = { connectors: 0, fetched: 0, failed: 0, skipped: 0 };
  for (const { id, workspace_id } of await repo.listEnabledImapConnectors(db)) {
    if (opts.signal?.aborted) break;
    const c = await repo.findInboundConnector(db, workspace_id, id);
    const settings = c && imapSettingsOf(c, keys);
    if (!c || !settings) continue;
    const wait = retryAt(c);
    if (wait && wait > (opts.now ?? new Date())) {
      report.skipped++;
      continue;
    }
    report.connectors++;
    const state: ImapSyncState = { uidValidity: c.sync_state.uidValidity ?? null, lastUid: c.sync_state.lastUid ?? 0 };
    try {
      const r = await syncMailbox(settings, state, async (m) => void (await ingestMessage(db, workspace_id, m.raw, { connectorId: c.id })), {
        signal: opts.signal,
        logger: opts.log,
        checkpoint: (progress) => repo.recordSync(db, c.id, { state: progress, error: null }),
      });
      await repo.recordSync(db, c.id, { state: r.state, error: null });
      report.fetched += r.fetched;
      report.failed += r.failed.length;
      if (r.failed.length) opts.log.warn({ connectorId: c.id, failed: r.failed.length }, 'some messages could not be read from the mailbox');
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      // progress made before the failure is kept: the next sync goes on from there
      await repo.recordSync(db, c.id, { state: err instanceof ImapError ? err.state : undefined, error: message.slice(0, 500) });
      opts.log.warn({ connectorId: c.id, err: message }, 'mailbox sync failed; retried later');
    }
  }
  return report;
}
