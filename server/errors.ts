import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ZodError } from 'zod';
import { AppError } from '../lib/errors';
import { validationError } from '../lib/validation';
import type { AppEnv } from './env';

/** zod-openapi hook: a failed validation becomes our 400 naming the field. */
export function validationHook(result: { success: true } | { success: false; error: ZodError }) {
  if (!result.success) throw validationError(result.error);
}

export function errorBody(code: string, message: string, details: unknown = null) {
  return { error: { code, message, details } };
}

export function onError(err: Error, c: Context<AppEnv>) {
  if (err instanceof AppError) return c.json(errorBody(err.code, err.message, err.details), err.status);
  if (err instanceof HTTPException) {
    const status = err.status;
    const code = status === 413 ? 'payload_too_large' : status === 401 ? 'unauthorized' : 'bad_request';
    return c.json(errorBody(code, err.message || 'bad request'), status);
  }
  c.get('log')?.error({ err }, 'unhandled error');
  return c.json(errorBody('internal', 'internal error'), 500);
}
