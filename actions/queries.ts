import { z } from 'zod';
import type { CrmCtx } from '../crm/context';
import { DateTimeSchema, UuidSchema } from '../crm/schemas';
import { findAction, listActions, listVersions, statusCounts } from '../db/repositories/actions';
import { listAudit } from '../db/repositories/audit';
import { findSender } from '../db/repositories/channels';
import { decodeCursor } from '../db/repositories/pagination';
import { findWorkspace } from '../db/repositories/workspaces';
import type { ActionStatus } from '../db/tables/approval';
import type { Config } from '../lib/config';
import { payloadHash } from '../lib/canonical-hash';
import { diffLines } from '../lib/line-diff';
import { notFound } from '../lib/errors';
import { secretKeys } from '../lib/secrets';
import { actionDto, actionSummaryDto, versionDto, type ActionDetailDto, type ActionMessage, type ActionPage } from './dto';
import { renderEmail } from './render-email';
import { unsubscribeToken, unsubscribeUrl } from './unsubscribe-token';
import { ActionKindSchema, payloadSchemaFor, type ActionPayload } from './payload';
import { ACTION_STATUSES, NEEDS_ATTENTION } from './states';

export const ActionListQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional(),
    status: z.enum(ACTION_STATUSES).optional(),
    kind: ActionKindSchema.optional(),
    teammate: z.string().min(1).max(60).optional(),
    personId: UuidSchema.optional(),
    from: DateTimeSchema.optional(),
    to: DateTimeSchema.optional(),
  })
  .strict();
export type ActionListInput = z.infer<typeof ActionListQuery>;

/** The Library: a page of actions, the counts per status and the "Needs attention" number. */
export async function listActionsPage(ctx: CrmCtx, q: ActionListInput): Promise<ActionPage> {
  const [page, { counts, hasChannel }] = await Promise.all([
    listActions(ctx.db, ctx.workspaceId, {
      status: q.status,
      kind: q.kind,
      teammate: q.teammate,
      personId: q.personId,
      createdFrom: q.from ? new Date(q.from) : undefined,
      createdTo: q.to ? new Date(q.to) : undefined,
      after: decodeCursor(q.cursor),
      limit: q.limit,
    }),
    statusCounts(ctx.db, ctx.workspaceId),
  ]);
  const all = Object.fromEntries(ACTION_STATUSES.map((s) => [s, Number(counts[s] ?? 0)])) as Record<ActionStatus, number>;
  return {
    items: page.items.map((r) => actionSummaryDto(r, hasChannel)),
    nextCursor: page.nextCursor,
    counts: all,
    needsAttention: NEEDS_ATTENTION.reduce((n, s) => n + all[s], 0),
    channelConnected: hasChannel,
  };
}

/** The latest actions in one status, as stored rows, newest first (the Dashboard's recent outreach). */
export function recentActions(ctx: CrmCtx, status: ActionStatus, limit: number) {
  return listActions(ctx.db, ctx.workspaceId, { status, limit });
}

/**
 * One action in full: its payloads (proposed / current / approved / executed), the message as
 * the recipient will read it (footer and opt-out link included), versions, the diff between
 * what was proposed and what was approved (or is current), and its audited history.
 */
export async function getActionDetail(ctx: CrmCtx, id: string, config: Config): Promise<ActionDetailDto> {
  const a = await findAction(ctx.db, ctx.workspaceId, id);
  if (!a) throw notFound('action');
  const [versions, history, workspace, channel, { hasChannel }] = await Promise.all([
    listVersions(ctx.db, id),
    listAudit(ctx.db, ctx.workspaceId, 'action', id),
    findWorkspace(ctx.db, ctx.workspaceId),
    findSender(ctx.db, ctx.workspaceId),
    statusCounts(ctx.db, ctx.workspaceId),
  ]);
  const shown = (a.approved_payload ?? a.current_payload) as Record<string, unknown>;
  const parsed = payloadSchemaFor(a.kind).safeParse(shown);
  const keys = secretKeys(config);
  const sender = channel ? { email: channel.from_email, name: channel.from_name } : null;
  // what the dispatcher stored when it sent the message (or its redaction)
  const message = a.executed_payload
    ? (a.executed_payload as ActionMessage)
    : parsed.success && workspace
      ? renderEmail({
          actionId: a.id,
          kind: a.kind,
          payload: parsed.data as ActionPayload,
          workspace: { legalName: workspace.legal_name, address: workspace.address, siret: workspace.siret },
          sender,
          unsubscribeUrl: unsubscribeUrl(config.publicUrl, unsubscribeToken(keys, a.workspace_id, a.id)),
        })
      : null;
  const before = a.proposed_payload as { subject?: string; body?: string };
  const after = shown as { subject?: string; body?: string };
  const diff: ActionDetailDto['diff'] =
    payloadHash(before) === payloadHash(after)
      ? null
      : {
          against: a.approved_payload ? 'approved' : 'current',
          subject: before.subject !== after.subject ? { before: before.subject ?? null, after: after.subject ?? null } : null,
          body: diffLines(before.body ?? '', after.body ?? ''),
        };
  return {
    ...actionDto(a, hasChannel),
    message,
    diff,
    versions: versions.map(versionDto),
    history: history.map((h) => ({
      at: h.created_at.toISOString(),
      action: h.action,
      actor: { type: h.actor_type, id: h.actor_id },
      from: (h.data as { from?: string }).from ?? null,
      to: (h.data as { to?: string }).to ?? null,
      data: h.data,
    })),
  };
}
