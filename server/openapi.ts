import { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { AppEnv } from './env';
import { validationHook } from './errors';

/** Every route module builds on this: validation failures become our 400 shape. */
export const router = () => new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

export const IdParam = z.object({ id: z.uuid({ message: 'must be a UUID' }) });

const ErrorSchema = z.object({ error: z.object({ code: z.string(), message: z.string(), details: z.unknown() }) });

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

/** Responses: the success shape plus the error shapes every authenticated route can answer. */
export function responses(success: Record<number, string>, schema: z.ZodType = z.unknown()) {
  const out: Record<number, { description: string; content?: Record<string, { schema: z.ZodType }> }> = {};
  for (const [status, description] of Object.entries(success)) {
    out[Number(status)] = status === '204' ? { description } : { description, content: { 'application/json': { schema } } };
  }
  for (const [status, description] of [
    [400, 'invalid input (the message names the field)'],
    [401, 'missing or invalid token'],
    [404, 'not found in this workspace'],
  ] as const) {
    out[status] = { description, content: { 'application/json': { schema: ErrorSchema } } };
  }
  return out;
}

export const security = [{ bearerAuth: [] }];
