import type { ChildProcess } from 'node:child_process';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChat } from '../agents/supervisor/chat';
import { loadWorkspaceProfile } from '../identity/profile';
import { composeOffline } from '../agents/drafter/nodes/compose-offline';
import { waitForRun } from './run-result';
import { createTestContext, type TestContext } from '../test/support/context';
import { startWorkerProcess } from '../test/support/spawn';
import { completion, startOpenAICompatibleServer, type ChatCompletionRequest } from '../test/teammates/openai-compatible-server';
import { setVoice } from '../test/teammates/fixtures';

// A teammate run is a job any worker takes. Here a real worker process (`cli worker`) on the
// test's database and a local OpenAI-compatible model is SIGKILLed while it drafts, and another
// worker (this process's, as `npm start` runs one) finishes the run from its last checkpoint —
// every lead drafted once, none twice.
const LEADS = 8;
const LEASE_MS = 1000;

let t: TestContext;
let model: Awaited<ReturnType<typeof startOpenAICompatibleServer>>;
const children: ChildProcess[] = [];
const logs: string[] = [];

const toolNames = (r: ChatCompletionRequest) => (r.tools ?? []).map((x) => x.function.name);
const userText = (r: ChatCompletionRequest) =>
  r.messages
    .filter((m) => m.role === 'user')
    .map((m) => m.content ?? '')
    .join('\n');

beforeAll(async () => {
  // the model a real provider would be: route, draft with send_email, review in JSON — each call takes a while
  let profile: Awaited<ReturnType<typeof loadWorkspaceProfile>> | null = null;
  model = await startOpenAICompatibleServer((req, n) => {
    const call = (name: string, args: unknown) => ({ delayMs: 100, json: completion({ tool_calls: [{ id: `call_${n}`, name, arguments: JSON.stringify(args) }] }) });
    if (toolNames(req).includes('prospect')) return call('prospect', { sector: 'rénovation', place: 'Lyon', count: LEADS, draft: true, language: 'fr' });
    if (toolNames(req).includes('send_email')) {
      const facts = JSON.parse(
        userText(req)
          .split('\n')
          .find((l) => l.startsWith('{"personId"'))!,
      ) as {
        personId: string;
        dirigeant: { firstName: string; lastName: string; role: string | null } | null;
        company: { name: string; activity: string | null; city: string | null } | null;
      };
      const d = composeOffline(
        {
          personId: facts.personId,
          firstName: facts.dirigeant?.firstName ?? '',
          lastName: facts.dirigeant?.lastName ?? '',
          role: facts.dirigeant?.role ?? null,
          civility: null,
          email: null,
          optedOut: false,
          company: facts.company
            ? {
                id: '',
                name: facts.company.name,
                activity: facts.company.activity,
                nafCode: null,
                city: facts.company.city,
                postcode: null,
                headcountBand: null,
                creationYear: null,
              }
            : null,
        },
        profile!,
        'fr',
        `http:${facts.personId}`,
      );
      return call('send_email', { personId: facts.personId, subject: d.subject, body: d.body, language: 'fr' });
    }
    return { delayMs: 100, json: completion({ content: '{"verdict":"pass","notes":[]}' }) };
  });
  t = await createTestContext({
    OPENAI_API_KEY: 'test-key',
    OPENAI_BASE_URL: model.baseURL,
    RELAIS_MODEL: 'test-model',
    RELAIS_RUN_LEASE_MS: String(LEASE_MS),
    RELAIS_LLM_CONCURRENCY: '2',
  });
  await setVoice(t.db, t.a.id);
  profile = await loadWorkspaceProfile(t.db.kysely, t.a.id);
});

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await t?.close();
  await model?.close();
});

async function worker(): Promise<ChildProcess> {
  const env = { OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: model.baseURL, RELAIS_MODEL: 'test-model', RELAIS_RUN_LEASE_MS: String(LEASE_MS), RELAIS_LLM_CONCURRENCY: '2' };
  const child = await startWorkerProcess(t, ['--jobs', 'teammate.run,teammate.sweep', '--poll-ms', '50', '--housekeeping-ms', '500', '--maintenance-s', '1'], env, logs);
  children.push(child);
  return child;
}

describe('a teammate run on workers', () => {
  it('is finished by another worker when its worker is SIGKILLed mid-run, with no lead or draft twice', async () => {
    const first = await worker();
    const started = await startChat(t.teammates, { workspaceId: t.a.id, userId: t.a.adminId, message: `trouve ${LEADS} entreprises de rénovation à Lyon et écris-leur` });
    const drafted = async () => await t.db.kysely.selectFrom('actions').select(['id', 'person_id']).where(sql<boolean>`origin->>'runId' = ${started.runId}`).execute();
    await expect.poll(async () => (await drafted()).length, { timeout: 60_000, interval: 50 }).toBeGreaterThanOrEqual(2);
    first.kill('SIGKILL');
    const atKill = (await drafted()).length;
    expect(atKill).toBeLessThan(LEADS);
    const held = await t.db.kysely.selectFrom('teammate_runs').select(['status', 'lease_owner']).where('id', '=', started.runId).executeTakeFirstOrThrow();
    expect(held.status).toBe('running');
    expect(held.lease_owner).not.toBeNull(); // still held by the dead worker: its lease must lapse first

    t.startWorker({ jobs: 'teammate.run,teammate.sweep', housekeepingMs: 500 });
    const done = await waitForRun(t.db.kysely, started.runId, { timeoutMs: 60_000 });
    expect(done.status, logs.join('')).toBe('succeeded');
    expect(done.mode).toBe('model');
    expect(done.actions).toHaveLength(LEADS);
    const all = await drafted();
    expect(all).toHaveLength(LEADS);
    expect(new Set(all.map((a) => a.person_id)).size).toBe(LEADS);
    // the leads were found once: prospecting was not redone on the second worker
    expect(model.requests.filter((r) => toolNames(r).includes('prospect'))).toHaveLength(1);
    const people = await t.db.kysely.selectFrom('people').select('id').where('workspace_id', '=', t.a.id).execute();
    expect(people).toHaveLength(LEADS);
    const run = await t.db.kysely.selectFrom('teammate_runs').select(['attempts', 'lease_owner']).where('id', '=', started.runId).executeTakeFirstOrThrow();
    expect(run.attempts).toBeGreaterThanOrEqual(2);
    expect(run.lease_owner).toBeNull();
  });
});
