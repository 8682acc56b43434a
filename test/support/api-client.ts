import type { ExtractSchema } from 'hono/types';
import type { SuccessStatusCode } from 'hono/utils/http-status';
import type { ApiRoutes } from '../../server/app';

// The test client's types, read from the API routes themselves (server/app.ts apiRoutes): a
// request to `/api/companies/${id}` answers the body its route declares (the route's response
// schemas, server/openapi.ts responses()). Every body also carries the error envelope, so a test
// can read `body.error.code` on a 4xx without a cast.

type Schema = ExtractSchema<ApiRoutes>;
type Routes = keyof Schema & string;
export type ApiMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
type Verb<M extends ApiMethod> = `$${Lowercase<M>}`;

/** "/actions/:id/approve" → `/actions/${string}/approve`: the concrete paths a route answers. */
type Concrete<P extends string> = P extends `${infer Head}:${string}/${infer Rest}`
  ? `${Head}${string}/${Concrete<Rest>}`
  : P extends `${infer Head}:${string}`
    ? `${Head}${string}`
    : P;

/** How many segments a path has: `${string}` stands for one, so `/chat/${string}` is not taken for `/chat/x/events`. */
type Depth<P extends string, N extends unknown[] = []> = P extends `${string}/${infer Rest}` ? Depth<Rest, [...N, unknown]> : N['length'];
type WithoutQuery<P extends string> = P extends `${infer Path}?${string}` ? Path : P;

/** The paths (and their query strings) a route answers under /api. */
type PathsOf<K extends string> = `/api${Concrete<K>}` | `/api${Concrete<K>}?${string}`;

/** The concrete paths the routes answer for a method. */
export type ApiPath<M extends ApiMethod> = { [K in Routes]: Verb<M> extends keyof Schema[K] ? PathsOf<K> : never }[Routes];

type Endpoints<M extends ApiMethod, Path extends string> = {
  [K in Routes]: Verb<M> extends keyof Schema[K] ? (Path extends PathsOf<K> ? (Depth<WithoutQuery<Path>> extends Depth<`/api${K}`> ? Schema[K][Verb<M>] : never) : never) : never;
}[Routes];

/** A success answer's body: JSON as declared; a stream (SSE, CSV) arrives as its text. */
type SuccessBody<E> = E extends { output: infer O; status: infer S } ? (O extends Response ? string : S extends SuccessStatusCode ? O : never) : never;

export type ApiErrorBody = { error: { code: string; message: string; details: ApiErrorDetails } };
type ApiErrorDetails = { fields: { path: string; message: string }[] } & Record<string, unknown>;

/** What a path answers: its route's success body, with the error envelope of a 4xx. */
export type ApiBody<M extends ApiMethod, Path extends string> = SuccessBody<Endpoints<M, Path>> & ApiErrorBody;

export type ApiResponse<M extends ApiMethod, Path extends string> = { status: number; body: ApiBody<M, Path>; headers: Headers };
/** A path no route declares (the OpenAPI document, a 404): the error envelope, the rest unknown. */
export type UnknownResponse = { status: number; body: ApiErrorBody & Record<string, unknown>; headers: Headers };

/** GET /api/openapi.json, as far as the tests read it (an OpenAPI 3.0 document; schemas are open-ended). */
export type OpenApiDocument = {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Partial<Record<'get' | 'post' | 'patch' | 'delete', OpenApiOperation>>>;
};
type OpenApiOperation = {
  requestBody?: { content: Record<string, { schema: OpenApiSchema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: OpenApiSchema }> }>;
};
type OpenApiSchema = { type?: string; enum?: unknown[]; properties?: Record<string, OpenApiSchema>; items?: OpenApiSchema; nullable?: boolean } & Record<string, unknown>;
export type OpenApiResponse = { status: number; body: OpenApiDocument; headers: Headers };
