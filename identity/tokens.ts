import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Role } from '../db/schema';
import type { Executor } from '../db/repositories/executor';
import { consumeLoginToken, findActiveTokenWithMember, insertToken, touchToken, type TokenKind } from '../db/repositories/tokens';
import { uuidv7 } from '../lib/ids';
import type { Language } from '../lib/language';

// Token = "rl_" + token id (hex) + "_" + 32 random bytes (base64url). Only sha256(secret) is stored;
// lookup is by id, and the secret is compared in constant time.
const TOKEN_RE = /^rl_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export async function issueToken(db: Executor, workspaceId: string, userId: string, kind: TokenKind, name = '') {
  const id = uuidv7();
  const secret = randomBytes(32).toString('base64url');
  await insertToken(db, { id, workspaceId, userId, kind, secretHash: sha256(secret), name });
  return `rl_${id.replace(/-/g, '')}_${secret}`;
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

export async function verifyToken(db: Executor, token: string): Promise<Principal | null> {
  const m = TOKEN_RE.exec(token);
  if (!m) return null;
  const hex = m[1];
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  const row = await findActiveTokenWithMember(db, id);
  const presented = Buffer.from(sha256(m[2]), 'hex');
  const stored = Buffer.from(row?.secret_hash ?? '0'.repeat(64), 'hex');
  if (!timingSafeEqual(presented, stored) || !row) return null;
  return {
    workspaceId: row.workspace_id,
    userId: row.user_id,
    role: row.role,
    displayName: row.display_name,
    language: row.language,
    tokenId: row.id,
    tokenKind: row.kind,
  };
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
