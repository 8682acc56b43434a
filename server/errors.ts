import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ZodError } from 'zod';
import { AppError } from '../lib/errors';
import { assertStorable, validationError } from '../lib/validation';
import type { AppEnv } from './env';
import { DATABASE_RETRY_AFTER_S, isDatabaseUnavailable } from '../db/errors';

/**
 * zod-openapi hook: a failed validation becomes our 400 naming the field; so does, on every route
 * at once, a string Postgres could not store (NUL, a lone surrogate) in the body, query or path.
 */
export function validationHook(result: { success: true; data?: unknown } | { success: false; error: ZodError }) {
  if (!result.success) throw validationError(result.error);
  assertStorable(result.data);
}

export function errorBody(code: string, message: string, details: unknown = null) {
  return { error: { code, message, details } };
}

export function onError(err: Error, c: Context<AppEnv>) {
  if (isDatabaseUnavailable(err)) {
    c.get('log')?.warn({ err: err.message }, 'database unavailable');
    c.header('Retry-After', String(DATABASE_RETRY_AFTER_S));
    return c.json(errorBody('database_unavailable', 'the database is not reachable right now; try again in a few seconds'), 503);
  }
  if (err instanceof AppError) return c.json(errorBody(err.code, err.message, err.details), err.status);
  if (err instanceof HTTPException) {
    const status = err.status;
    const code = status === 413 ? 'payload_too_large' : status === 401 ? 'unauthorized' : 'bad_request';
    return c.json(errorBody(code, err.message || 'bad request'), status);
  }
  c.get('log')?.error({ err }, 'unhandled error');
  return c.json(errorBody('internal', 'internal error'), 500);
}
