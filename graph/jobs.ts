import { z } from 'zod';
import { defineJob } from '../db/jobs/definition';

// The teammates' background jobs. A run is executed by whichever worker fetches its job; the
// run's own lease (teammate_runs) keeps it on one worker at a time, so the job's expiry only
// bounds how long a dead worker's job waits before pg-boss retries it.

/** Execute (or resume) one teammate run: a chat turn or a revision. */
export const teammateRunJob = defineJob('teammate.run', z.object({ runId: z.uuid() }).strict(), {
  retryLimit: 4,
  retryDelaySeconds: 5,
  retryBackoff: true,
  expireInSeconds: 30 * 60,
});

/** Runs whose worker died (lease lapsed) are handed to another worker: periodic, any worker. */
export const teammateSweepJob = defineJob('teammate.sweep', z.object({}).strict(), { retryLimit: 0, expireInSeconds: 120 });
