import { z, type ZodError, type ZodType } from 'zod';
import { AppError, invalid } from './errors';

// zod at every boundary, one answer shape: a 400 `validation_failed` naming the field at fault.
export type FieldError = { path: string; message: string };

/** zod issues → field list; an unknown key is named as the field at fault. */
export function fieldErrors(error: ZodError): FieldError[] {
  return error.issues.map((issue) => {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      const key = issue.keys[0];
      return { path: base ? `${base}.${key}` : key, message: `unknown field "${key}"` };
    }
    return { path: base || '(body)', message: issue.message };
  });
}

export function validationError(error: ZodError): AppError {
  const fields = fieldErrors(error);
  const first = fields[0];
  return new AppError('validation_failed', `${first.path}: ${first.message}`, { fields });
}

/** Parses or throws the 400 naming the field (domain functions called outside a route use it). */
export function parseWith<S extends ZodType>(schema: S, input: unknown): ReturnType<S['parse']> {
  const r = schema.safeParse(input);
  if (!r.success) throw validationError(r.error);
  return r.data as ReturnType<S['parse']>;
}

// Postgres stores no NUL character (text and jsonb alike) and no lone UTF-16 surrogate (jsonb; a
// text column would silently get U+FFFD): such input is refused where it enters, naming the field.
const LONE_SURROGATE = /\p{Cs}/u;
export const NUL_MESSAGE = 'must not contain the NUL character (\\u0000)';
export const SURROGATE_MESSAGE = 'must not contain a lone UTF-16 surrogate';

/** Why Postgres could not store this text, or null when it can. */
export function unstorable(s: string): string | null {
  if (s.includes('\u0000')) return NUL_MESSAGE;
  if (LONE_SURROGATE.test(s)) return SURROGATE_MESSAGE;
  return null;
}

/** A string Postgres can store: the base of every text field of the shared schemas. */
export const storableString = () =>
  z
    .string()
    .refine((s) => !s.includes('\u0000'), NUL_MESSAGE)
    .refine((s) => !LONE_SURROGATE.test(s), SURROGATE_MESSAGE);

/**
 * The first string (value or key) of a parsed input that Postgres could not store, with its path.
 * Iterative, since a body may nest deeper than the call stack.
 */
export function findUnstorable(value: unknown): FieldError | null {
  const stack: [unknown, string][] = [[value, '']];
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      const why = unstorable(v);
      if (why) return { path: path || '(body)', message: why };
    } else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        const at = path ? `${path}.${k}` : k;
        const why = unstorable(k);
        if (why) return { path: at, message: `key ${why}` };
        stack.push([x, at]);
      }
    }
  }
  return null;
}

/** Throws the 400 naming the first field Postgres could not store. */
export function assertStorable(value: unknown): void {
  const bad = findUnstorable(value);
  if (bad) throw invalid(bad.path, bad.message);
}

/**
 * A web address a link may point to: http(s) only (a `javascript:` or `data:` "website" would run in
 * whoever clicks it). A bare host ("www.atelier.fr") gets https://. Null for anything else.
 */
export function webAddress(s: string | null | undefined): string | null {
  const raw = s?.trim();
  if (!raw) return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(raw) ? raw : `https://${raw}`;
  try {
    const url = new URL(withScheme);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.includes('.') ? url.href : null;
  } catch {
    return null;
  }
}

/** An http(s) address, as the API and the Portal's forms accept a website. */
export const WebAddressSchema = z.url({ protocol: /^https?$/, message: 'must be an http(s) address (https://…)' });
