import type { CrmCtx } from '../../crm/context';
import type { TestContext, TestWorkspace } from './context';

// Helpers for the approval-gate tests: people to write to, proposals, contexts for teammates.
export const TEST_SECRET_KEY = 'a'.repeat(64);

let n = 0;
export async function createPerson(t: TestContext, opts: { ws?: TestWorkspace; email?: string | null; firstName?: string } = {}): Promise<string> {
  const ws = opts.ws ?? t.a;
  n++;
  const email = opts.email === undefined ? `prospect${n}.${Date.now()}@exemple.fr` : opts.email;
  const r = await t.request('POST', '/api/people', {
    token: ws.adminToken,
    body: { kind: 'lead', firstName: opts.firstName ?? 'Claire', lastName: `Martin ${n}`, ...(email ? { email } : {}) },
  });
  if (r.status !== 201) throw new Error(`person not created: ${JSON.stringify(r.body)}`);
  return r.body.id;
}

export function teammate(t: TestContext, ws: TestWorkspace = t.a, name = 'drafter'): CrmCtx {
  return { db: t.db.kysely, jobs: t.deps.jobs, workspaceId: ws.id, actor: { type: 'teammate', id: name } };
}

export function userCtx(t: TestContext, ws: TestWorkspace = t.a): CrmCtx {
  return { db: t.db.kysely, jobs: t.deps.jobs, workspaceId: ws.id, actor: { type: 'user', id: ws.adminId }, role: 'admin' };
}

export async function proposeEmail(t: TestContext, personId: string, over: Record<string, unknown> = {}, token?: string) {
  n++;
  const r = await t.request('POST', '/api/actions', {
    token,
    body: { kind: 'email', personId, subject: `Rénovation de vos locaux ${n}`, body: `Bonjour,\n\nNous rénovons des bureaux à Lyon.\n\nBien à vous`, ...over },
  });
  if (r.status !== 201 && r.status !== 200) throw new Error(`proposal failed: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Connects the workspace's SMTP channel to a test sink, a local relay without TLS. */
export async function connectSink(t: TestContext, sink: { port: number }, auth = { user: 'relais', password: 'mot-de-passe' }): Promise<string> {
  const r = await t.request('POST', '/api/connectors', {
    body: { type: 'smtp', host: '127.0.0.1', port: sink.port, secure: false, noTls: true, ...auth, fromEmail: 'contact@atelier-a.fr', fromName: 'Atelier A' },
  });
  if (r.status !== 201) throw new Error(`connector not created: ${JSON.stringify(r.body)}`);
  return r.body.id;
}
