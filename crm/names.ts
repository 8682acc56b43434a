import { findCompanyNames } from '../db/repositories/companies';
import { findDealTitles } from '../db/repositories/deals';
import { findPersonNames } from '../db/repositories/people';
import type { SubjectType } from '../db/schema';
import type { CrmCtx } from './context';

// Names to show next to ids (a lead's company, a timeline entry's subject), fetched in one query
// per kind for a whole page, never one per row.
export type NameMap = Map<string, string>;

const distinctIds = (ids: (string | null)[]) => [...new Set(ids.filter((x): x is string => Boolean(x)))];

export async function companyNames(ctx: CrmCtx, ids: (string | null)[]): Promise<NameMap> {
  const wanted = distinctIds(ids);
  if (wanted.length === 0) return new Map();
  const rows = await findCompanyNames(ctx.db, ctx.workspaceId, wanted);
  return new Map(rows.map((r) => [r.id, r.name]));
}

export function personName(p: { first_name: string; last_name: string; email: string | null }): string {
  return `${p.first_name} ${p.last_name}`.trim() || p.email || '';
}

export async function personNames(ctx: CrmCtx, ids: (string | null)[]): Promise<NameMap> {
  const wanted = distinctIds(ids);
  if (wanted.length === 0) return new Map();
  const rows = await findPersonNames(ctx.db, ctx.workspaceId, wanted);
  return new Map(rows.map((r) => [r.id, personName(r)]));
}

export async function dealTitles(ctx: CrmCtx, ids: (string | null)[]): Promise<NameMap> {
  const wanted = distinctIds(ids);
  if (wanted.length === 0) return new Map();
  const rows = await findDealTitles(ctx.db, ctx.workspaceId, wanted);
  return new Map(rows.map((r) => [r.id, r.title]));
}

export type SubjectRef = { subject_type: SubjectType; subject_id: string };

/** One name per timeline subject, whatever mix of companies, people and deals the page shows. */
export async function subjectNames(ctx: CrmCtx, refs: SubjectRef[]): Promise<NameMap> {
  const of = (type: SubjectType) => refs.filter((r) => r.subject_type === type).map((r) => r.subject_id);
  const [c, p, d] = await Promise.all([companyNames(ctx, of('company')), personNames(ctx, of('person')), dealTitles(ctx, of('deal'))]);
  return new Map([...c, ...p, ...d]);
}
