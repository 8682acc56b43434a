import { notFound } from '../lib/errors';
import * as repo from '../db/repositories/activities';
import { findCompany } from '../db/repositories/companies';
import { findDeal } from '../db/repositories/deals';
import type { Executor } from '../db/repositories/executor';
import { decodeCursor } from '../db/repositories/pagination';
import { findPerson } from '../db/repositories/people';
import type { SubjectType } from '../db/schema';
import type { CrmCtx } from './context';
import type { ActivityCreate } from './schemas';

export async function assertSubject(db: Executor, workspaceId: string, type: SubjectType, id: string) {
  const find = { company: findCompany, person: findPerson, deal: findDeal }[type];
  if (!(await find(db, workspaceId, id))) throw notFound(type);
}

export function listActivities(ctx: CrmCtx, f: Omit<repo.ActivityFilter, 'after'> & { cursor?: string }) {
  return repo.listActivities(ctx.db, ctx.workspaceId, { ...f, after: decodeCursor(f.cursor) });
}

export async function logActivity(ctx: CrmCtx, input: ActivityCreate) {
  return ctx.db.transaction().execute(async (trx) => {
    await assertSubject(trx, ctx.workspaceId, input.subjectType, input.subjectId);
    return repo.insertActivity(trx, {
      workspaceId: ctx.workspaceId,
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      kind: input.kind,
      actor: ctx.actor,
      summary: input.summary,
      occurredAt: input.occurredAt ? new Date(input.occurredAt) : undefined,
    });
  });
}
