import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChat } from '../agents/supervisor/chat';
import { waitForRun } from '../graph/run-result';
import { loadConfig } from '../lib/config';
import { logger } from '../lib/log';
import { createWorkspaceWithTokens, type TestWorkspace } from '../test/support/context';
import { clusterAvailable, startCluster, type Cluster } from '../test/support/postgres-cluster';
import type { App } from './app';
import { httpApp, openRelais, type Relais } from './root';

// The database restarts under a running Relais (a throwaway PostgreSQL cluster of this test's
// own): the process stays up, /health says the database is away and the API answers 503 with
// Retry-After meanwhile, and within 5 s of the database's return everything works again —
// requests, and the worker's runs — without a restart.
let cluster: Cluster;
let relais: Relais;
let app: App;
let ws: TestWorkspace;

beforeAll(async () => {
  cluster = await startCluster();
  const config = loadConfig({ ...process.env, LOG_LEVEL: 'silent', DATABASE_URL: cluster.url, RELAIS_DATA_DIR: '/tmp' });
  relais = await openRelais({ config, logger: logger.child({}, { level: 'silent' }), maintenanceIntervalSeconds: 2 });
  relais.startWorker({ jobs: 'all,-dispatch', housekeepingMs: 10_000 });
  app = await httpApp(relais);
  ws = await createWorkspaceWithTokens(relais.db, 'Atelier Restart');
}, 120_000);

afterAll(async () => {
  await relais?.close();
  await cluster?.destroy();
});

const get = (path: string) => app.request(path, { headers: { authorization: `Bearer ${ws.adminToken}` } });

describe.skipIf(!clusterAvailable)('a database restart', () => {
  it('answers 503 with Retry-After while the database is away, and recovers by itself within 5 s of its return', async () => {
    expect((await get('/api/people')).status).toBe(200);
    await cluster.stop();

    const health = await get('/health');
    expect(health.status).toBe(503);
    expect(await health.json()).toEqual({ status: 'error', database: 'unreachable' });
    const down = await get('/api/people');
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('5');
    expect(((await down.json()) as { error: { code: string } }).error.code).toBe('database_unavailable');

    await cluster.start();
    const back = Date.now();
    await expect.poll(async () => (await get('/api/people')).status, { timeout: 5000, interval: 100 }).toBe(200);
    const recoveredMs = Date.now() - back;
    expect(recoveredMs).toBeLessThan(5000);
    expect((await get('/health')).status).toBe(200);

    // the worker too: a chat run is queued, fetched and finished after the restart
    const started = await startChat(relais.teammates, { workspaceId: ws.id, userId: ws.adminId, message: 'combien de prospects ?' });
    expect((await waitForRun(relais.db.kysely, started.runId, { timeoutMs: 20_000 })).status).toBe('succeeded');
    console.info(`[db restart] API back ${recoveredMs} ms after the database`);
  }, 60_000);
});
