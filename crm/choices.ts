import { findCompany, listCompanies } from '../db/repositories/companies';
import { findPerson, listPeople } from '../db/repositories/people';
import { UUID_RE } from '../lib/ids';
import type { CrmCtx } from './context';
import { personName } from './names';

// What a form offers to pick from (a deal's company and contact, a person's company). The current
// choice comes back from a posted form or a link: what is not an id is simply not among the choices.
export type Choice = { id: string; label: string };
const LIMIT = 300;

const byLabel = (a: Choice, b: Choice) => a.label.localeCompare(b.label, 'fr');

/** Companies to pick from in a form: the most recent ones, plus the current choice if older. */
export async function companyChoices(ctx: CrmCtx, current?: string | null): Promise<Choice[]> {
  const page = await listCompanies(ctx.db, ctx.workspaceId, { limit: LIMIT });
  const list = page.items.map((c) => ({ id: c.id, label: c.city ? `${c.name} (${c.city})` : c.name }));
  if (current && UUID_RE.test(current) && !list.some((c) => c.id === current)) {
    const c = await findCompany(ctx.db, ctx.workspaceId, current);
    if (c) list.push({ id: c.id, label: c.name });
  }
  return list.sort(byLabel);
}

export async function personChoices(ctx: CrmCtx, current?: string | null): Promise<Choice[]> {
  const page = await listPeople(ctx.db, ctx.workspaceId, { limit: LIMIT });
  const list = page.items.map((p) => ({ id: p.id, label: personName(p) || p.id }));
  if (current && UUID_RE.test(current) && !list.some((p) => p.id === current)) {
    const p = await findPerson(ctx.db, ctx.workspaceId, current);
    if (p) list.push({ id: p.id, label: personName(p) });
  }
  return list.sort(byLabel);
}
