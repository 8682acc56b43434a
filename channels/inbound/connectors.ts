import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { CrmCtx } from '../../crm/context';
import { DateTimeSchema, UuidSchema } from '../../crm/schemas';
import { appendAudit } from '../../db/repositories/audit';
import * as repo from '../../db/repositories/conversations';
import type { Executor } from '../../db/repositories/executor';
import type { InboundConnectorRow } from '../../db/tables/conversations';
import { notFound } from '../../lib/errors';
import { uuidv7 } from '../../lib/ids';
import type { SecretKeys } from '../../lib/secrets';
import { storableString } from '../../lib/validation';
import type { ImapSettings } from './imap';

// Inbound connectors: where replies come back in. They never send, so they live apart from the
// sending channels the dispatcher picks from (/api/connectors). An IMAP mailbox is read by the
// `inbound.sync` job; a webhook receives raw messages a mail provider forwards (Mailgun,
// SendGrid, Brevo inbound parsing), each signed with the connector's secret.

const name = storableString().trim().max(200).optional();
export const InboundConnectorCreateSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('inbound_webhook'), name }).strict(),
  z
    .object({
      type: z.literal('imap'),
      name,
      host: storableString().trim().min(1).max(255),
      port: z.number().int().min(1).max(65535),
      secure: z.boolean(),
      /** "no TLS (local server)": the password may travel in clear; by default STARTTLS is required */
      noTls: z.boolean().default(false),
      user: storableString().min(1).max(320),
      password: storableString().min(1).max(1000),
      mailbox: storableString().trim().min(1).max(200).default('INBOX'),
    })
    .strict(),
]);
export type InboundConnectorCreate = z.infer<typeof InboundConnectorCreateSchema>;

export const InboundConnectorDtoSchema = z.object({
  id: UuidSchema,
  type: z.enum(['imap', 'inbound_webhook']),
  name: z.string(),
  enabled: z.boolean(),
  /** inbound_webhook: where the provider posts the raw message (`Content-Type: message/rfc822`) */
  url: z.string().nullable(),
  host: z.string().nullable(),
  port: z.number().int().nullable(),
  user: z.string().nullable(),
  mailbox: z.string().nullable(),
  lastSyncAt: DateTimeSchema.nullable(),
  lastError: z.string().nullable(),
  createdAt: DateTimeSchema,
});
export type InboundConnectorDto = z.infer<typeof InboundConnectorDtoSchema>;
/** The webhook's signing secret is shown once, when it is made. */
export const InboundConnectorCreatedSchema = InboundConnectorDtoSchema.extend({ secret: z.string().nullable() });

const webhookUrl = (publicUrl: string, id: string) => `${publicUrl.replace(/\/$/, '')}/inbound/${id}`;

export function inboundConnectorDto(c: InboundConnectorRow, publicUrl: string): InboundConnectorDto {
  const imap = c.type === 'imap';
  return {
    id: c.id,
    type: c.type,
    name: c.name,
    enabled: c.enabled,
    url: imap ? null : webhookUrl(publicUrl, c.id),
    host: imap ? (c.settings.host ?? null) : null,
    port: imap ? (c.settings.port ?? null) : null,
    user: imap ? (c.settings.user ?? null) : null,
    mailbox: imap ? (c.settings.mailbox ?? 'INBOX') : null,
    lastSyncAt: c.last_sync_at?.toISOString() ?? null,
    lastError: c.last_error,
    createdAt: c.created_at.toISOString(),
  };
}

export function listInboundConnectors(ctx: CrmCtx) {
  return repo.listInboundConnectors(ctx.db, ctx.workspaceId);
}

export async function createInboundConnector(ctx: CrmCtx, keys: SecretKeys, input: InboundConnectorCreate): Promise<{ row: InboundConnectorRow; secret: string | null }> {
  const secret = input.type === 'inbound_webhook' ? randomBytes(32).toString('hex') : null;
  const settings =
    input.type === 'imap' ? { host: input.host, port: input.port, secure: input.secure, user: input.user, mailbox: input.mailbox, ...(input.noTls ? { noTls: true } : {}) } : {};
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.insertInboundConnector(trx, {
      id: uuidv7(),
      workspace_id: ctx.workspaceId,
      type: input.type,
      name: input.name ?? (input.type === 'imap' ? `${input.user} (IMAP)` : 'Webhook'),
      settings: JSON.stringify(settings),
      secret: keys.seal(input.type === 'imap' ? input.password : (secret as string)),
      sync_state: JSON.stringify({}),
    });
    await appendAudit(trx, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      action: 'inbound_connector.created',
      subjectType: 'channel',
      subjectId: row.id,
      data: { type: row.type },
    });
    return { row, secret };
  });
}

export async function deleteInboundConnector(ctx: CrmCtx, id: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.deleteInboundConnector(trx, ctx.workspaceId, id))) throw notFound('connector');
    await appendAudit(trx, { workspaceId: ctx.workspaceId, actor: ctx.actor, action: 'inbound_connector.deleted', subjectType: 'channel', subjectId: id });
  });
}

/** How to reach an IMAP connector's mailbox, its password opened (the one place inbound secrets are). */
export function imapSettingsOf(c: InboundConnectorRow, keys: SecretKeys): ImapSettings | null {
  if (c.type !== 'imap' || !c.secret) return null;
  const s = c.settings;
  return { host: s.host ?? '', port: s.port ?? 993, secure: s.secure ?? true, noTls: s.noTls === true, user: s.user ?? '', password: keys.open(c.secret), mailbox: s.mailbox };
}

/** `X-Relais-Signature: sha256=<hex HMAC-SHA256 of the body>` with the connector's secret. */
export function signWebhookBody(secret: string, body: Uint8Array): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * The webhook connector a signed request belongs to, or null: an unknown id and a bad signature
 * answer alike, so the endpoint says nothing about which connectors exist.
 */
export async function verifyWebhook(db: Executor, keys: SecretKeys, id: string, body: Uint8Array, signature: string | undefined): Promise<InboundConnectorRow | null> {
  if (!UuidSchema.safeParse(id).success || !signature) return null;
  const c = await repo.findWebhookConnector(db, id);
  if (!c?.secret) return null;
  const expected = Buffer.from(signWebhookBody(keys.open(c.secret), body));
  const given = Buffer.from(signature.trim().toLowerCase());
  return given.length === expected.length && timingSafeEqual(given, expected) ? c : null;
}
