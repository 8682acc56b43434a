import { notFound } from '../lib/errors';
import { uuidv7 } from '../lib/ids';
import { appendAudit } from '../db/repositories/audit';
import { insertActivity } from '../db/repositories/activities';
import { findCompany } from '../db/repositories/companies';
import type { Executor } from '../db/repositories/executor';
import * as repo from '../db/repositories/people';
import { decodeCursor } from '../db/repositories/pagination';
import type { PersonUpdate } from '../db/schema';
import { staleVersion } from './companies';
import type { CrmCtx } from './context';
import type { PersonCreate, PersonPatch } from './schemas';

export function listPeople(ctx: CrmCtx, f: Omit<repo.PersonFilter, 'after'> & { cursor?: string }) {
  return repo.listPeople(ctx.db, ctx.workspaceId, { ...f, after: decodeCursor(f.cursor) });
}

export async function getPerson(ctx: CrmCtx, id: string) {
  const p = await repo.findPerson(ctx.db, ctx.workspaceId, id);
  if (!p) throw notFound('person');
  return p;
}

/** A reference to another record must stay inside the workspace: foreign ids answer 404. */
export async function assertCompanyInWorkspace(db: Executor, workspaceId: string, companyId: string | null | undefined) {
  if (companyId && !(await findCompany(db, workspaceId, companyId))) throw notFound('company');
}

function toColumns(input: Omit<PersonPatch, 'version'>): PersonUpdate {
  const cols: PersonUpdate = {};
  if (input.kind !== undefined) cols.kind = input.kind;
  if (input.firstName !== undefined) cols.first_name = input.firstName;
  if (input.lastName !== undefined) cols.last_name = input.lastName;
  if (input.role !== undefined) cols.role = input.role;
  if (input.email !== undefined) cols.email = input.email;
  if (input.phone !== undefined) cols.phone = input.phone;
  if (input.companyId !== undefined) cols.company_id = input.companyId;
  if (input.status !== undefined) cols.status = input.status;
  if (input.lawfulBasis !== undefined) cols.lawful_basis = input.lawfulBasis;
  if (input.lawfulBasisNote !== undefined) cols.lawful_basis_note = input.lawfulBasisNote;
  if (input.isNaturalPerson !== undefined) cols.is_natural_person = input.isNaturalPerson;
  return cols;
}

export async function createPerson(ctx: CrmCtx, input: PersonCreate) {
  return ctx.db.transaction().execute(async (trx) => {
    await assertCompanyInWorkspace(trx, ctx.workspaceId, input.companyId);
    const cols = toColumns(input);
    const person = await repo.insertPerson(trx, {
      ...cols,
      id: uuidv7(),
      workspace_id: ctx.workspaceId,
      kind: input.kind,
      company_id: input.companyId ?? null,
      role: cols.role ?? null,
      email: cols.email ?? null,
      phone: cols.phone ?? null,
      lawful_basis: cols.lawful_basis ?? null,
      lawful_basis_note: cols.lawful_basis_note ?? null,
      last_inbound_at: null,
      opted_out_at: null,
      source: input.source ?? 'manual',
    });
    await insertActivity(trx, { workspaceId: ctx.workspaceId, subjectType: 'person', subjectId: person.id, kind: 'created', actor: ctx.actor, data: { kind: person.kind } });
    await appendAudit(trx, { workspaceId: ctx.workspaceId, actor: ctx.actor, action: 'person.created', subjectType: 'person', subjectId: person.id });
    return person;
  });
}

export async function updatePerson(ctx: CrmCtx, id: string, patch: PersonPatch, activityKind = 'updated') {
  return ctx.db.transaction().execute(async (trx) => {
    const current = await repo.findPerson(trx, ctx.workspaceId, id);
    if (!current) throw notFound('person');
    const { version, ...rest } = patch;
    await assertCompanyInWorkspace(trx, ctx.workspaceId, rest.companyId);
    const updated = await repo.updatePerson(trx, ctx.workspaceId, id, version, toColumns(rest));
    if (!updated) throw staleVersion(current.version);
    const data = { fields: Object.keys(rest), ...(rest.kind && rest.kind !== current.kind ? { from: current.kind, to: rest.kind } : {}) };
    await insertActivity(trx, { workspaceId: ctx.workspaceId, subjectType: 'person', subjectId: id, kind: activityKind, actor: ctx.actor, data });
    await appendAudit(trx, { workspaceId: ctx.workspaceId, actor: ctx.actor, action: `person.${activityKind}`, subjectType: 'person', subjectId: id, data });
    return updated;
  });
}

/** A lead becomes a contact: same record, kind changes, the timeline says so. */
export function promotePerson(ctx: CrmCtx, id: string, version: number) {
  return updatePerson(ctx, id, { kind: 'contact', version }, 'promoted');
}

export async function deletePerson(ctx: CrmCtx, id: string) {
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.deletePerson(trx, ctx.workspaceId, id))) throw notFound('person');
    await appendAudit(trx, { workspaceId: ctx.workspaceId, actor: ctx.actor, action: 'person.deleted', subjectType: 'person', subjectId: id });
  });
}
