import type { ExtractSchema } from 'hono/types';
import type { ApiRoutes } from '../../server/app';

// The test client's types, read from the API routes themselves (server/app.ts apiRoutes): a
// request to `/api/companies/${id}` answers the body its route's handler returns. Every body
// also carries the error envelope, so a test can read `body.error.code` on a 4xx without a cast.

type Schema = ExtractSchema<ApiRoutes>;
export type ApiMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** "/actions/:id/approve" → `/actions/${string}/approve`: the concrete paths a route answers. */
type Concrete<P extends string> = P extends `${infer Head}:${string}/${infer Rest}`
  ? `${Head}${string}/${Concrete<Rest>}`
  : P extends `${infer Head}:${string}`
    ? `${Head}${string}`
    : P;

type Routes = keyof Schema & string;
type Endpoints<M extends ApiMethod, Path extends string> = {
  [K in Routes]: `$${Lowercase<M>}` extends keyof Schema[K] ? (Path extends `/api${Concrete<K>}` | `/api${Concrete<K>}?${string}` ? Schema[K][`$${Lowercase<M>}`] : never) : never;
}[Routes];

export type ApiErrorBody = { error: { code: string; message: string; details: ApiErrorDetails } };
type ApiErrorDetails = { fields: { path: string; message: string }[]; [key: string]: unknown } & Record<string, unknown>;

type OutputOf<E> = E extends { output: infer O } ? O : never;
/** The concrete paths (and their query strings) the routes answer for a method. */
export type ApiPath<M extends ApiMethod> = {
  [K in Routes]: `$${Lowercase<M>}` extends keyof Schema[K] ? `/api${Concrete<K>}` | `/api${Concrete<K>}?${string}` : never;
}[Routes];

/** What a path answers: its route's outputs (any status), with the error envelope of a 4xx. */
export type ApiBody<M extends ApiMethod, Path extends string> = OutputOf<Endpoints<M, Path>> & ApiErrorBody;

export type ApiResponse<M extends ApiMethod, Path extends string> = { status: number; body: ApiBody<M, Path>; headers: Headers };
/** A path no route declares (the OpenAPI document, a 404): the error envelope, the rest unknown. */
export type UnknownResponse = { status: number; body: ApiErrorBody & Record<string, unknown>; headers: Headers };
