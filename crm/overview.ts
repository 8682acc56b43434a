import { countCompanies as countCompanyRows } from '../db/repositories/companies';
import { summarizeByStage } from '../db/repositories/deals';
import { countPeopleOfKind } from '../db/repositories/people';
import type { PersonKind } from '../db/schema';
import type { CrmCtx } from './context';

// The workspace at a glance: what a teammate may read to answer "combien d'affaires en négociation ?".

export type StageSummary = { key: string; name: string; outcome: string; count: number; amountCents: number };

/** Deals per pipeline stage, in pipeline order: count and total amount. */
export async function pipelineSummary(ctx: CrmCtx): Promise<StageSummary[]> {
  const rows = await summarizeByStage(ctx.db, ctx.workspaceId);
  return rows.map((r) => ({ key: r.key, name: r.name, outcome: r.outcome, count: Number(r.count), amountCents: Number(r.amount_cents) }));
}

export function countPeople(ctx: CrmCtx, kind: PersonKind): Promise<number> {
  return countPeopleOfKind(ctx.db, ctx.workspaceId, kind);
}

export function countCompanies(ctx: CrmCtx): Promise<number> {
  return countCompanyRows(ctx.db, ctx.workspaceId);
}
