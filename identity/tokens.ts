import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Role } from '../db/schema';
import type { Executor } from '../db/repositories/executor';
import { appendAudit } from '../db/repositories/audit';
import {
  consumeLoginToken,
  findActiveTokenWithMember,
  findLiveToken,
  findTokenView,
  insertToken,
  listLiveTokens,
  revokeToken as revokeTokenRow,
  touchToken,
  type TokenKind,
} from '../db/repositories/tokens';
import { findWorkspace } from '../db/repositories/workspaces';
import type { CrmCtx } from '../crm/context';
import { DateTimeSchema, UuidSchema } from '../crm/schemas';
import { adminOnly, invalid, notFound } from '../lib/errors';
import { uuidv7 } from '../lib/ids';
import type { Language } from '../lib/language';

// Token = "rl_" + token id (hex) + "_" + 32 random bytes (base64url). Only sha256(secret) is stored;
// lookup is by id, and the secret is compared in constant time.
const TOKEN_RE = /^rl_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** A one-time sign-in link works for a day: long enough to hand it over, short enough to go stale. */
export const LOGIN_LINK_HOURS = 24;

/**
 * A new token, returned once (only its hash is kept). A sign-in link ends after LOGIN_LINK_HOURS;
 * an API token when `expiresAt` says, or never.
 */
export async function issueToken(db: Executor, workspaceId: string, userId: string, kind: TokenKind, name = '', opts: { expiresAt?: Date | null } = {}) {
  return (await issueTokenWithId(db, workspaceId, userId, kind, name, opts)).token;
}

/** A one-time sign-in link's token and when it stops working (an invitation shows both). */
export async function issueLoginLink(db: Executor, workspaceId: string, userId: string, name: string): Promise<{ token: string; expiresAt: Date }> {
  const t = await issueTokenWithId(db, workspaceId, userId, 'login', name, {});
  return { token: t.token, expiresAt: t.expiresAt as Date };
}

async function issueTokenWithId(db: Executor, workspaceId: string, userId: string, kind: TokenKind, name: string, opts: { expiresAt?: Date | null }) {
  const id = uuidv7();
  const secret = randomBytes(32).toString('base64url');
  const expiresAt = kind === 'login' ? new Date(Date.now() + LOGIN_LINK_HOURS * 3_600_000) : (opts.expiresAt ?? null);
  await insertToken(db, { id, workspaceId, userId, kind, secretHash: sha256(secret), name, expiresAt });
  return { id, token: `rl_${id.replace(/-/g, '')}_${secret}`, expiresAt };
}

export type Principal = {
  workspaceId: string;
  userId: string;
  role: Role;
  displayName: string;
  language: Language;
  tokenId: string;
  tokenKind: TokenKind;
};

/** What a presented token is: unknown (or revoked), out of date, a sign-in link already used, or good. */
type TokenCheck = { status: 'invalid' } | { status: 'expired' } | { status: 'used' } | { status: 'ok'; principal: Principal };

async function checkToken(db: Executor, token: string): Promise<TokenCheck> {
  const m = TOKEN_RE.exec(token);
  if (!m) return { status: 'invalid' };
  const hex = m[1];
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  const row = await findActiveTokenWithMember(db, id);
  const presented = Buffer.from(sha256(m[2]), 'hex');
  const stored = Buffer.from(row?.secret_hash ?? '0'.repeat(64), 'hex');
  if (!timingSafeEqual(presented, stored) || !row) return { status: 'invalid' };
  if (row.kind === 'login' && row.used_at) return { status: 'used' };
  if (row.expires_at && row.expires_at.getTime() <= Date.now()) return { status: 'expired' };
  const principal: Principal = {
    workspaceId: row.workspace_id,
    userId: row.user_id,
    role: row.role,
    displayName: row.display_name,
    language: row.language,
    tokenId: row.id,
    tokenKind: row.kind,
  };
  return { status: 'ok', principal };
}

/** The token's holder, or null when it is unknown, revoked or expired. */
export async function verifyToken(db: Executor, token: string): Promise<Principal | null> {
  const r = await checkToken(db, token);
  return r.status === 'ok' ? r.principal : null;
}

/**
 * The sign-in page says why a link does not work (unknown, used, expired), or whose account and
 * which workspace it opens, before anything is spent.
 */
export async function checkSignInToken(
  db: Executor,
  token: string,
): Promise<Exclude<TokenCheck, { status: 'ok' }> | { status: 'ok'; principal: Principal; workspaceName: string }> {
  const r = await checkToken(db, token);
  if (r.status !== 'ok') return r;
  const ws = await findWorkspace(db, r.principal.workspaceId);
  return { ...r, workspaceName: ws?.name ?? '' };
}

/**
 * A sign-in with a verified token: a login token is spent (false when it already was),
 * an API token is marked as used.
 */
export async function spendToken(db: Executor, p: Pick<Principal, 'tokenId' | 'tokenKind'>): Promise<boolean> {
  if (p.tokenKind === 'login') return consumeLoginToken(db, p.tokenId);
  await touchToken(db, p.tokenId);
  return true;
}

// Settings → Jetons d’accès and /api/tokens: everyone sees and revokes their own tokens; an
// administrator sees and revokes every token of the workspace (a lost laptop, a departed member).

export const TokenKindSchema = z.enum(['api', 'login']);
export const TokenScopeSchema = z.enum(['mine', 'workspace'], { message: 'must be "mine" or "workspace"' });
export type TokenScope = z.infer<typeof TokenScopeSchema>;

export const TokenDtoSchema = z.object({
  id: UuidSchema,
  /** api: a bearer token for the API (and sign-in); login: a one-time sign-in link not used yet */
  kind: TokenKindSchema,
  name: z.string(),
  userId: UuidSchema,
  holder: z.string(),
  createdAt: DateTimeSchema,
  lastUsedAt: DateTimeSchema.nullable(),
  expiresAt: DateTimeSchema.nullable(),
  /** expired tokens are listed (so their holder knows) until revoked */
  active: z.boolean(),
});
export type TokenDto = z.infer<typeof TokenDtoSchema>;

export const TokenCreateSchema = z
  .object({
    name: z.string().trim().min(1, 'is required').max(100),
    /** when the token stops working; none: until revoked */
    expiresAt: DateTimeSchema.nullable().optional(),
  })
  .strict();
export type TokenCreate = z.infer<typeof TokenCreateSchema>;

export const CreatedTokenSchema = TokenDtoSchema.extend({
  /** the token itself, shown this once: only its hash is kept */
  token: z.string(),
});
export type CreatedToken = z.infer<typeof CreatedTokenSchema>;

type TokenRow = Awaited<ReturnType<typeof listLiveTokens>>[number];

function tokenDto(r: TokenRow, now = Date.now()): TokenDto {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    userId: r.user_id,
    holder: r.display_name,
    createdAt: r.created_at.toISOString(),
    lastUsedAt: r.last_used_at?.toISOString() ?? null,
    expiresAt: r.expires_at?.toISOString() ?? null,
    active: !r.expires_at || r.expires_at.getTime() > now,
  };
}

const userOf = (ctx: CrmCtx) => {
  if (ctx.actor.type !== 'user' || !ctx.actor.id) throw adminOnly();
  return ctx.actor.id;
};

/** The caller's own tokens, or (administrators) the workspace's. */
export async function listTokens(ctx: CrmCtx, scope: TokenScope = 'mine'): Promise<TokenDto[]> {
  const me = userOf(ctx);
  if (scope === 'workspace' && ctx.role !== 'admin') throw adminOnly();
  const rows = await listLiveTokens(ctx.db, ctx.workspaceId, scope === 'workspace' ? null : me);
  return rows.map((r) => tokenDto(r));
}

/** A new API token for the caller, shown once; an expiry, when given, must be in the future. */
export async function createApiToken(ctx: CrmCtx, input: TokenCreate): Promise<CreatedToken> {
  const me = userOf(ctx);
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  if (expiresAt && expiresAt.getTime() <= Date.now()) throw invalid('expiresAt', 'must be in the future');
  return ctx.db.transaction().execute(async (trx) => {
    const t = await issueTokenWithId(trx, ctx.workspaceId, me, 'api', input.name, { expiresAt });
    await appendAudit(trx, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      action: 'token.created',
      subjectType: 'token',
      subjectId: t.id,
      data: { name: input.name, expiresAt: expiresAt?.toISOString() ?? null },
    });
    return { ...tokenDto(await findTokenView(trx, ctx.workspaceId, t.id)), token: t.token };
  });
}

/**
 * Revoke a token: one's own, or any of the workspace's for an administrator (a member touching
 * someone else's is 403); another workspace's, or one already revoked, is not found.
 */
export async function revokeToken(ctx: CrmCtx, id: string): Promise<void> {
  const me = userOf(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const row = await findLiveToken(trx, ctx.workspaceId, id);
    if (!row) throw notFound('token');
    if (row.user_id !== me && ctx.role !== 'admin') throw adminOnly();
    if (!(await revokeTokenRow(trx, ctx.workspaceId, id))) throw notFound('token');
    await appendAudit(trx, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      action: 'token.revoked',
      subjectType: 'token',
      subjectId: id,
      data: { kind: row.kind, holder: row.user_id },
    });
  });
}
