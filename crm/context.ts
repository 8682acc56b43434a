import type { Kysely } from 'kysely';
import type { JobQueue } from '../db/jobs/queue';
import type { Database, Role } from '../db/schema';
import type { Actor } from '../db/repositories/audit';

/** Who is acting, on which workspace: every domain function is scoped by it. */
export type CrmCtx = {
  db: Kysely<Database>;
  /** what a change hands over (a revision, a lesson) is a job, enqueued in the change's transaction */
  jobs: JobQueue;
  workspaceId: string;
  actor: Actor;
  role?: Role;
};
