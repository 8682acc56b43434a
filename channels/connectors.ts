import { z } from 'zod';
import type { CrmCtx } from '../crm/context';
import { DateTimeSchema, EmailSchema, UuidSchema, VersionSchema } from '../crm/schemas';
import { requeueHeldActions } from '../db/repositories/actions';
import { appendAudit } from '../db/repositories/audit';
import * as repo from '../db/repositories/channels';
import type { ChannelRow, SmtpSettings } from '../db/tables/approval';
import { staleVersion } from '../crm/companies';
import { invalid, notFound } from '../lib/errors';
import { uuidv7 } from '../lib/ids';
import type { SecretKeys } from '../lib/secrets';
import { verifySmtp } from './smtp';

// Settings → Connecteurs. Connecting or changing a channel is admin-only (enforced by the
// routes); the password is sealed before it reaches the database and never comes back out.
const host = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(253)
  .regex(/^[A-Za-z0-9.-]+$|^\[[0-9a-fA-F:.]+\]$/, 'must be a host name or an IP address');
const port = z.number().int().min(1).max(65535);

export const SmtpConnectorCreateSchema = z
  .object({
    type: z.literal('smtp'),
    name: z.string().trim().max(100).optional(),
    host,
    port,
    secure: z.boolean(),
    /** "no TLS (local relay)": the password may travel in clear; by default AUTH needs TLS */
    noTls: z.boolean().default(false),
    user: z.string().max(320).nullable().optional(),
    password: z.string().max(1000).nullable().optional(),
    fromEmail: EmailSchema,
    fromName: z.string().trim().max(200).default(''),
    dailyCap: z.number().int().min(1).max(100_000).nullable().optional(),
    maxConnections: z.number().int().min(1).max(32).optional(),
  })
  .strict();

export const ConnectorPatchSchema = z
  .object({
    version: VersionSchema,
    enabled: z.boolean().optional(),
    name: z.string().trim().max(100).optional(),
    host: host.optional(),
    port: port.optional(),
    secure: z.boolean().optional(),
    noTls: z.boolean().optional(),
    user: z.string().max(320).nullable().optional(),
    /** required again (or null) whenever host, port or user change, or TLS is dropped */
    password: z.string().max(1000).nullable().optional(),
    fromEmail: EmailSchema.optional(),
    fromName: z.string().trim().max(200).optional(),
    dailyCap: z.number().int().min(1).max(100_000).nullable().optional(),
    maxConnections: z.number().int().min(1).max(32).optional(),
  })
  .strict();

export type SmtpConnectorCreate = z.infer<typeof SmtpConnectorCreateSchema>;
export type ConnectorPatch = z.infer<typeof ConnectorPatchSchema>;

/** No secret in here, ever: only whether one is set. */
export const ConnectorDtoSchema = z.object({
  id: UuidSchema,
  type: z.literal('smtp'),
  name: z.string(),
  host: z.string(),
  port: z.number().int(),
  secure: z.boolean(),
  /** true: "no TLS (local relay)", the password may travel in clear */
  noTls: z.boolean(),
  user: z.string().nullable(),
  maxConnections: z.number().int(),
  hasPassword: z.boolean(),
  fromEmail: z.string(),
  fromName: z.string(),
  enabled: z.boolean(),
  dailyCap: z.number().int().nullable(),
  lastTest: z.object({ at: DateTimeSchema, ok: z.boolean().nullable(), error: z.string().nullable() }).nullable(),
  version: z.number().int(),
  createdAt: DateTimeSchema,
  updatedAt: DateTimeSchema,
});
export type ConnectorDto = z.infer<typeof ConnectorDtoSchema>;

/** POST /connectors/{id}/test: the SMTP server's answer when it refused. */
export const ConnectorTestResultSchema = z.union([z.object({ ok: z.literal(true) }), z.object({ ok: z.literal(false), error: z.string() })]);
export type ConnectorTestResult = z.infer<typeof ConnectorTestResultSchema>;

export function connectorDto(c: ChannelRow): ConnectorDto {
  return {
    id: c.id,
    type: c.type,
    name: c.name,
    host: c.settings.host,
    port: c.settings.port,
    secure: c.settings.secure,
    noTls: c.settings.noTls === true,
    user: c.settings.user,
    maxConnections: c.settings.maxConnections ?? 4,
    hasPassword: c.secret !== null,
    fromEmail: c.from_email,
    fromName: c.from_name,
    enabled: c.enabled,
    dailyCap: c.daily_cap,
    lastTest: c.last_test_at ? { at: c.last_test_at.toISOString(), ok: c.last_test_ok, error: c.last_test_error } : null,
    version: c.version,
    createdAt: c.created_at.toISOString(),
    updatedAt: c.updated_at.toISOString(),
  };
}

export function listConnectors(ctx: CrmCtx) {
  return repo.listChannels(ctx.db, ctx.workspaceId);
}

export async function getConnector(ctx: CrmCtx, id: string) {
  const c = await repo.findChannel(ctx.db, ctx.workspaceId, id);
  if (!c) throw notFound('connector');
  return c;
}

export async function createConnector(ctx: CrmCtx, keys: SecretKeys, input: SmtpConnectorCreate) {
  const settings: SmtpSettings = {
    host: input.host,
    port: input.port,
    secure: input.secure,
    user: input.user ?? null,
    ...(input.maxConnections ? { maxConnections: input.maxConnections } : {}),
    ...(input.noTls ? { noTls: true } : {}),
  };
  const secret = input.password ? keys.seal(input.password) : null;
  return ctx.db.transaction().execute(async (trx) => {
    const c = await repo.insertChannel(trx, {
      id: uuidv7(),
      workspace_id: ctx.workspaceId,
      type: 'smtp',
      name: input.name ?? input.fromEmail,
      from_email: input.fromEmail,
      from_name: input.fromName,
      settings: JSON.stringify(settings),
      secret,
      daily_cap: input.dailyCap ?? null,
    });
    await requeueHeldActions(trx, ctx.workspaceId); // held emails may leave through it now
    await appendAudit(trx, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      action: 'channel.connected',
      subjectType: 'channel',
      subjectId: c.id,
      data: { type: 'smtp', host: input.host, fromEmail: input.fromEmail },
    });
    return c;
  });
}

export async function updateConnector(ctx: CrmCtx, keys: SecretKeys, id: string, patch: ConnectorPatch) {
  return ctx.db.transaction().execute(async (trx) => {
    const current = await repo.findChannel(trx, ctx.workspaceId, id);
    if (!current) throw notFound('connector');
    assertPasswordFollows(current, patch);
    const noTls = patch.noTls ?? current.settings.noTls === true;
    const settings: SmtpSettings = {
      host: patch.host ?? current.settings.host,
      port: patch.port ?? current.settings.port,
      secure: patch.secure ?? current.settings.secure,
      user: patch.user === undefined ? current.settings.user : patch.user,
      ...((patch.maxConnections ?? current.settings.maxConnections) ? { maxConnections: patch.maxConnections ?? current.settings.maxConnections } : {}),
      ...(noTls ? { noTls: true } : {}),
    };
    const updated = await repo.updateChannel(trx, ctx.workspaceId, id, patch.version, {
      name: patch.name ?? current.name,
      enabled: patch.enabled ?? current.enabled,
      from_email: patch.fromEmail ?? current.from_email,
      from_name: patch.fromName ?? current.from_name,
      daily_cap: patch.dailyCap === undefined ? current.daily_cap : patch.dailyCap,
      settings: JSON.stringify(settings),
      secret: patch.password === undefined ? current.secret : patch.password ? keys.seal(patch.password) : null,
    });
    if (!updated) throw staleVersion(current.version);
    await requeueHeldActions(trx, ctx.workspaceId); // enabled again, a new cap: held emails may leave now
    const fields = Object.keys(patch).filter((k) => k !== 'version');
    const action = patch.enabled === undefined ? 'channel.updated' : patch.enabled ? 'channel.enabled' : 'channel.disabled';
    await appendAudit(trx, { workspaceId: ctx.workspaceId, actor: ctx.actor, action, subjectType: 'channel', subjectId: id, data: { fields } });
    return updated;
  });
}

/**
 * A stored password goes only where it was typed for: pointing the connector at another host, port
 * or user, or letting it travel without TLS, needs the password again (or null to drop it) — else
 * whoever can edit Settings could send it to a server of their choosing, in clear.
 */
function assertPasswordFollows(current: ChannelRow, patch: ConnectorPatch) {
  if (current.secret === null || patch.password !== undefined) return;
  const s = current.settings;
  const moved =
    (patch.host !== undefined && patch.host.toLowerCase() !== s.host.toLowerCase()) ||
    (patch.port !== undefined && patch.port !== s.port) ||
    (patch.user !== undefined && patch.user !== s.user) ||
    (patch.noTls === true && s.noTls !== true);
  if (moved) throw invalid('password', 'type the password again to change the host, port, user or TLS of a connector');
}

export async function deleteConnector(ctx: CrmCtx, id: string) {
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.deleteChannel(trx, ctx.workspaceId, id))) throw notFound('connector');
    await appendAudit(trx, { workspaceId: ctx.workspaceId, actor: ctx.actor, action: 'channel.deleted', subjectType: 'channel', subjectId: id });
  });
}

/** SMTP verify (connect, STARTTLS, AUTH), outside any transaction; the result is kept on the channel. */
export async function testConnector(ctx: CrmCtx, keys: SecretKeys, id: string): Promise<ConnectorTestResult> {
  const c = await getConnector(ctx, id);
  const result = await verifySmtp({ ...c.settings, password: c.secret ? keys.open(c.secret) : null });
  await repo.recordChannelTest(ctx.db, id, result.ok, result.ok ? null : result.error);
  await appendAudit(ctx.db, { workspaceId: ctx.workspaceId, actor: ctx.actor, action: 'channel.tested', subjectType: 'channel', subjectId: id, data: { ok: result.ok } });
  return result;
}
