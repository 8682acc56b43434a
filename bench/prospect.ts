import { sql } from 'kysely';
import { uuidv7 } from '../lib/ids';
import { companyEmbedding } from '../lib/embedding';
import { parseIntent } from '../france/intent/parse-intent';
import { createLeadsFromCompanies, type LeadCandidate } from '../crm/leads';
import { createWorkspaceWithTokens } from '../test/support/context';
import type { Bench } from './run';
import { round, scratchDatabase, type BenchDatabase } from './support';

const TRADES = ['Rénovation', 'Plomberie', 'Toitures', 'Menuiserie', 'Électricité', 'Peinture', 'Cabinet', 'Agence', 'Isolation', 'Maçonnerie'];
const PLACES = ['Bellecour', 'Part-Dieu', 'Croix-Rousse', 'Confluence', 'Vaise', 'Monplaisir', 'Gerland', 'Brotteaux', 'Fourvière', 'Guillotière'];
const STREETS = ['rue de la République', 'avenue Jean Jaurès', 'cours Lafayette', 'quai Perrache', 'rue Garibaldi', 'boulevard des Belges'];

function company(i: number) {
  const name = `${TRADES[i % 10]} ${PLACES[Math.floor(i / 10) % 10]} ${Math.floor(i / 100)}`;
  const postcode = String(69001 + (i % 9)).padStart(5, '0');
  return { name, postcode, address: `${(i % 120) + 1} ${STREETS[i % STREETS.length]}` };
}

/** Intent parsing throughput on one core, indexes built once before timing. */
function intentThroughput() {
  const requests = [
    'trouve des entreprises de rénovation à Lyon', 'agence immo a st etienne', 'plombiers Paris 15e', 'experts-comptables dans le Rhône',
    'find 10 roofers in Bordeaux', 'couvreurs zingueurs en Haute-Savoie', 'chauffagistes en Bretagne', 'syndics au Havre', 'boulangeries lyon 7',
    'rénovation énergétique à Grenoble, 20 entreprises de plus de 10 salariés', 'dentists in Nantes', 'coiffeurs à Marseille 8e',
  ];
  for (const r of requests) parseIntent(r); // builds the resolver indexes
  const n = 20_000;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) parseIntent(requests[i % requests.length] + (i % 3 === 0 ? '' : ' svp'));
  const ms = performance.now() - t0;
  return { requests: n, requestsPerSecond: Math.round((n / ms) * 1000) };
}

/** 1,000 candidates (half already known under slightly different names) against 100k known. */
async function dedupe(kind: BenchDatabase, log: (l: string) => void) {
  const { db, drop } = await scratchDatabase(kind);
  try {
    const ws = await createWorkspaceWithTokens(db, 'Bench');
    log(`${kind}: inserting 100k known companies…`);
    const vector = db.vector;
    for (let k = 0; k < 100_000; k += 2000) {
      const rows = Array.from({ length: 2000 }, (_, j) => {
        const c = company(k + j);
        return { id: uuidv7(), workspace_id: ws.id, name: c.name, postcode: c.postcode, address: c.address, source: 'bench', ...(vector ? { embedding: `[${companyEmbedding(c.name, c.address).join(',')}]` } : {}) };
      });
      await db.kysely.insertInto('companies').values(rows as never).execute();
    }
    await sql`analyze companies`.execute(db.kysely);
    const candidates: LeadCandidate[] = Array.from({ length: 1000 }, (_, i) => {
      const known = i % 2 === 0;
      const c = company(known ? i * 97 : 200_000 + i);
      return { name: known ? c.name.toUpperCase() + ' SARL' : c.name, postcode: c.postcode, address: c.address, source: 'bench', dirigeants: [{ firstName: 'Alex', lastName: `Martin${i}` }] };
    });
    const ctx = { db: db.kysely, workspaceId: ws.id, actor: { type: 'teammate' as const, id: 'bench' } };
    const t0 = performance.now();
    const r = await createLeadsFromCompanies(ctx, candidates);
    const ms = performance.now() - t0;
    log(`${kind}: ${r.created} new, ${r.known} known in ${Math.round(ms)} ms`);
    return { ms: round(ms, 0), created: r.created, known: r.known, similarity: vector ? 'pgvector' : 'pg_trgm' };
  } finally {
    await drop();
  }
}

const bench: Bench = async ({ log }) => {
  const intent = intentThroughput();
  log(`intent: ${intent.requestsPerSecond} requests/s`);
  const embedded = await dedupe('embedded', log);
  let server: Awaited<ReturnType<typeof dedupe>> | { error: string };
  try {
    server = await dedupe('server', log);
  } catch (err) {
    server = { error: String(err) };
  }
  return { intentRequestsPerSecond: intent.requestsPerSecond, intentRequests: intent.requests, dedupe1000vs100k: { embedded, server } };
};
export default bench;
