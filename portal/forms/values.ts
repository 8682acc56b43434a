import { VersionSchema } from '../../crm/schemas';
import { invalid } from '../../lib/errors';
import { unstorable } from '../../lib/validation';

// Reading an HTML form: every value a trimmed string; files and repeated keys handled explicitly.
// A value Postgres could not store (a NUL) is refused here, for every form at once: the Portal
// answers it with a 400 page naming the field (portal/routes.ts).
export type RawForm = Record<string, string | File | (string | File)[]>;

function storable(key: string, value: string): string {
  const why = unstorable(value);
  if (why) throw invalid(key, why);
  return value;
}

export function formStrings(body: RawForm): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) {
    if (k === '_csrf') continue;
    const first = Array.isArray(v) ? v[0] : v;
    // browsers send textarea line breaks as CRLF: store and compare them as plain \n
    if (typeof first === 'string') out[k] = storable(k, first.replace(/\r\n?/g, '\n').trim());
  }
  return out;
}

export function formList(body: RawForm, key: string): string[] {
  const v = body[key];
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return list.filter((x): x is string => typeof x === 'string').map((x) => storable(key, x));
}

/**
 * The record version a form carries back (hidden field); without one, undefined unless required.
 * Anything but a version we could have given out is a 400 naming the field, not a database error.
 */
export function formVersion(v: string | undefined, required: true): number;
export function formVersion(v: string | undefined, required?: false): number | undefined;
export function formVersion(v: string | undefined, required = false): number | undefined {
  if (!v && !required) return undefined;
  const parsed = VersionSchema.safeParse(v && /^\d{1,10}$/.test(v) ? Number(v) : Number.NaN);
  if (!parsed.success) throw invalid('version', 'must be a record version (a whole number from 1)');
  return parsed.data;
}

/** '' → undefined (create: leave the default) */
export const orUndefined = (s: string | undefined) => (s ? s : undefined);
/** '' → null (update: clear the field) */
export const orNull = (s: string | undefined) => (s ? s : null);
