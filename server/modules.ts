import type { NotFoundHandler } from 'hono';
import type { Db } from '../db/connection';
import type { ApiModule } from './app';
import type { AppEnv } from './env';
import type { AppDeps } from '../identity/request';
import { portalCapability } from '../portal/capability';
import { approvalCapability } from '../actions/capability';
import { teammatesCapability } from '../graph/capability';

/** A capability beyond the CRM core: its API routes, page routes and background loops. */
export type Capability = {
  api?: ApiModule[];
  pages?: ApiModule[];
  /** the answer for an unknown path outside /api (an HTML page); /api keeps its JSON 404 */
  notFound?: NotFoundHandler<AppEnv>;
  /** start background loops (dispatcher, expiry…) — only called by `serve`, never by tests */
  start?: () => Promise<void>;
  stop?: () => Promise<void>;
};

export type CapabilityFactory = (deps: AppDeps, db: Db) => Promise<Capability> | Capability;

/** Capabilities plug in here, one line each. */
const factories: CapabilityFactory[] = [
  portalCapability,
  approvalCapability,
  teammatesCapability,
];

export async function extraModules(deps: AppDeps, db: Db) {
  const caps = await Promise.all(factories.map((f) => f(deps, db)));
  return {
    api: caps.flatMap((c) => c.api ?? []),
    pages: caps.flatMap((c) => c.pages ?? []),
    notFound: caps.find((c) => c.notFound)?.notFound,
    start: async () => {
      for (const c of caps) await c.start?.();
    },
    stop: async () => {
      for (const c of caps) await c.stop?.();
    },
  };
}
