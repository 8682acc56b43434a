import { z } from 'zod';
import { defineJob } from '../../db/jobs/definition';

/** Every enabled IMAP mailbox read for new mail: periodic, any worker, one at a time (agents/replier/sync.ts). */
export const inboundSyncJob = defineJob('inbound.sync', z.object({}).strict(), { retryLimit: 0, expireInSeconds: 15 * 60 });
/** How often the mailboxes are read. */
export const INBOUND_SYNC_EVERY_MS = 60_000;
