import { z } from 'zod';
import type { MessageKey } from '../i18n';

// What the Library shows about an action, read defensively from the gate's JSON shapes:
// the message as the recipient reads it, and why an approved email has not left yet.
const Person = z.object({ email: z.string(), name: z.string().optional().default('') });
export const ShownMessageSchema = z.object({
  from: Person.nullable().optional(),
  to: Person,
  subject: z.string().optional().default(''),
  text: z.string(),
});
export type ShownMessage = z.infer<typeof ShownMessageSchema>;

export const EditablePayloadSchema = z.object({ subject: z.string().optional(), body: z.string() });

/**
 * The gate states its reasons in English for API clients; the Portal says them in the viewer's
 * language. Unknown reasons are shown as written.
 */
export function reasonKey(reason: string | null): MessageKey | null {
  if (!reason) return null;
  if (reason.startsWith('no channel connected')) return 'library.reason.no_channel';
  if (reason.startsWith('outside the send window')) return 'library.reason.outside_window';
  if (reason.startsWith('daily cap')) return 'library.reason.daily_cap';
  if (reason.startsWith('sender identity incomplete: the legal name is still the first-start placeholder')) return 'library.reason.sender_placeholder';
  if (reason.startsWith('sender identity incomplete')) return 'library.reason.sender_identity';
  if (reason.startsWith('the recipient opted out')) return 'library.reason.suppressed';
  if (reason.startsWith('temporary delivery problem')) return 'library.reason.retry';
  if (reason.startsWith('expired without a decision')) return 'library.reason.expired';
  if (reason.startsWith('the connection broke') || reason.startsWith('the dispatcher stopped')) return 'library.reason.unknown';
  return null;
}

/** Statuses listed as tabs, in the order a person reads them. */
export const LIBRARY_TABS = [
  'pending_approval',
  'approved',
  'scheduled',
  'sending',
  'sent',
  'delivery_unknown',
  'failed',
  'draft',
  'in_review',
  'rejected',
  'ignored',
  'expired',
  'cancelled',
] as const;
export type LibraryStatus = (typeof LIBRARY_TABS)[number];
export const isLibraryStatus = (s: string | undefined): s is LibraryStatus => LIBRARY_TABS.includes(s as LibraryStatus);
