import type { RequestVariables } from '../identity/request';

/** The API's Hono environment: the request variables set by the middleware. */
export type AppEnv = { Variables: RequestVariables };
