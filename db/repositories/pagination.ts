import { AppError } from '../../lib/errors';
import { UUID_RE } from '../../lib/ids';

// Keyset pagination over time-ordered ids (UUIDv7): newest first, the cursor is the last id seen.
export type Page<T> = { items: T[]; nextCursor: string | null };

export function decodeCursor(cursor: string | undefined): string | null {
  if (!cursor) return null;
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!UUID_RE.test(id)) throw new AppError('validation_failed', 'cursor: invalid cursor', { fields: [{ path: 'cursor', message: 'invalid cursor' }] });
  return id;
}

export function toPage<T extends { id: string }>(rows: T[], limit: number): Page<T> {
  const items = rows.slice(0, limit);
  const more = rows.length > limit;
  return { items, nextCursor: more ? Buffer.from(items[items.length - 1].id, 'utf8').toString('base64url') : null };
}
