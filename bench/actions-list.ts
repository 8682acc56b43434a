import os from 'node:os';
import { sql } from 'kysely';
import type { Db } from '../db/connection';
import { loadConfig } from '../lib/config';
import { logger } from '../lib/log';
import { httpApp, openRelais } from '../server/root';
import { createWorkspaceWithTokens } from '../test/support/context';
import type { Bench } from './run';
import { arg, perDatabase } from './options';
import { percentile, round, scratchDatabase, type BenchDatabase } from './support';

// `npm run bench -- actions-list [--database embedded|server|both] [--actions 200000] [--runs 200] --json`
// The Library's first page: `GET /api/actions?status=pending_approval` answered by the real app
// in process (app.request: bearer-token auth, query validation, the page query, the status
// counters, JSON), with ACTIONS actions in the workspace (mixed statuses, 70 % pending) and a
// second workspace (a tenth as many) whose actions are interleaved with the first one's newest.
// Target: p95 ≤ 20 ms.
const TARGET_P95_MS = 20;
const PEOPLE = 5_000;

/**
 * ACTIONS rows in one statement (the statement-level counter trigger keeps action_status_counts
 * in step), with the columns each status carries in the app: approvals on approved/scheduled/
 * sent rows, the executed payload and message id on sent ones, decisions on rejected/ignored,
 * a reason where the app writes one. Ids are UUIDv7-shaped and follow created_at (25 s apart,
 * ending now: 200k rows span ~two months); `offsetMs` shifts a second workspace's rows between
 * the first one's. The hashes are sha256 of the jsonb text, not lib/canonical-hash: fine for
 * listing, but the dispatcher's integrity check would refuse these rows.
 */
async function seedActions(db: Db, o: { workspaceId: string; userId: string; n: number; peopleBase: number; offsetMs: number; tag: string }) {
  await sql`
    insert into actions (id, workspace_id, kind, status, version, person_id, recipient_hash, proposed_payload, current_payload,
      payload_hash, approved_payload, approved_hash, executed_payload, executed_hash, teammate, origin, sequence_step,
      idempotency_key, reviewer, reason, expires_at, created_by_type, created_by_id, approved_by_type, approved_by_id,
      approved_at, decided_by_id, decided_at, message_id, attempts, next_attempt_at, last_error, sent_at, created_at, updated_at)
    select
      (lpad(to_hex(t.ms), 12, '0') || '7' || lpad(to_hex(g % 4096), 3, '0') || '8' || lpad(to_hex(g % 4096), 3, '0') || lpad(to_hex(g), 12, '0'))::uuid,
      ${o.workspaceId}::uuid, k.kind, s.status, 1,
      (lpad(to_hex(${o.peopleBase}::bigint + g % ${PEOPLE} + 1), 12, '0') || '7000' || '8000' || lpad(to_hex(g % ${PEOPLE} + 1), 12, '0'))::uuid,
      encode(sha256(convert_to(r.email, 'UTF8')), 'hex'),
      p.payload, p.payload, encode(sha256(convert_to(p.payload::text, 'UTF8')), 'hex'),
      case when s.approved then p.payload end,
      case when s.approved then encode(sha256(convert_to(p.payload::text, 'UTF8')), 'hex') end,
      case when s.status = 'sent' then p.payload || jsonb_build_object('messageId', '<' || g || '@bench.example>') end,
      case when s.status = 'sent' then md5(g::text) end,
      k.teammate, jsonb_build_object('teammate', k.teammate, 'runId', 'run-' || (g / 20), 'toolCallId', 'call_' || g),
      case when g % 3 = 0 then 1 + g % 4 end,
      encode(sha256(convert_to(${o.tag} || '|tool|' || k.teammate || '|call_' || g, 'UTF8')), 'hex'),
      jsonb_build_object('verdict', case when g % 10 = 0 then 'needs_attention' else 'passed' end, 'notes', jsonb_build_array('Relu.')),
      case s.status when 'rejected' then 'Pas le bon moment' when 'cancelled' then 'the recipient opted out'
        when 'expired' then 'no decision within 14 days' when 'failed' then 'smtp 550: mailbox unavailable'
        when 'scheduled' then 'outside the sending window' end,
      t.created + interval '14 days', 'teammate', k.teammate,
      case when s.approved then 'user' end, case when s.approved then ${o.userId} end,
      case when s.approved then t.created + interval '2 hours' end,
      case when s.status in ('rejected', 'ignored') then ${o.userId} end,
      case when s.status in ('rejected', 'ignored') then t.created + interval '3 hours' end,
      case when s.status = 'sent' then '<' || g || '@bench.example>' end,
      case when s.status in ('sent', 'failed', 'delivery_unknown') then 1 else 0 end,
      case when s.status in ('approved', 'scheduled') then t.created + interval '2 hours' end,
      case when s.status = 'failed' then 'smtp 550: mailbox unavailable' end,
      case when s.status = 'sent' then t.created + interval '2 hours 1 minute' end,
      t.created,
      t.created + case when s.status = 'pending_approval' then interval '0' else interval '2 hours' end
    from generate_series(1, ${o.n}) g
    cross join lateral (select now() - (${o.n} - g) * interval '25 seconds' + ${o.offsetMs} * interval '1 millisecond' as created) t0
    cross join lateral (select t0.created, (extract(epoch from t0.created) * 1000)::bigint as ms) t
    cross join lateral (select case
        when g % 100 < 70 then 'pending_approval' when g % 100 < 78 then 'sent' when g % 100 < 82 then 'approved'
        when g % 100 < 84 then 'scheduled' when g % 100 < 88 then 'rejected' when g % 100 < 91 then 'ignored'
        when g % 100 < 94 then 'expired' when g % 100 < 96 then 'cancelled' when g % 100 = 96 then 'failed'
        when g % 100 = 97 then 'draft' when g % 100 = 98 then 'in_review' else 'delivery_unknown' end as status) s0
    cross join lateral (select s0.status, s0.status in ('approved', 'scheduled', 'sending', 'sent', 'failed', 'delivery_unknown') as approved) s
    cross join lateral (select case when g % 20 = 7 then 'meeting' when g % 20 = 13 then 'message' else 'email' end as kind,
        case when g % 4 = 0 then 'prospector' else 'drafter' end as teammate) k
    cross join lateral (select 'prenom.nom' || (g % ${PEOPLE} + 1) || '@exemple.example' as email, 'Prénom' || (g % ${PEOPLE} + 1) || ' Nom' as name) r
    cross join lateral (select case k.kind
        when 'message' then jsonb_build_object('to', jsonb_build_object('email', r.email, 'name', r.name),
          'body', 'Bonjour, un petit mot au sujet de votre projet n°' || g || '. Bonne journée !', 'language', 'fr')
        else jsonb_build_object('to', jsonb_build_object('email', r.email, 'name', r.name),
          'subject', 'Votre projet de rénovation n°' || g,
          'body', 'Bonjour ' || r.name || E',\n\n' || repeat('Nous accompagnons les artisans du Rhône dans leurs chantiers. ', 8) || E'\n\nBien à vous,\nCamille',
          'language', 'fr')
          || case when k.kind = 'meeting' then jsonb_build_object('startsAt', to_char(t.created + interval '7 days', 'YYYY-MM-DD"T"HH24:00:00"Z"'),
               'durationMinutes', 30, 'location', 'Visio') else '{}'::jsonb end
      end as payload) p
  `.execute(db.kysely);
  // each action's first version, as proposeOutbound writes it
  await sql`
    insert into action_versions (action_id, version, payload, payload_hash, author_type, author_id, reviewer, note, created_at)
    select id, 1, proposed_payload, payload_hash, created_by_type, created_by_id, reviewer, 'proposed', created_at
    from actions where workspace_id = ${o.workspaceId}
  `.execute(db.kysely);
}

async function seedPeople(db: Db, workspaceId: string, base: number) {
  await sql`
    insert into people (id, workspace_id, kind, first_name, last_name, email, source, created_at, updated_at)
    select (lpad(to_hex(${base}::bigint + g), 12, '0') || '7000' || '8000' || lpad(to_hex(g), 12, '0'))::uuid,
      ${workspaceId}::uuid, 'lead', 'Prénom' || g, 'Nom', 'prenom.nom' || g || '@exemple.example', 'bench', now(), now()
    from generate_series(1, ${PEOPLE}) g
  `.execute(db.kysely);
}

/** Two workspaces: `a` with `actions` actions, `b` with a tenth as many, interleaved with a's newest. */
export async function seedLibrary(db: Db, actions: number) {
  const a = await createWorkspaceWithTokens(db, 'Atelier A');
  const b = await createWorkspaceWithTokens(db, 'Bureau B');
  const baseA = Date.now() - 200_000_000;
  const baseB = baseA + 10_000_000;
  await seedPeople(db, a.id, baseA);
  await seedPeople(db, b.id, baseB);
  await seedActions(db, { workspaceId: a.id, userId: a.adminId, n: actions, peopleBase: baseA, offsetMs: 0, tag: 'a' });
  // the second workspace's rows fall between the first one's newest (7 ms after each)
  await seedActions(db, { workspaceId: b.id, userId: b.adminId, n: Math.max(1, Math.round(actions / 10)), peopleBase: baseB, offsetMs: 7, tag: 'b' });
  await sql`analyze`.execute(db.kysely);
  return { a, b };
}

async function run(kind: BenchDatabase, o: { actions: number; runs: number; warmup: number }, log: (l: string) => void) {
  const { db, drop } = await scratchDatabase(kind);
  let relais: Awaited<ReturnType<typeof openRelais>> | null = null;
  try {
    log(`[${kind}] seeding ${o.actions} actions (+${Math.max(1, Math.round(o.actions / 10))} in a second workspace)…`);
    const t0 = performance.now();
    const { a } = await seedLibrary(db, o.actions);
    const seedSeconds = round((performance.now() - t0) / 1000, 1);
    log(`[${kind}] seeded in ${seedSeconds} s`);

    // the counters the Library reads must match the rows (the trigger keeps them)
    const drift = await sql<{ n: number }>`
      select count(*)::int as n from (
        select workspace_id, status, count(*) as n from actions group by 1, 2
      ) r full join (select * from action_status_counts where n <> 0) c using (workspace_id, status)
      where r.n is distinct from c.n
    `.execute(db.kysely);
    if (drift.rows[0].n !== 0) throw new Error('action_status_counts does not match the actions table');

    relais = await openRelais({ db, config: loadConfig({ ...process.env, LOG_LEVEL: 'silent' }), logger: logger.child({}, { level: 'silent' }) });
    const app = await httpApp(relais);
    const headers = { authorization: `Bearer ${a.adminToken}` };
    const path = '/api/actions?status=pending_approval';
    const expectedPending = (
      await db.kysely.selectFrom('action_status_counts').select('n').where('workspace_id', '=', a.id).where('status', '=', 'pending_approval').executeTakeFirstOrThrow()
    ).n;

    const get = async () => {
      const res = await app.request(path, { headers });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${text.slice(0, 300)}`);
      return text;
    };
    const first = JSON.parse(await get()) as { items: { status: string; id: string }[]; counts: Record<string, number>; nextCursor: string | null };
    if (first.items.length !== 50 || first.items.some((i) => i.status !== 'pending_approval') || !first.nextCursor) throw new Error('unexpected first page');
    if (first.counts.pending_approval !== Number(expectedPending)) throw new Error(`counts.pending_approval ${first.counts.pending_approval} ≠ ${expectedPending}`);
    const ownIds = await db.kysely
      .selectFrom('actions')
      .select('id')
      .where('workspace_id', '=', a.id)
      .where(
        'id',
        'in',
        first.items.map((i) => i.id),
      )
      .execute();
    if (ownIds.length !== 50) throw new Error('the page holds another workspace’s actions');

    await sql`checkpoint`.execute(db.kysely).catch(() => undefined);
    log(`[${kind}] warm-up ${o.warmup}, then ${o.runs} requests…`);
    for (let i = 0; i < o.warmup; i++) await get();
    const samples: number[] = [];
    let bytes = 0;
    const load = os.loadavg()[0];
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < o.runs; i++) {
      const t = performance.now();
      bytes = (await get()).length;
      samples.push(performance.now() - t);
    }
    const cpu = process.cpuUsage(cpu0);
    const r = {
      p50Ms: round(percentile(samples, 50)),
      p95Ms: round(percentile(samples, 95)),
      p99Ms: round(percentile(samples, 99)),
      maxMs: round(Math.max(...samples)),
      requests: o.runs,
      // this process's CPU per request (embedded: the database's too), and the machine's load
      cpuMsPerRequest: round((cpu.user + cpu.system) / 1000 / o.runs),
      loadAvg1m: round(load, 1),
      pageBytes: bytes,
      seedSeconds,
    };
    log(`[${kind}] p50 ${r.p50Ms} ms, p95 ${r.p95Ms} ms, p99 ${r.p99Ms} ms`);
    return r;
  } finally {
    await relais?.close();
    await drop();
  }
}

const bench: Bench = async ({ args, log }) => {
  const o = { actions: Number(arg(args, 'actions') ?? 200_000), runs: Number(arg(args, 'runs') ?? 200), warmup: Number(arg(args, 'warmup') ?? 20) };
  const { result, pass } = await perDatabase(
    args,
    log,
    (kind) => run(kind, o, log),
    (r) => r.p95Ms <= TARGET_P95_MS,
  );
  return { ...result, targetP95Ms: TARGET_P95_MS, actions: o.actions, pass };
};
export default bench;
