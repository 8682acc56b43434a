import type { Context } from 'hono';
import { z } from 'zod';
import { notFound } from '../../lib/errors';
import { UUID_RE } from '../../lib/ids';
import { storableString } from '../../lib/validation';
import type { MessageKey } from '../i18n';

// Page query strings are read leniently: a bad filter is dropped, never a 400 for a person.
const Text = storableString().trim().min(1).max(200);
const Cursor = z.string().regex(/^[A-Za-z0-9_-]{1,200}$/);

export function listQuery<K extends string>(c: Context, keys: readonly K[]): Record<K | 'q' | 'cursor', string | undefined> {
  const out = {} as Record<K | 'q' | 'cursor', string | undefined>;
  for (const k of ['q', ...keys] as (K | 'q')[]) {
    const r = Text.safeParse(c.req.query(k));
    out[k] = r.success ? r.data : undefined;
  }
  const cur = Cursor.safeParse(c.req.query('cursor'));
  // a cursor that does not decode to an id is dropped: the list starts from the top
  out.cursor = cur.success && UUID_RE.test(Buffer.from(cur.data, 'base64url').toString('utf8')) ? cur.data : undefined;
  return out;
}

const Uuid = z.uuid();
/** A record id from the path; anything else is simply not found. */
export function idParam(c: Context, what = 'record'): string {
  const r = Uuid.safeParse(c.req.param('id'));
  if (!r.success) throw notFound(what);
  return r.data;
}

/** After a redirect, ?ok=<code> shows a known confirmation (never text from the URL). */
const FLASH: Record<string, MessageKey> = {
  created: 'common.created',
  saved: 'common.saved',
  promoted: 'people.promoted',
  optedOut: 'people.optOut.done',
  erased: 'people.erase.done',
  approved: 'library.approved',
  rejected: 'library.rejected',
  ignored: 'library.ignored',
  sentBack: 'library.sentBack',
  sendNow: 'library.sendNowDone',
  cancelled: 'library.cancelled',
  smtp: 'settings.smtp.connected',
  channel: 'settings.smtp.toggled',
  rule: 'settings.rules.created',
  role: 'settings.members.roleChanged',
  memberRemoved: 'settings.members.removed',
  tokenRevoked: 'settings.tokens.revoked',
  handled: 'conversations.handledDone',
};
export function flashKey(c: Context): MessageKey | null {
  const k = c.req.query('ok');
  return k && FLASH[k] ? FLASH[k] : null;
}
