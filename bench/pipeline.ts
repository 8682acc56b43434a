import { insertWorkspace } from '../db/repositories/workspaces';
import { loadWorkspaceProfile } from '../identity/profile';
import { createScriptedModel } from '../test/teammates/scripted-model';
import { startChat } from '../agents/supervisor/chat';
import { waitForRun } from '../graph/run-result';
import { loadConfig } from '../lib/config';
import { logger } from '../lib/log';
import { openRelais } from '../server/root';
import { fakeCompanies, setVoice, staticSource } from '../test/teammates/fixtures';
import { runReactBaseline } from '../test/teammates/react-baseline';
import { goodDraft, passReview } from '../test/teammates/scripted';
import { withLatency } from '../test/teammates/simulated';
import { arg } from './options';
import type { Bench } from './run';
import { scratchDatabase } from './support';

// `npm run bench -- pipeline [--json]`: a request for 50 leads, from the message to drafts
// queued for approval, on the embedded database:
// - model mode with a simulated model (fixed latency a call, token counts from the real
//   prompts), against the critical-path lower bound at RELAIS_LLM_CONCURRENCY;
// - LangGraph's prebuilt ReAct agent (createReactAgent), same tools, same simulated model;
// - the offline teammate, end to end.
// Each request is a run on the job queue, executed by a worker of this process (as `npm start`
// runs one), so the figures include handing the run to the worker.

const LEADS = 50;
const REQUEST = `trouve ${LEADS} entreprises de rénovation à Lyon et écris-leur`;

const bench: Bench = async ({ args, log }) => {
  const latencyMs = Number(arg(args, 'latency') ?? 300);
  const concurrency = Number(arg(args, 'concurrency') ?? process.env.RELAIS_LLM_CONCURRENCY ?? 8);
  const { db, drop } = await scratchDatabase('embedded');
  const relais = await openRelais({ db, config: loadConfig({ ...process.env, LOG_LEVEL: 'silent' }), logger: logger.child({}, { level: 'silent' }) });
  relais.startWorker({ jobs: 'teammate.run', pollMs: 50 });
  const ask = async (workspaceId: string, message: string) => waitForRun(db.kysely, (await startChat(relais.teammates, { workspaceId, userId: null, message })).runId);
  try {
    const workspace = async (name: string, seed: number) => {
      const ws = await insertWorkspace(db.kysely, { name, legalName: `${name} SAS`, address: '1 rue de la République, 69001 Lyon' });
      await setVoice(db, ws.id);
      return { id: ws.id, companies: staticSource(fakeCompanies(LEADS, { seed })) };
    };

    // offline teammate, end to end (a warm-up request first: the checkpointer's setup and JIT are start-up costs)
    const off = await workspace('Atelier Lumière', 0);
    relais.teammates.companies = off.companies;
    relais.teammates.concurrency = concurrency;
    await ask(off.id, 'combien de prospects ?');
    let t0 = performance.now();
    const offline = await ask(off.id, REQUEST);
    const offlineMs = performance.now() - t0;
    log(`offline: ${offline.actions.length} drafts queued in ${Math.round(offlineMs)} ms`);

    // Relais, model mode, simulated model
    const modelWs = await workspace('Atelier Lumière', 1000);
    const profile = await loadWorkspaceProfile(db.kysely, modelWs.id);
    const scripted = createScriptedModel(
      { route: { tool: 'prospect', args: { sector: 'rénovation', place: 'Lyon', count: LEADS, draft: true, language: 'fr' } }, draft: goodDraft(profile), review: passReview },
      'simulated',
    );
    Object.assign(relais.teammates, { companies: modelWs.companies, model: withLatency(scripted, latencyMs) });
    t0 = performance.now();
    const run = await ask(modelWs.id, REQUEST);
    const wallMs = performance.now() - t0;
    const record = await db.kysely.selectFrom('teammate_runs').selectAll().where('id', '=', run.runId).executeTakeFirstOrThrow();
    const routeCalls = scripted.callsFor('route').length;
    const leadCalls = scripted.calls.length - routeCalls;
    const perLead = Math.max(...Object.values(countBy(scripted.calls.filter((c) => c.purpose !== 'route').map((c) => personOf(c.messages)))));
    // the critical path: routing, then the leads' calls packed on `concurrency` slots (a lead's
    // own calls are sequential, so never less than its chain)
    const lowerBoundMs = latencyMs * (routeCalls + Math.max(perLead, Math.ceil(leadCalls / concurrency)));
    const drafts = run.actions.length;
    const tokensPerDraft = (record.tokens_in + record.tokens_out) / Math.max(1, drafts);
    log(
      `relais (model, ${latencyMs} ms/call, concurrency ${concurrency}): ${drafts} drafts, ${scripted.calls.length} calls in ${Math.round(wallMs)} ms (lower bound ${lowerBoundMs} ms)`,
    );

    // LangGraph's prebuilt ReAct agent, same tools and model
    const react = await workspace('Atelier Lumière', 2000);
    const baseline = await runReactBaseline({ ...relais.teammates, model: null, companies: react.companies, concurrency }, react.id, profile, REQUEST, latencyMs);
    const baselineTokensPerDraft = (baseline.usage.tokensIn + baseline.usage.tokensOut) / Math.max(1, baseline.drafts);
    log(`createReactAgent baseline: ${baseline.drafts} drafts, ${baseline.usage.calls} calls in ${Math.round(baseline.wallMs)} ms`);

    const round = (n: number, d = 0) => Number(n.toFixed(d));
    return {
      wallMs: round(wallMs),
      lowerBoundMs,
      ratio: round(wallMs / lowerBoundMs, 3),
      baselineWallMs: round(baseline.wallMs),
      speedup: round(baseline.wallMs / wallMs, 2),
      tokensPerDraft: round(tokensPerDraft),
      baselineTokensPerDraft: round(baselineTokensPerDraft),
      tokenRatio: round(tokensPerDraft / baselineTokensPerDraft, 3),
      offlineMs: round(offlineMs),
      offlineDrafts: offline.actions.length,
      drafts,
      baselineDrafts: baseline.drafts,
      modelCalls: scripted.calls.length,
      baselineModelCalls: baseline.usage.calls,
      leads: LEADS,
      concurrency,
      latencyMs,
    };
  } finally {
    await relais.close();
    await drop();
  }
};

function countBy(keys: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of keys) out[k] = (out[k] ?? 0) + 1;
  return out;
}

function personOf(messages: { role: string; content?: string | null }[]): string {
  const user = messages.find((m) => m.role === 'user')?.content ?? '';
  return /"personId":"([^"]+)"/.exec(user)?.[1] ?? '?';
}

export default bench;
