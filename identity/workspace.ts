import { z } from 'zod';
import { notFound } from '../lib/errors';
import { requeueHeldActions } from '../db/repositories/actions';
import { appendAudit } from '../db/repositories/audit';
import { findWorkspace, lockWorkspace, updateWorkspace as updateWorkspaceRow } from '../db/repositories/workspaces';
import type { Workspace, WorkspaceSettings } from '../db/schema';
import type { CrmCtx } from '../crm/context';
import { SiretSchema, UuidSchema } from '../crm/schemas';
import { LanguageSchema } from '../lib/language';

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:MM');
export const WorkspaceSettingsSchema = z
  .object({
    voice: z
      .object({
        tone: z.string().max(200).optional(),
        signature: z.string().max(1000).optional(),
        offer: z.string().max(2000).optional(),
        formality: z.enum(['vous', 'tu']).optional(),
      })
      .strict()
      .optional(),
    sendWindow: z
      .object({ days: z.array(z.number().int().min(1).max(7)).min(1), start: HHMM, end: HHMM })
      .strict()
      .optional(),
    dailyCap: z.number().int().min(1).max(10_000).optional(),
    pendingExpiryDays: z.number().int().min(1).max(365).optional(),
  })
  .strict();

export const WorkspacePatchSchema = z
  .object({
    name: z.string().trim().min(1).max(200).optional(),
    legalName: z.string().trim().min(1).max(300).optional(),
    address: z.string().trim().max(500).optional(),
    siret: SiretSchema.nullable().optional(),
    vatNumber: z
      .string()
      .trim()
      .regex(/^FR[0-9A-Z]{2}\d{9}$/, 'must be a French VAT number (FR + 11 characters)')
      .nullable()
      .optional(),
    defaultLanguage: LanguageSchema.optional(),
    settings: WorkspaceSettingsSchema.optional(),
  })
  .strict();

export type WorkspacePatch = z.infer<typeof WorkspacePatchSchema>;

export const WorkspaceDtoSchema = z.object({
  id: UuidSchema,
  name: z.string(),
  legalName: z.string(),
  address: z.string(),
  siret: z.string().nullable(),
  vatNumber: z.string().nullable(),
  defaultLanguage: LanguageSchema,
  timezone: z.string(),
  settings: WorkspaceSettingsSchema,
});
export type WorkspaceDto = z.infer<typeof WorkspaceDtoSchema>;

export function workspaceDto(w: Workspace): WorkspaceDto {
  return {
    id: w.id,
    name: w.name,
    legalName: w.legal_name,
    address: w.address,
    siret: w.siret,
    vatNumber: w.vat_number,
    defaultLanguage: w.default_language,
    timezone: w.timezone,
    settings: w.settings,
  };
}

export async function getWorkspace(ctx: CrmCtx) {
  const w = await findWorkspace(ctx.db, ctx.workspaceId);
  if (!w) throw notFound('workspace');
  return w;
}

/** Legal identity appears in every email footer: changing it is admin-only and audited. */
export async function updateWorkspace(ctx: CrmCtx, patch: WorkspacePatch) {
  return ctx.db.transaction().execute(async (trx) => {
    const current = await lockWorkspace(trx, ctx.workspaceId);
    if (!current) throw notFound('workspace');
    const settings: WorkspaceSettings = { ...current.settings, ...(patch.settings ?? {}) };
    const updated = await updateWorkspaceRow(trx, ctx.workspaceId, {
      name: patch.name ?? current.name,
      legal_name: patch.legalName ?? current.legal_name,
      address: patch.address ?? current.address,
      siret: patch.siret === undefined ? current.siret : patch.siret,
      vat_number: patch.vatNumber === undefined ? current.vat_number : patch.vatNumber,
      default_language: patch.defaultLanguage ?? current.default_language,
      settings,
    });
    // held emails wait on the sender identity, the send window or the daily cap: look again now
    if (patch.legalName !== undefined || patch.address !== undefined || patch.settings?.sendWindow || patch.settings?.dailyCap) {
      await requeueHeldActions(trx, ctx.workspaceId);
    }
    await appendAudit(trx, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      action: 'workspace.updated',
      subjectType: 'workspace',
      subjectId: ctx.workspaceId,
      data: { fields: Object.keys(patch) },
    });
    return updated;
  });
}
