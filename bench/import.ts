import os from 'node:os';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../db/connection';
import { companyEmbedding } from '../lib/embedding';
import { uuidv7 } from '../lib/ids';
import { loadConfig } from '../lib/config';
import { logger } from '../lib/log';
import { httpApp, openRelais } from '../server/root';
import { createWorkspaceWithTokens } from '../test/support/context';
import { arg, perDatabase } from './options';
import { company, variant } from './prospect';
import type { Bench } from './run';
import { percentile, round, scratchDatabase, type BenchDatabase } from './support';

// `npm run bench -- import [--database embedded|server|both] [--rows 1500] [--known 100000] [--postcodes N] [--no-analyze] --json`
// A CSV import through the API (POST /api/import/csv, then GET /api/imports/{id} until it ends when
// it runs as a job) into a workspace of 100k companies built like bench/prospect.ts's, while
// /health is asked 25 ms after each answer. Half the rows are known companies under a variant of their name.
// `--postcodes N` packs everything into N postcodes of Lyon (a regional book: dense name blocks);
// `--no-analyze` leaves the planner without statistics, as an embedded database (no autovacuum) is.
// Targets: the import ≤ 5 s, /health p99 ≤ 1 s during it.
const TARGET_MS = 5000;
const HEALTH_TARGET_MS = 1000;
const NEW_SURNAMES = ['Barbier', 'Arnaud', 'Martel', 'Brunet', 'Schmitt', 'Colin', 'Vidal', 'Caron', 'Picard', 'Roger', 'Lemoine', 'Renard'];

const Report = z.object({ companies: z.object({ created: z.number(), merged: z.number() }), people: z.object({ created: z.number(), merged: z.number() }) });
const Accepted = z.object({ id: z.string() });
const Status = z.object({ status: z.string(), report: Report.nullable().optional() });

type Options = { rows: number; known: number; postcodes: number | null; analyze: boolean };

/** bench/prospect.ts's company i, moved into one of `postcodes` postcodes when asked. */
function companyAt(i: number, o: Options, surnames?: string[]) {
  const c = company(i, surnames);
  return o.postcodes ? { ...c, postcode: `690${String(i % o.postcodes).padStart(2, '0')}` } : c;
}

async function seedKnown(db: Db, workspaceId: string, o: Options) {
  const n = o.known;
  for (let k = 0; k < n; k += 2000) {
    const rows = Array.from({ length: Math.min(2000, n - k) }, (_, j) => {
      const c = companyAt(k + j, o);
      return {
        id: uuidv7(),
        workspace_id: workspaceId,
        name: c.name,
        postcode: c.postcode,
        address: c.address,
        source: 'bench',
        ...(db.vector ? { embedding: `[${companyEmbedding(c.name, c.address).join(',')}]` } : {}),
      };
    });
    await db.kysely
      .insertInto('companies')
      .values(rows as never)
      .execute();
  }
  if (o.analyze) await sql`analyze companies`.execute(db.kysely);
}

function csvFile(o: Options): string {
  const lines = ['Raison sociale;Code postal;Adresse;Prénom;Nom;E-mail'];
  for (let i = 0; i < o.rows; i++) {
    const isKnown = i % 2 === 0;
    const c = isKnown ? companyAt((i * 61) % o.known, o) : companyAt(300_000 + i, o, NEW_SURNAMES);
    const name = isKnown ? variant(c.name, i / 2) : c.name;
    lines.push(`${name};${c.postcode};${c.address};Alex;Martin${i};alex.martin${i}@exemple.fr`);
  }
  return lines.join('\r\n');
}

async function run(kind: BenchDatabase, o: Options, log: (l: string) => void) {
  const { db, drop } = await scratchDatabase(kind);
  let relais: Awaited<ReturnType<typeof openRelais>> | null = null;
  try {
    const ws = await createWorkspaceWithTokens(db, 'Bench');
    log(`[${kind}] inserting ${o.known} known companies…`);
    await seedKnown(db, ws.id, o);
    await sql`checkpoint`.execute(db.kysely).catch(() => undefined);
    relais = await openRelais({ db, config: loadConfig({ ...process.env, LOG_LEVEL: 'silent' }), logger: logger.child({}, { level: 'silent' }) });
    const app = await httpApp(relais);
    // as `npm start` does: the background jobs in this process
    relais.startWorker({ jobs: 'all,-dispatch' });
    const auth = { authorization: `Bearer ${ws.adminToken}` };
    const body = csvFile(o);

    // /health, one request at a time, every 25 ms until the import ends
    const health: number[] = [];
    let importing = true;
    // timed from when the request was due, not when it left: the embedded database runs in this
    // process, so a long query also holds back the timer that sends the next request
    const poller = (async () => {
      let due = performance.now();
      while (importing) {
        const res = await app.request('/health');
        await res.text();
        const end = performance.now();
        health.push(end - due);
        due = end + 25;
        await new Promise((r) => setTimeout(r, 25));
      }
    })();

    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    let report: z.infer<typeof Report> | null = null;
    let mode: 'sync' | 'job' = 'sync';
    try {
      const res = await app.request('/api/import/csv', { method: 'POST', headers: { ...auth, 'content-type': 'text/csv' }, body });
      const answer: unknown = await res.json();
      if (res.status === 200) report = Report.parse(answer);
      else if (res.status === 202) {
        mode = 'job';
        const { id } = Accepted.parse(answer);
        for (;;) {
          await new Promise((r) => setTimeout(r, 50));
          const s = Status.parse(await (await app.request(`/api/imports/${id}`, { headers: auth })).json());
          if (s.status === 'failed') throw new Error('the import failed');
          if (s.status === 'done') {
            report = s.report ?? null;
            break;
          }
        }
      } else throw new Error(`import answered ${res.status}: ${JSON.stringify(answer).slice(0, 200)}`);
    } finally {
      importing = false;
      await poller;
    }
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    const result = {
      ms: round(ms, 0),
      // this process's CPU over the import (on the embedded database it runs PGlite too), and the
      // machine's load: on a shared machine, wall time alone says little
      cpuSeconds: round((cpu.user + cpu.system) / 1e6),
      loadAvg1m: round(os.loadavg()[0]),
      mode,
      rows: o.rows,
      companiesCreated: report?.companies.created ?? null,
      companiesMerged: report?.companies.merged ?? null,
      expectedMerged: Math.ceil(o.rows / 2),
      healthP50Ms: round(percentile(health, 50)),
      healthP99Ms: round(percentile(health, 99)),
      healthMaxMs: round(Math.max(...health)),
      healthRequests: health.length,
    };
    log(`[${kind}] ${JSON.stringify(result)}`);
    return result;
  } finally {
    await relais?.close();
    await drop();
  }
}

const bench: Bench = async ({ args, log }) => {
  const postcodes = arg(args, 'postcodes');
  const o: Options = {
    rows: Number(arg(args, 'rows') ?? 1500),
    known: Number(arg(args, 'known') ?? 100_000),
    postcodes: postcodes ? Number(postcodes) : null,
    analyze: !args.includes('--no-analyze'),
  };
  const { result, pass } = await perDatabase(
    args,
    log,
    (kind) => run(kind, o, log),
    (r) => r.ms <= TARGET_MS && r.healthP99Ms <= HEALTH_TARGET_MS,
  );
  return { ...o, ...result, targetMs: TARGET_MS, healthTargetMs: HEALTH_TARGET_MS, pass };
};
export default bench;
