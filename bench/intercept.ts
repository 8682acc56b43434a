import os from 'node:os';
import { sql } from 'kysely';
import type { CrmCtx } from '../crm/context';
import { createWorkspaceWithTokens } from '../test/support/context';
import { runTool, toolRegistry, type ToolContext } from '../tools';
import { OutboundResultSchema } from '../tools/registry';
import type { Bench } from './run';
import { arg, perDatabase } from './options';
import { percentile, round, scratchDatabase, type BenchDatabase } from './support';
import { noJobQueue } from '../db/jobs/queue';

// `npm run bench -- intercept [--database embedded|server|both] [--calls 2000] [--warmup 100] --json`
// Interception: a teammate's outbound tool call (`send_email` through the tool registry, zod at
// both boundaries) until its action row is committed (proposeOutbound: recipient facts, then one
// autocommit statement inserting the action, its first version and its audit entry). Sequential
// calls, one unique tool-call id each, spread over PEOPLE recipients. Target: p99 ≤ 5 ms on both
// databases.
const TARGET_P99_MS = 5;

async function seedPeople(ctx: CrmCtx, n: number): Promise<string[]> {
  // one statement; ids are UUIDv7-shaped like the app's (time-ordered)
  await sql`
    insert into people (id, workspace_id, kind, first_name, last_name, email, source, lawful_basis)
    select (lpad(to_hex(extract(epoch from now())::bigint * 1000 - 1000000 + g), 12, '0') || '7000' || '8000' || lpad(to_hex(g), 12, '0'))::uuid,
      ${ctx.workspaceId}::uuid, 'lead', 'Prénom' || g, 'Nom' || g, 'prenom.nom' || g || '@exemple.example', 'bench', 'legitimate_interest'
    from generate_series(1, ${n}) g
  `.execute(ctx.db);
  await sql`analyze people`.execute(ctx.db);
  const rows = await ctx.db.selectFrom('people').select('id').where('workspace_id', '=', ctx.workspaceId).orderBy('id').execute();
  return rows.map((r) => r.id);
}

const BODY = [
  'Bonjour {name},',
  '',
  "J'ai vu que votre entreprise rénove des logements anciens dans le Rhône. Nous aidons les artisans",
  'à préparer leurs devis plus vite et à relancer leurs clients sans y passer leurs soirées.',
  '',
  'Seriez-vous disponible dix minutes la semaine prochaine pour en parler ?',
  '',
  'Bien à vous,',
  'Camille',
].join('\n');

async function run(kind: BenchDatabase, o: { calls: number; warmup: number; people: number }, log: (l: string) => void) {
  const { db, drop } = await scratchDatabase(kind);
  try {
    const ws = await createWorkspaceWithTokens(db, 'Bench intercept');
    const crm: CrmCtx = { db: db.kysely, jobs: noJobQueue('the interception bench'), workspaceId: ws.id, actor: { type: 'teammate', id: 'drafter' } };
    log(`[${kind}] seeding ${o.people} people…`);
    const people = await seedPeople(crm, o.people);
    if (people.length !== o.people) throw new Error(`seeded ${people.length} people, expected ${o.people}`);

    const runId = `bench-run-${Date.now()}`;
    let seq = 0;
    // what the drafter's outbound gate does (graph/outbound-gate.ts): the registry's send_email,
    // with the run's origin and the reviewer's verdict
    const call = async () => {
      const i = seq++;
      const ctx: ToolContext = {
        crm,
        origin: { teammate: 'drafter', runId, threadId: `thread-${i % 97}`, toolCallId: `call_${i}` },
        reviewer: { verdict: 'passed', notes: ['Ton adapté.', 'Aucune promesse chiffrée.'] },
        initialStatus: 'pending_approval',
      };
      const out = OutboundResultSchema.parse(
        await runTool(toolRegistry, ctx, 'send_email', {
          personId: people[i % people.length],
          subject: `Vos chantiers de rénovation (${i})`,
          body: BODY.replace('{name}', `Prénom${(i % people.length) + 1}`),
          language: 'fr',
        }),
      );
      if (out.status !== 'pending_approval') throw new Error(`call ${i}: status ${out.status}`);
      return out;
    };

    log(`[${kind}] warm-up: ${o.warmup} calls…`);
    for (let i = 0; i < o.warmup; i++) await call();
    log(`[${kind}] measuring ${o.calls} sequential calls…`);
    const samples: number[] = [];
    const load = os.loadavg()[0];
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < o.calls; i++) {
      const t0 = performance.now();
      await call();
      samples.push(performance.now() - t0);
    }

    const cpu = process.cpuUsage(cpu0);

    // every call committed exactly one row (read on a fresh connection, counters included)
    const total = o.warmup + o.calls;
    const check = await sql<{ rows: number; versions: number; counted: number }>`
      select (select count(*) from actions where workspace_id = ${ws.id})::int as rows,
        (select count(*) from action_versions v join actions a on a.id = v.action_id where a.workspace_id = ${ws.id})::int as versions,
        (select coalesce(sum(n), 0) from action_status_counts where workspace_id = ${ws.id} and status = 'pending_approval')::int as counted
    `.execute(db.kysely);
    const c = check.rows[0];
    if (c.rows !== total || c.versions !== total || c.counted !== total) throw new Error(`expected ${total} committed actions, found ${JSON.stringify(c)}`);

    const r = {
      p50Ms: round(percentile(samples, 50)),
      p95Ms: round(percentile(samples, 95)),
      p99Ms: round(percentile(samples, 99)),
      maxMs: round(Math.max(...samples)),
      meanMs: round(samples.reduce((a, b) => a + b, 0) / samples.length),
      calls: o.calls,
      // this process's CPU per call (embedded: the database's too), and the machine's load
      cpuMsPerCall: round((cpu.user + cpu.system) / 1000 / o.calls),
      loadAvg1m: round(load, 1),
    };
    log(`[${kind}] p50 ${r.p50Ms} ms, p95 ${r.p95Ms} ms, p99 ${r.p99Ms} ms (max ${r.maxMs} ms)`);
    return r;
  } finally {
    await drop();
  }
}

const bench: Bench = async ({ args, log }) => {
  const o = { calls: Number(arg(args, 'calls') ?? 2000), warmup: Number(arg(args, 'warmup') ?? 100), people: Number(arg(args, 'people') ?? 2000) };
  const { result, pass } = await perDatabase(
    args,
    log,
    (kind) => run(kind, o, log),
    (r) => r.p99Ms <= TARGET_P99_MS,
  );
  return { ...result, targetP99Ms: TARGET_P99_MS, pass };
};
export default bench;
