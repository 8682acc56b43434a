import { timingSafeEqual } from 'node:crypto';
import type { SecretKeys } from '../lib/secrets';

// Signed opt-out links: /u/<token>. The token names the workspace and the action (which knows its
// recipient by hash), never the address itself; a 128-bit HMAC makes it unforgeable.
const hex = (uuid: string) => Buffer.from(uuid.replace(/-/g, ''), 'hex');
const uuid = (b: Buffer) => {
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

export function unsubscribeToken(keys: SecretKeys, workspaceId: string, actionId: string): string {
  const body = Buffer.concat([hex(workspaceId), hex(actionId)]);
  const sig = keys.mac(`unsubscribe:${body.toString('hex')}`).subarray(0, 16);
  return `${body.toString('base64url')}.${sig.toString('base64url')}`;
}

export function readUnsubscribeToken(keys: SecretKeys, token: string): { workspaceId: string; actionId: string } | null {
  const m = /^([A-Za-z0-9_-]{43})\.([A-Za-z0-9_-]{22})$/.exec(token);
  if (!m) return null;
  const body = Buffer.from(m[1], 'base64url');
  const sig = Buffer.from(m[2], 'base64url');
  if (body.length !== 32 || sig.length !== 16) return null;
  const expected = keys.mac(`unsubscribe:${body.toString('hex')}`).subarray(0, 16);
  if (!timingSafeEqual(sig, expected)) return null;
  return { workspaceId: uuid(body.subarray(0, 16)), actionId: uuid(body.subarray(16)) };
}

export const unsubscribeUrl = (publicUrl: string, token: string) => `${publicUrl.replace(/\/$/, '')}/u/${token}`;
