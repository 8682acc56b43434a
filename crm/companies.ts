import { AppError, conflict, notFound } from '../lib/errors';
import { uuidv7 } from '../lib/ids';
import { isUniqueViolation } from '../db/errors';
import { appendAudit } from '../db/repositories/audit';
import { insertActivity } from '../db/repositories/activities';
import * as repo from '../db/repositories/companies';
import { decodeCursor } from '../db/repositories/pagination';
import type { CompanyUpdate } from '../db/schema';
import type { CrmCtx } from './context';
import type { CompanyCreate, CompanyPatch } from './schemas';

export function listCompanies(ctx: CrmCtx, f: Omit<repo.CompanyFilter, 'after'> & { cursor?: string }) {
  return repo.listCompanies(ctx.db, ctx.workspaceId, { ...f, after: decodeCursor(f.cursor) });
}

export async function getCompany(ctx: CrmCtx, id: string) {
  const c = await repo.findCompany(ctx.db, ctx.workspaceId, id);
  if (!c) throw notFound('company');
  return c;
}

function toColumns(input: Omit<CompanyPatch, 'version'>): CompanyUpdate {
  const cols: CompanyUpdate = {};
  if (input.name !== undefined) cols.name = input.name;
  if (input.siren !== undefined) cols.siren = input.siren;
  if (input.siret !== undefined) cols.siret = input.siret;
  if (input.nafCode !== undefined) cols.naf_code = input.nafCode;
  if (input.nafLabel !== undefined) cols.naf_label = input.nafLabel;
  if (input.address !== undefined) cols.address = input.address;
  if (input.postcode !== undefined) cols.postcode = input.postcode;
  if (input.communeCode !== undefined) cols.commune_code = input.communeCode;
  if (input.city !== undefined) cols.city = input.city;
  if (input.headcountBand !== undefined) cols.headcount_band = input.headcountBand;
  if (input.website !== undefined) cols.website = input.website;
  return cols;
}

export async function createCompany(ctx: CrmCtx, input: CompanyCreate) {
  return ctx.db.transaction().execute(async (trx) => {
    const cols = toColumns(input);
    const company = await repo
      .insertCompany(trx, {
        id: uuidv7(),
        workspace_id: ctx.workspaceId,
        name: input.name,
        siren: input.siren ?? input.siret?.slice(0, 9) ?? null,
        siret: input.siret ?? null,
        naf_code: cols.naf_code ?? null,
        naf_label: cols.naf_label ?? null,
        address: cols.address ?? null,
        postcode: cols.postcode ?? null,
        commune_code: cols.commune_code ?? null,
        city: cols.city ?? null,
        headcount_band: cols.headcount_band ?? null,
        website: cols.website ?? null,
        source: input.source ?? 'manual',
        source_id: input.sourceId ?? null,
      })
      .catch((err: unknown) => {
        throw isUniqueViolation(err) ? conflict('a company with this SIRET already exists', { field: 'siret' }) : err;
      });
    await insertActivity(trx, { workspaceId: ctx.workspaceId, subjectType: 'company', subjectId: company.id, kind: 'created', actor: ctx.actor, summary: company.name });
    await appendAudit(trx, { workspaceId: ctx.workspaceId, actor: ctx.actor, action: 'company.created', subjectType: 'company', subjectId: company.id });
    return company;
  });
}

export async function updateCompany(ctx: CrmCtx, id: string, patch: CompanyPatch) {
  return ctx.db.transaction().execute(async (trx) => {
    const current = await repo.findCompany(trx, ctx.workspaceId, id);
    if (!current) throw notFound('company');
    const { version, ...rest } = patch;
    const updated = await repo.updateCompany(trx, ctx.workspaceId, id, version, toColumns(rest));
    if (!updated) throw staleVersion(current.version);
    await insertActivity(trx, { workspaceId: ctx.workspaceId, subjectType: 'company', subjectId: id, kind: 'updated', actor: ctx.actor, data: { fields: Object.keys(rest) } });
    await appendAudit(trx, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      action: 'company.updated',
      subjectType: 'company',
      subjectId: id,
      data: { fields: Object.keys(rest) },
    });
    return updated;
  });
}

export async function deleteCompany(ctx: CrmCtx, id: string) {
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.deleteCompany(trx, ctx.workspaceId, id))) throw notFound('company');
    await appendAudit(trx, { workspaceId: ctx.workspaceId, actor: ctx.actor, action: 'company.deleted', subjectType: 'company', subjectId: id });
  });
}

export function staleVersion(currentVersion: number) {
  return new AppError('conflict', 'this record was changed by someone else; reload it and try again', { currentVersion });
}
