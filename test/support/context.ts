import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from '../../db/connection';
import { insertUserWithRole, insertWorkspace } from '../../db/repositories/workspaces';
import { issueToken } from '../../identity/tokens';
import { loadConfig, type Config } from '../../lib/config';
import { logger } from '../../lib/log';
import { createApp } from '../../server/app';
import type { AppDeps } from '../../identity/request';
import { extraModules } from '../../server/modules';

export type TestWorkspace = { id: string; adminToken: string; memberToken: string; adminId: string; memberId: string };

export type TestContext = {
  db: Db;
  deps: AppDeps;
  config: Config;
  /** embedded mode: the data dir a child process (worker, CLI) can open to reach this database */
  dataDir: string;
  /** server mode: the schema this file owns (search_path) */
  schema: string;
  app: ReturnType<typeof createApp>;
  a: TestWorkspace;
  b: TestWorkspace;
  request: (method: string, path: string, opts?: { token?: string | null; body?: unknown; rawBody?: string; headers?: Record<string, string> }) => Promise<{ status: number; body: any; headers: Headers }>;
  close: () => Promise<void>;
};

export async function createWorkspaceWithTokens(db: Db, name: string): Promise<TestWorkspace> {
  const ws = await insertWorkspace(db.kysely, { name, legalName: `${name} SAS`, address: '1 rue de la République, 69001 Lyon' });
  const admin = await insertUserWithRole(db.kysely, ws.id, `${name} admin`, 'admin');
  const member = await insertUserWithRole(db.kysely, ws.id, `${name} member`, 'member');
  return {
    id: ws.id,
    adminId: admin.id,
    memberId: member.id,
    adminToken: await issueToken(db.kysely, ws.id, admin.id, 'api'),
    memberToken: await issueToken(db.kysely, ws.id, member.id, 'api'),
  };
}

/**
 * An isolated database, two workspaces (a and b) with admin and member tokens, and the app.
 * Embedded (default): a PGlite data dir of this file's own, served over the wire protocol as
 * `npm start` does — PGlite is a single session, so files cannot share one through schemas.
 * TEST_DATABASE_URL: a schema of this file's own on that server.
 */
export async function createTestContext(env: Record<string, string> = {}): Promise<TestContext> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const schema = serverUrl ? `t_${randomBytes(6).toString('hex')}` : 'public';
  const dataDir = serverUrl ? '' : mkdtempSync(path.join(os.tmpdir(), 'relais-test-'));
  const db = await openDatabase({ databaseUrl: serverUrl, dataDir, schema, poolSize: 8 });
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent', RELAIS_DISPATCHER: 'off', RELAIS_DATA_DIR: dataDir || os.tmpdir(), ...env });
  const deps: AppDeps = { db: db.kysely, config, logger: logger.child({}, { level: process.env.TEST_LOG_LEVEL ?? 'silent' }) };
  const extras = await extraModules(deps, db);
  const app = createApp(deps, extras);
  const a = await createWorkspaceWithTokens(db, 'Atelier A');
  const b = await createWorkspaceWithTokens(db, 'Bureau B');
  const request: TestContext['request'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...(opts.headers ?? {}) };
    const token = opts.token === undefined ? a.adminToken : opts.token;
    if (token) headers.authorization = `Bearer ${token}`;
    let body: string | undefined = opts.rawBody;
    if (opts.body !== undefined) {
      body = JSON.stringify(opts.body);
      headers['content-type'] = 'application/json';
    }
    if (opts.rawBody !== undefined) headers['content-type'] ??= 'application/json';
    const res = await app.request(path, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* HTML or text answers stay strings */
    }
    return { status: res.status, body: parsed, headers: res.headers };
  };
  return {
    db,
    deps,
    config,
    dataDir,
    schema,
    app,
    a,
    b,
    request,
    close: async () => {
      await extras.stop();
      // server mode: the schema is dropped with all the others when the run ends (global-setup.ts)
      await db.close();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
