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

type Content<MediaType extends string, S extends z.ZodType> = { [M in MediaType]: { schema: S } };
type ErrorResponse = { description: string; content: Content<'application/json', typeof ErrorSchema> };
type BodyMediaType = 'application/json' | 'text/csv' | 'text/event-stream';

/** One status of a route: its description, or its description with its own body (schema and media type, JSON by default). */
export type StatusSpec = string | { description: string; schema: z.ZodType; mediaType?: BodyMediaType };

type ResponseFor<Status, Spec, S extends z.ZodType> = Status extends 204
  ? { description: string }
  : Spec extends { schema: infer Own extends z.ZodType }
    ? { description: string; content: Content<Spec extends { mediaType: infer M extends BodyMediaType } ? M : 'application/json', Own> }
    : `${Status & number}` extends `2${string}`
      ? { description: string; content: Content<'application/json', S> }
      : ErrorResponse;

/** Typed per status, so that @hono/zod-openapi types each handler's answer (and the test client reads it). */
export type Responses<D, S extends z.ZodType> = { -readonly [K in keyof D]: ResponseFor<K, D[K], S> } & Record<400 | 401 | 404, ErrorResponse>;

/**
 * Responses: each status the route names, and the error shapes every authenticated route can answer.
 * A 2xx answers `schema` (unless it brings its own), 204 has no body, any other status the error envelope.
 */
export function responses<const D extends Record<number, StatusSpec>, S extends z.ZodType = z.ZodUnknown>(statuses: D, schema?: S): Responses<D, S> {
  const out: Record<number, { description: string; content?: Record<string, { schema: z.ZodType }> }> = {};
  for (const [status, spec] of Object.entries(statuses) as [string, StatusSpec][]) {
    const description = typeof spec === 'string' ? spec : spec.description;
    const body = typeof spec !== 'string' ? spec.schema : status.startsWith('2') ? (schema ?? z.unknown()) : ErrorSchema;
    const mediaType = typeof spec !== 'string' ? (spec.mediaType ?? 'application/json') : 'application/json';
    out[Number(status)] = status === '204' ? { description } : { description, content: { [mediaType]: { schema: body } } };
  }
  for (const [status, description] of [
    [400, 'invalid input (the message names the field)'],
    [401, 'missing or invalid token'],
    [404, 'not found in this workspace'],
  ] as const) {
    out[status] = { description, content: { 'application/json': { schema: ErrorSchema } } };
  }
  return out as Responses<D, S>;
}

export const security = [{ bearerAuth: [] }];
