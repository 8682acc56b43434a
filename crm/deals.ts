import { invalid, notFound } from '../lib/errors';
import { uuidv7 } from '../lib/ids';
import { appendAudit } from '../db/repositories/audit';
import { insertActivity } from '../db/repositories/activities';
import * as repo from '../db/repositories/deals';
import type { Executor } from '../db/repositories/executor';
import { decodeCursor } from '../db/repositories/pagination';
import { findPerson } from '../db/repositories/people';
import { findStageByKey, listStages } from '../db/repositories/stages';
import { findMembership } from '../db/repositories/workspaces';
import type { Deal, DealUpdate, Stage } from '../db/schema';
import { staleVersion } from './companies';
import type { CrmCtx } from './context';
import { assertCompanyInWorkspace } from './people';
import type { DealCreate, DealPatch } from './schemas';

export type DealWithStage = { deal: Deal; stage: Stage };

async function stageByKey(db: Executor, workspaceId: string, key: string, field = 'stage') {
  const stage = await findStageByKey(db, workspaceId, key);
  if (!stage) {
    const keys = (await listStages(db, workspaceId)).map((s) => s.key);
    throw invalid(field, `unknown stage "${key}" (expected one of ${keys.join(', ')})`);
  }
  return stage;
}

async function assertRefs(db: Executor, workspaceId: string, input: { companyId?: string | null; personId?: string | null; ownerUserId?: string | null }) {
  await assertCompanyInWorkspace(db, workspaceId, input.companyId);
  if (input.personId && !(await findPerson(db, workspaceId, input.personId))) throw notFound('person');
  // an owner is one of the workspace's members: an unknown id, or another workspace's user, is refused alike
  if (input.ownerUserId && !(await findMembership(db, workspaceId, input.ownerUserId))) throw invalid('ownerUserId', 'must be a member of this workspace');
}

export async function listDeals(ctx: CrmCtx, f: Omit<repo.DealFilter, 'after' | 'stageId'> & { cursor?: string; stage?: string }) {
  const stages = await listStages(ctx.db, ctx.workspaceId);
  let stageId: string | undefined;
  if (f.stage) stageId = (await stageByKey(ctx.db, ctx.workspaceId, f.stage)).id;
  const page = await repo.listDeals(ctx.db, ctx.workspaceId, { ...f, stageId, after: decodeCursor(f.cursor) });
  const byId = new Map(stages.map((s) => [s.id, s]));
  return { items: page.items.map((deal) => ({ deal, stage: byId.get(deal.stage_id)! })), nextCursor: page.nextCursor };
}

/** A page of deals as stored, filtered by stage id: for callers that already hold the stages (the Portal's board and lists). */
export function listDealRows(ctx: CrmCtx, f: Omit<repo.DealFilter, 'after'> & { cursor?: string }) {
  return repo.listDeals(ctx.db, ctx.workspaceId, { ...f, after: decodeCursor(f.cursor) });
}

export async function getDeal(ctx: CrmCtx, id: string): Promise<DealWithStage> {
  const deal = await repo.findDeal(ctx.db, ctx.workspaceId, id);
  if (!deal) throw notFound('deal');
  const stages = await listStages(ctx.db, ctx.workspaceId);
  return { deal, stage: stages.find((s) => s.id === deal.stage_id)! };
}

export async function createDeal(ctx: CrmCtx, input: DealCreate): Promise<DealWithStage> {
  return ctx.db.transaction().execute(async (trx) => {
    const stage = await stageByKey(trx, ctx.workspaceId, input.stage ?? 'nouveau');
    await assertRefs(trx, ctx.workspaceId, input);
    const deal = await repo.insertDeal(trx, {
      id: uuidv7(),
      workspace_id: ctx.workspaceId,
      title: input.title,
      company_id: input.companyId ?? null,
      person_id: input.personId ?? null,
      amount_cents: input.amountCents ?? 0,
      stage_id: stage.id,
      probability_override: input.probabilityOverride ?? null,
      expected_close_date: input.expectedCloseDate ?? null,
      owner_user_id: input.ownerUserId ?? (ctx.actor.type === 'user' ? ctx.actor.id : null),
      closed_at: stage.outcome === 'open' ? null : new Date(),
    });
    await insertActivity(trx, { workspaceId: ctx.workspaceId, subjectType: 'deal', subjectId: deal.id, kind: 'created', actor: ctx.actor, data: { stage: stage.key } });
    await appendAudit(trx, { workspaceId: ctx.workspaceId, actor: ctx.actor, action: 'deal.created', subjectType: 'deal', subjectId: deal.id });
    return { deal, stage };
  });
}

/** Update and stage moves share one path, so every stage change lands in the timeline. */
export async function updateDeal(ctx: CrmCtx, id: string, patch: DealPatch): Promise<DealWithStage> {
  return ctx.db.transaction().execute(async (trx) => {
    const current = await repo.findDeal(trx, ctx.workspaceId, id);
    if (!current) throw notFound('deal');
    const { version, stage: stageKey, ...rest } = patch;
    const stages = await listStages(trx, ctx.workspaceId);
    const from = stages.find((s) => s.id === current.stage_id)!;
    const to = stageKey ? await stageByKey(trx, ctx.workspaceId, stageKey) : from;
    await assertRefs(trx, ctx.workspaceId, rest);
    const cols: DealUpdate = {};
    if (rest.title !== undefined) cols.title = rest.title;
    if (rest.companyId !== undefined) cols.company_id = rest.companyId;
    if (rest.personId !== undefined) cols.person_id = rest.personId;
    if (rest.amountCents !== undefined) cols.amount_cents = rest.amountCents;
    if (rest.probabilityOverride !== undefined) cols.probability_override = rest.probabilityOverride;
    if (rest.expectedCloseDate !== undefined) cols.expected_close_date = rest.expectedCloseDate;
    if (rest.ownerUserId !== undefined) cols.owner_user_id = rest.ownerUserId;
    if (to.id !== from.id) {
      cols.stage_id = to.id;
      cols.closed_at = to.outcome === 'open' ? null : new Date();
    }
    const deal = await repo.updateDeal(trx, ctx.workspaceId, id, version, cols);
    if (!deal) throw staleVersion(current.version);
    if (to.id !== from.id) {
      const data = { from: from.key, to: to.key };
      await insertActivity(trx, {
        workspaceId: ctx.workspaceId,
        subjectType: 'deal',
        subjectId: id,
        kind: 'stage_changed',
        actor: ctx.actor,
        summary: `${from.name} → ${to.name}`,
        data,
      });
      await appendAudit(trx, { workspaceId: ctx.workspaceId, actor: ctx.actor, action: 'deal.stage_changed', subjectType: 'deal', subjectId: id, data });
    }
    const fields = Object.keys(rest);
    if (fields.length > 0) {
      await insertActivity(trx, { workspaceId: ctx.workspaceId, subjectType: 'deal', subjectId: id, kind: 'updated', actor: ctx.actor, data: { fields } });
      await appendAudit(trx, { workspaceId: ctx.workspaceId, actor: ctx.actor, action: 'deal.updated', subjectType: 'deal', subjectId: id, data: { fields } });
    }
    return { deal, stage: to };
  });
}

export async function deleteDeal(ctx: CrmCtx, id: string) {
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.deleteDeal(trx, ctx.workspaceId, id))) throw notFound('deal');
    await appendAudit(trx, { workspaceId: ctx.workspaceId, actor: ctx.actor, action: 'deal.deleted', subjectType: 'deal', subjectId: id });
  });
}

export function getStages(ctx: CrmCtx) {
  return listStages(ctx.db, ctx.workspaceId);
}
