import type { z } from 'zod';

/**
 * How pg-boss treats one kind of job.
 * - retryLimit: retries after the first attempt (attempts = retryLimit + 1).
 * - retryDelaySeconds / retryBackoff: wait before a retry; with backoff it doubles each time,
 *   randomised between 1× and 2× (pg-boss: delay × 2^n / 2 × (1 + random)), at least 1 s.
 * - expireInSeconds: how long one attempt may hold the job. Past it, maintenance (any process's
 *   queue, every maintenanceIntervalSeconds) fails the attempt as "timeout" and the job is retried
 *   elsewhere — that is how a SIGKILLed worker's jobs come back. So it must exceed the handler's
 *   worst case: the worker aborts `ctx.signal` a little before it and then neither completes nor
 *   fails the job (the attempt is no longer its own), see worker.ts.
 */
export type JobOptions = { retryLimit: number; retryDelaySeconds: number; retryBackoff: boolean; expireInSeconds: number };

export type JobDefinition<T> = { name: string; schema: z.ZodType<T>; options: JobOptions };

export const defaultJobOptions: JobOptions = { retryLimit: 3, retryDelaySeconds: 10, retryBackoff: true, expireInSeconds: 15 * 60 };

// the name becomes a pg-boss queue (and `<name>__dead` its dead-letter queue, see queue.ts)
const NAME = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)*$/;

export function defineJob<T>(name: string, schema: z.ZodType<T>, options: Partial<JobOptions> = {}): JobDefinition<T> {
  if (!NAME.test(name) || name.length > 100) throw new Error(`job name must be lower-case words joined by - or .: ${name}`);
  const o = { ...defaultJobOptions, ...options };
  if (!Number.isInteger(o.retryLimit) || o.retryLimit < 0) throw new Error(`${name}: retryLimit must be an integer ≥ 0`);
  if (!Number.isInteger(o.retryDelaySeconds) || o.retryDelaySeconds < 0) throw new Error(`${name}: retryDelaySeconds must be an integer ≥ 0`);
  // pg-boss caps expiry below 24 h
  if (!Number.isInteger(o.expireInSeconds) || o.expireInSeconds < 1 || o.expireInSeconds >= 24 * 3600) throw new Error(`${name}: expireInSeconds must be 1 s … 24 h`);
  return { name, schema, options: o };
}
