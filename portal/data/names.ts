import type { CrmCtx } from '../../crm/context';
import type { SubjectType } from '../../db/schema';

// Names to show next to ids (a lead's company, a timeline entry's subject), fetched in one query
// per kind for a whole page, never one per row.
export type NameMap = Map<string, string>;

export async function companyNames(ctx: CrmCtx, ids: (string | null)[]): Promise<NameMap> {
  const wanted = [...new Set(ids.filter((x): x is string => Boolean(x)))];
  if (wanted.length === 0) return new Map();
  const rows = await ctx.db.selectFrom('companies').select(['id', 'name']).where('workspace_id', '=', ctx.workspaceId).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export function personName(p: { first_name: string; last_name: string; email: string | null }): string {
  return `${p.first_name} ${p.last_name}`.trim() || p.email || '';
}

export async function personNames(ctx: CrmCtx, ids: (string | null)[]): Promise<NameMap> {
  const wanted = [...new Set(ids.filter((x): x is string => Boolean(x)))];
  if (wanted.length === 0) return new Map();
  const rows = await ctx.db
    .selectFrom('people')
    .select(['id', 'first_name', 'last_name', 'email'])
    .where('workspace_id', '=', ctx.workspaceId)
    .where('id', 'in', wanted)
    .execute();
  return new Map(rows.map((r) => [r.id, personName(r)]));
}

export async function dealTitles(ctx: CrmCtx, ids: (string | null)[]): Promise<NameMap> {
  const wanted = [...new Set(ids.filter((x): x is string => Boolean(x)))];
  if (wanted.length === 0) return new Map();
  const rows = await ctx.db.selectFrom('deals').select(['id', 'title']).where('workspace_id', '=', ctx.workspaceId).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, r.title]));
}

export type SubjectRef = { subject_type: SubjectType; subject_id: string };

/** One name per timeline subject, whatever mix of companies, people and deals the page shows. */
export async function subjectNames(ctx: CrmCtx, refs: SubjectRef[]): Promise<NameMap> {
  const of = (type: SubjectType) => refs.filter((r) => r.subject_type === type).map((r) => r.subject_id);
  const [c, p, d] = await Promise.all([companyNames(ctx, of('company')), personNames(ctx, of('person')), dealTitles(ctx, of('deal'))]);
  return new Map([...c, ...p, ...d]);
}
