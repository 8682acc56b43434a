import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Executor } from '../db/repositories/executor';
import * as repo from '../db/repositories/sessions';
import { updateUserLanguage } from '../db/repositories/workspaces';
import type { Role } from '../db/schema';
import { uuidv7 } from '../lib/ids';
import type { Language } from '../lib/language';

// A Portal session: the cookie carries "<session id hex>.<secret>"; only sha256(secret) is stored,
// so a database read never yields a usable cookie. The CSRF token lives with the session.
const COOKIE_RE = /^([0-9a-f]{32})\.([A-Za-z0-9_-]{43})$/;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
export const SESSION_DAYS = 30;

export type SessionViewer = {
  sessionId: string;
  csrf: string;
  workspaceId: string;
  workspaceName: string;
  userId: string;
  displayName: string;
  role: Role;
  language: Language;
};

const hexToUuid = (h: string) => `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;

export async function createSession(db: Executor, workspaceId: string, userId: string) {
  // a sign-in is a good moment to forget this user's expired sessions
  await repo.deleteExpiredSessions(db, userId, new Date());
  const id = uuidv7();
  const secret = randomBytes(32).toString('base64url');
  const csrf = randomBytes(32).toString('base64url');
  await repo.insertSession(db, {
    id,
    workspaceId,
    userId,
    secretHash: sha256(secret),
    csrfToken: csrf,
    expiresAt: new Date(Date.now() + SESSION_DAYS * 86_400_000),
  });
  return { cookie: `${id.replace(/-/g, '')}.${secret}`, csrf };
}

/** Cookie → who is signed in, with the membership still in force (one indexed query). */
export async function findSession(db: Executor, cookie: string | undefined): Promise<SessionViewer | null> {
  const m = cookie ? COOKIE_RE.exec(cookie) : null;
  if (!m) return null;
  const row = await repo.findSessionWithMember(db, hexToUuid(m[1]));
  const presented = Buffer.from(sha256(m[2]), 'hex');
  const stored = Buffer.from(row?.secret_hash ?? '0'.repeat(64), 'hex');
  if (!timingSafeEqual(presented, stored) || !row || row.expires_at.getTime() <= Date.now()) return null;
  return {
    sessionId: row.id,
    csrf: row.csrf_token,
    workspaceId: row.workspace_id,
    workspaceName: row.workspace_name,
    userId: row.user_id,
    displayName: row.display_name,
    role: row.role,
    language: row.language,
  };
}

export async function deleteSession(db: Executor, sessionId: string) {
  await repo.deleteSession(db, sessionId);
}

/** The language a user picked (sign-in page, `?lang=`, Settings) is remembered on them. */
export async function setUserLanguage(db: Executor, userId: string, lang: Language) {
  await updateUserLanguage(db, userId, lang);
}
