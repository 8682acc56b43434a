import { sql } from 'kysely';
import { serverReachable } from './options';
import type { Bench } from './run';
import { measure, scratchDatabase, type BenchDatabase } from './support';
import { createWorkspaceWithTokens } from '../test/support/context';
import { httpApp, openRelais } from '../server/root';
import { loadConfig } from '../lib/config';
import { logger } from '../lib/log';
import { createSession } from '../identity/sessions';
import type { Db } from '../db/connection';

// Portal server time, in process (app.request, no network): the Dashboard with 100k deals and
// the Library's first page with 10k pending actions. Target p95 ≤ 50 ms each.
const DEALS = Number(process.env.BENCH_PORTAL_DEALS ?? 100_000);
const ACTIONS = Number(process.env.BENCH_PORTAL_ACTIONS ?? 10_000);
const RUNS = Number(process.env.BENCH_PORTAL_RUNS ?? 200);

async function seedDeals(db: Db, workspaceId: string, n: number) {
  // one statement: deals spread over the 7 stages, a third with their own probability,
  // closed ones dated over the last 90 days (so "won this month" has something to count)
  await sql`
    insert into deals (id, workspace_id, title, amount_cents, stage_id, probability_override, closed_at, created_at, updated_at)
    select
      (lpad(to_hex(extract(epoch from now())::bigint * 1000 - 1000000 + g), 12, '0') || '7000' || '8000' || lpad(to_hex(g), 12, '0'))::uuid,
      ${workspaceId}, 'Affaire ' || g, (g * 7919) % 5000000, s.id,
      case when g % 3 = 0 then (g % 100) else null end,
      case when s.outcome <> 'open' then now() - ((g % 90) || ' days')::interval else null end,
      now(), now()
    from generate_series(1, ${n}) g
    join pipeline_stages s on s.workspace_id = ${workspaceId} and s.position = g % 7
  `.execute(db.kysely);
  await sql`analyze deals`.execute(db.kysely);
}

async function seedActions(db: Db, workspaceId: string, n: number) {
  const person = await sql<{ id: string }>`
    insert into people (id, workspace_id, kind, first_name, last_name, email)
    values (gen_random_uuid(), ${workspaceId}, 'lead', 'Camille', 'Durand', 'camille@exemple.fr') returning id`.execute(db.kysely);
  const personId = person.rows[0].id;
  await sql`
    insert into actions (id, workspace_id, kind, status, person_id, recipient_hash, proposed_payload, current_payload, payload_hash,
      teammate, idempotency_key, reviewer, expires_at, created_by_type, created_by_id)
    select
      (lpad(to_hex(extract(epoch from now())::bigint * 1000 - 1000000 + g), 12, '0') || '7000' || '8000' || lpad(to_hex(g), 12, '0'))::uuid,
      ${workspaceId}, 'email', 'pending_approval', ${personId}, md5('camille@exemple.fr'),
      p, p, md5(p::text), 'drafter', 'bench-' || g,
      jsonb_build_object('verdict', case when g % 10 = 0 then 'needs_attention' else 'passed' end, 'notes', jsonb_build_array('Relu.')),
      now() + interval '14 days', 'teammate', 'drafter'
    from generate_series(1, ${n}) g,
      lateral (select jsonb_build_object('to', jsonb_build_object('email', 'camille@exemple.fr', 'name', 'Camille Durand'),
        'subject', 'Votre projet de rénovation n°' || g, 'body', repeat('Bonjour Camille, ', 40), 'language', 'fr') as p) x
  `.execute(db.kysely);
  await sql`analyze actions`.execute(db.kysely);
}

async function run(kind: BenchDatabase, log: (l: string) => void) {
  const { db, drop } = await scratchDatabase(kind);
  let relais: Awaited<ReturnType<typeof openRelais>> | null = null;
  try {
    const ws = await createWorkspaceWithTokens(db, 'Bench');
    relais = await openRelais({ db, config: loadConfig({ ...process.env, LOG_LEVEL: 'silent' }), logger: logger.child({}, { level: 'silent' }) });
    const app = await httpApp(relais);
    const session = await createSession(db.kysely, ws.id, ws.adminId);
    const headers = { cookie: `relais_session=${session.cookie}`, accept: 'text/html' };
    const page = async (path: string) => {
      const res = await app.request(path, { headers });
      const body = await res.text();
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${body.slice(0, 200)}`);
      return body;
    };

    log(`[${kind}] seeding ${DEALS} deals…`);
    await seedDeals(db, ws.id, DEALS);
    await sql`checkpoint`.execute(db.kysely).catch(() => undefined);
    const dashboard = await measure(RUNS, () => page('/'), 50);
    log(`[${kind}] dashboard p95 ${dashboard.p95} ms`);

    log(`[${kind}] seeding ${ACTIONS} pending actions…`);
    await seedActions(db, ws.id, ACTIONS);
    const first = await page('/library?status=pending_approval');
    if (!first.includes('data-action-row')) throw new Error('the Library did not list the pending actions');
    await sql`checkpoint`.execute(db.kysely).catch(() => undefined);
    const library = await measure(RUNS, () => page('/library?status=pending_approval'), 50);
    log(`[${kind}] library p95 ${library.p95} ms`);
    const dashboardWithActions = await measure(RUNS, () => page('/'));
    log(`[${kind}] dashboard (with actions) p95 ${dashboardWithActions.p95} ms`);
    return { dashboard, library, dashboardWithActions };
  } finally {
    await relais?.close();
    await drop();
  }
}

const bench: Bench = async ({ log }) => {
  const embedded = await run('embedded', log);
  const server = (await serverReachable()) ? await run('server', log) : null;
  if (!server) log('no PostgreSQL server reachable: server figures skipped');
  const pass = (r: typeof embedded) => r.dashboard.p95 <= 50 && r.library.p95 <= 50;
  return {
    deals: DEALS,
    actions: ACTIONS,
    dashboardP95Ms: embedded.dashboard.p95,
    libraryP95Ms: embedded.library.p95,
    embedded,
    server,
    targetMs: 50,
    pass: pass(embedded) && (!server || pass(server)),
  };
};
export default bench;
