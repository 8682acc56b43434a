import { z } from 'zod';
import { defineJob } from '../db/jobs/definition';

// What the approval gate hands over to the rest of Relais, as jobs enqueued in the same
// transaction as the decision (a decision never commits without its follow-up, or the reverse).

/** The owner sent a teammate's draft back with a reason: the teammate writes a new version. */
export const SentBackSchema = z
  .object({ workspaceId: z.uuid(), actionId: z.uuid(), version: z.number().int().min(1), reason: z.string().max(4000), teammate: z.string().max(60) })
  .strict();
export type SentBack = z.infer<typeof SentBackSchema>;
export const actionSentBackJob = defineJob('action.sent-back', SentBackSchema, { retryLimit: 5, retryDelaySeconds: 5 });

/** Drafts the owner approved (edited or not): the teammates learn from them. */
export const LESSON_MAX = 500;
export const ApprovedSchema = z.object({ workspaceId: z.uuid(), actionIds: z.array(z.uuid()).min(1).max(LESSON_MAX), edited: z.boolean() }).strict();
export type Approved = z.infer<typeof ApprovedSchema>;
export const actionsApprovedJob = defineJob('action.approved', ApprovedSchema, { retryLimit: 3, retryDelaySeconds: 10 });

/** Pending actions past their expiry become expired: periodic, any worker. */
export const actionsExpireJob = defineJob('actions.expire', z.object({}).strict(), { retryLimit: 0, expireInSeconds: 120 });

/** Prospects with no contact from them for 3 years are forgotten (actions/retention.ts): twice a day, any worker. */
export const retentionPurgeJob = defineJob('retention.purge', z.object({}).strict(), { retryLimit: 2, retryDelaySeconds: 600, expireInSeconds: 3600 });
