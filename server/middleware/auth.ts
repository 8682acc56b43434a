import type { MiddlewareHandler } from 'hono';
import { adminOnly, AppError } from '../../lib/errors';
import { verifyToken } from '../../identity/tokens';
import type { AppEnv } from '../env';

/** Bearer token → principal; every /api query is then scoped by its workspace. */
export const requireAuth: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header('authorization') ?? '';
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  const principal = m ? await verifyToken(c.get('deps').db, m[1]) : null;
  if (principal?.tokenKind !== 'api') {
    throw new AppError('unauthorized', m ? 'invalid or revoked token' : 'missing bearer token');
  }
  c.set('principal', principal);
  c.set('crm', {
    db: c.get('deps').db,
    jobs: c.get('deps').jobs,
    workspaceId: principal.workspaceId,
    actor: { type: 'user', id: principal.userId },
    role: principal.role,
  });
  c.get('log').setBindings?.({ userId: principal.userId, workspaceId: principal.workspaceId });
  await next();
};

/** Admin-only decisions answer 403 with a message that says so. */
export const requireAdmin: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.get('principal').role !== 'admin') {
    throw adminOnly();
  }
  await next();
};
