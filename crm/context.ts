import type { Kysely } from 'kysely';
import type { Database, Role } from '../db/schema';
import type { Actor } from '../db/repositories/audit';

/** Who is acting, on which workspace: every domain function is scoped by it. */
export type CrmCtx = {
  db: Kysely<Database>;
  workspaceId: string;
  actor: Actor;
  role?: Role;
};
