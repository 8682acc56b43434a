import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every depth: equal values always give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

export const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The hash an approval is bound to: sha256 of the canonical JSON payload. */
export const payloadHash = (payload: unknown) => sha256Hex(canonicalJson(payload));

/** Recipients are matched by hash (suppression list survives erasure without keeping the address). */
export const emailHash = (email: string) => sha256Hex(email.trim().toLowerCase());
