import { z } from 'zod';
import { defineJob } from '../../db/jobs/definition';

/**
 * One CSV import (crm/csv/import.ts runImport), committed chunk by chunk: a retry resumes after the
 * last committed chunk. A 1,500-line file takes seconds; the expiry bounds a dead worker's hold.
 */
export const csvImportJob = defineJob('csv.import', z.object({ importId: z.uuid() }).strict(), {
  retryLimit: 3,
  retryDelaySeconds: 5,
  retryBackoff: true,
  expireInSeconds: 15 * 60,
});
