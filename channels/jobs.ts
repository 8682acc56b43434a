import { z } from 'zod';
import { defineJob } from '../db/jobs/definition';

/** Actions left `sending` past their lease (their dispatcher died) become delivery_unknown: periodic, any worker. */
export const dispatchSweepJob = defineJob('dispatch.sweep', z.object({}).strict(), { retryLimit: 0, expireInSeconds: 120 });
