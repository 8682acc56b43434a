import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openDatabase, type Db } from '../../db/connection';
import type { ApiMethod, ApiPath, ApiResponse, OpenApiResponse, UnknownResponse } from './api-client';
import { insertUserWithRole, insertWorkspace } from '../../db/repositories/workspaces';
import { issueToken } from '../../identity/tokens';
import { loadConfig, type Config } from '../../lib/config';
import { logger } from '../../lib/log';
import type { TeammateDeps } from '../../graph/deps';
import type { App } from '../../server/app';
import type { AppDeps } from '../../identity/request';
import { httpApp, openRelais, type Relais, type RelaisOptions } from '../../server/root';
import type { RelaisWorker, WorkerOptions } from '../../server/worker';

type RequestOptions = { token?: string | null; body?: unknown; rawBody?: string; headers?: Record<string, string> };
/**
 * A path the routes declare answers its route's body, typed (test/support/api-client.ts; template
 * literals such as `/api/companies/${id}` and query strings included), and so does the OpenAPI
 * document; any other path (a deliberate 404, the Portal) answers the error envelope and unknowns.
 */
type ApiRequest = {
  <M extends ApiMethod, P extends ApiPath<M>>(method: M, path: P, opts?: RequestOptions): Promise<ApiResponse<M, P>>;
  (method: 'GET', path: '/api/openapi.json', opts?: RequestOptions): Promise<OpenApiResponse>;
  (method: ApiMethod, path: string, opts?: RequestOptions): Promise<UnknownResponse>;
};

export type TestWorkspace = { id: string; adminToken: string; memberToken: string; adminId: string; memberId: string };

export type TestContext = {
  relais: Relais;
  db: Db;
  deps: AppDeps;
  config: Config;
  /** the teammates the worker runs with; `useTeammates` swaps a port for the next runs */
  teammates: TeammateDeps;
  useTeammates: (overrides: Partial<Pick<TeammateDeps, 'model' | 'companies' | 'concurrency' | 'maxRounds' | 'styleExamples' | 'gate'>>) => TeammateDeps;
  /** a worker in this process (background jobs; the dispatcher only if asked): stopped by close() */
  startWorker: (opts?: WorkerOptions) => RelaisWorker;
  /** embedded mode: the data dir a child process (worker, CLI) can open to reach this database */
  dataDir: string;
  /** server mode: the schema this file owns (search_path) */
  schema: string;
  app: App;
  a: TestWorkspace;
  b: TestWorkspace;
  /** the API as a client sees it */
  request: ApiRequest;
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

// A worker that runs many files one after the other (the fast project, RELAIS_TEST_SHARED_DB=1)
// keeps one embedded database and empties it for each file: booting PGlite costs about a second
// of CPU, and the files never run at once in one worker.
let sharedEmbedded: Promise<{ db: Db; dataDir: string }> | null = null;

function sharedDatabase(): Promise<{ db: Db; dataDir: string }> {
  sharedEmbedded ??= (async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'relais-test-'));
    const db = await openDatabase({ dataDir, poolSize: 8 });
    process.once('exit', () => rmSync(dataDir, { recursive: true, force: true }));
    return { db, dataDir };
  })();
  return sharedEmbedded;
}

/** Every row of every table (not the migrations' own, not the job queues' definitions): as freshly migrated. */
async function emptyDatabase(db: Db): Promise<void> {
  await sql`
    do $$ begin
      execute (select 'truncate table ' || string_agg(format('%I.%I', schemaname, tablename), ', ') || ' restart identity cascade'
        from pg_tables
        where (schemaname = current_schema() and tablename not like '%migration%')
          or (schemaname = 'pgboss' and tablename in ('job', 'archive')));
    end $$
  `.execute(db.kysely);
}

/**
 * An isolated database, two workspaces (a and b) with admin and member tokens, and the app.
 * Embedded (default): a PGlite data dir of this file's own (or of this worker's, emptied, with
 * RELAIS_TEST_SHARED_DB=1), served over the wire protocol as `npm start` does — PGlite is a
 * single session, so files cannot share one through schemas.
 * TEST_DATABASE_URL: a schema of this file's own on that server.
 */
export async function createTestContext(env: Record<string, string> = {}, opts: Pick<RelaisOptions, 'teammates'> = {}): Promise<TestContext> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  const schema = serverUrl ? `t_${randomBytes(6).toString('hex')}` : 'public';
  const shared = !serverUrl && process.env.RELAIS_TEST_SHARED_DB === '1' ? await sharedDatabase() : null;
  if (shared) await emptyDatabase(shared.db);
  const dataDir = serverUrl ? '' : (shared?.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'relais-test-')));
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent', RELAIS_DATA_DIR: dataDir || os.tmpdir(), RELAIS_RUN_LEASE_MS: '2000', ...env });
  const relais = await openRelais({
    config,
    logger: logger.child({}, { level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    ...(shared ? { db: shared.db } : { database: { databaseUrl: serverUrl, dataDir, schema, poolSize: 8 } }),
    teammates: opts.teammates,
    maintenanceIntervalSeconds: 2,
  });
  const { db, deps } = relais;
  const app = await httpApp(relais);
  const a = await createWorkspaceWithTokens(db, 'Atelier A');
  const b = await createWorkspaceWithTokens(db, 'Bureau B');
  const request = (async (method: ApiMethod, path: string, opts: RequestOptions = {}) => {
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
  }) as ApiRequest;
  return {
    relais,
    db,
    deps,
    config,
    teammates: relais.teammates,
    useTeammates: (overrides) => Object.assign(relais.teammates, overrides),
    // an idle worker polls little (what this process enqueues wakes it at once); sweeps rarely, unless a test asks
    startWorker: (workerOpts = {}) => relais.startWorker({ jobs: 'all,-dispatch', housekeepingMs: 10_000, ...workerOpts }),
    dataDir,
    schema,
    app,
    a,
    b,
    request,
    close: async () => {
      // server mode: the schema is dropped with all the others when the run ends (global-setup.ts)
      await relais.close();
      if (dataDir && !shared) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
