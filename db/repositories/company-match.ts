import { sql } from 'kysely';
import type { Executor } from './executor';

// Dedupe look-ups, batched: one round trip for exact ids, one for names (same key, then fuzzy neighbours).
const hasEmbedding = new WeakMap<object, boolean>();

/** Whether companies.embedding exists here (pgvector installed when the schema was made). */
export async function companiesHaveEmbedding(db: Executor): Promise<boolean> {
  const known = hasEmbedding.get(db);
  if (known !== undefined) return known;
  const r = await sql<{ ok: number }>`
    select 1 as ok from information_schema.columns
    where table_schema = current_schema() and table_name = 'companies' and column_name = 'embedding'`.execute(db);
  hasEmbedding.set(db, r.rows.length > 0);
  return r.rows.length > 0;
}

export function findBySirenOrSiret(db: Executor, workspaceId: string, sirens: string[], sirets: string[]) {
  if (sirens.length === 0 && sirets.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('companies')
    .select(['id', 'siren', 'siret', 'name'])
    .where('workspace_id', '=', workspaceId)
    .where((eb) => eb.or([eb('siren', 'in', sirens.length ? sirens : ['']), eb('siret', 'in', sirets.length ? sirets : [''])]))
    .execute();
}

export type Probe = { idx: number; postcode: string; name: string; address: string | null; vector: number[] | null };
export type MatchHit = { idx: number; id: string; name: string; similarity: number; sameAddress: boolean };

export type NameHit = MatchHit & { exact: boolean };

/**
 * What a batch of candidates may be, in one query: for each probe, the company with the same
 * folded name (company_name_key) in the same postcode — the common "known again" case, `exact` —
 * else the nearest company of its postcode among those whose folded name shares a blocking token
 * and trigrams with the candidate's, ranked by embedding (pgvector) or trigram similarity, with
 * whether its street address is the same. The probes' keys, tokens and vectors are computed once
 * each (materialized), never once per compared row: with a key recomputed per row, 200 probes
 * took 6 s on 6,500 companies of the embedded database whenever its planner had no statistics
 * (PGlite has no autovacuum), against milliseconds here.
 */
export async function matchByName(db: Executor, workspaceId: string, probes: Probe[], useVector: boolean): Promise<NameHit[]> {
  if (probes.length === 0) return [];
  const idx = probes.map((p) => p.idx);
  const postcodes = probes.map((p) => p.postcode);
  const names = probes.map((p) => p.name);
  const addresses = probes.map((p) => p.address ?? '');
  const vecs = probes.map((p) => `[${(p.vector ?? []).join(',')}]`);
  const nearest = useVector
    ? sql`
      select id, name, address, 1 - (embedding <=> r.vec) as similarity
      from companies
      where name_tokens && r.tokens and workspace_id = ${workspaceId} and name_key % r.key and embedding is not null
      order by embedding <=> r.vec
      limit 1`
    : sql`
      select id, name, address, similarity(name_key, r.key) as similarity
      from companies
      where name_tokens && r.tokens and workspace_id = ${workspaceId} and name_key % r.key
      order by similarity(name_key, r.key) desc
      limit 1`;
  // the vectors travel as text, cast once (and only where pgvector is installed)
  const vec = useVector ? sql`vec::vector` : sql`null`;
  const r = await sql<NameHit>`
    with c as materialized (
      select idx, postcode, ${vec} as vec, company_name_key(name) as key, company_name_key(address) as address_key
      from unnest(${idx}::int[], ${postcodes}::text[], ${vecs}::text[], ${names}::text[], ${addresses}::text[]) as u(idx, postcode, vec, name, address)
    ),
    exact as materialized (
      select c.idx, k.id, k.name
      from c
      cross join lateral (
        select id, name from companies
        where workspace_id = ${workspaceId} and name_key = c.key and postcode = c.postcode
        limit 1
      ) k
    ),
    r as materialized (
      select c.*, company_name_tokens(c.postcode, c.key) as tokens
      from c
      where not exists (select 1 from exact e where e.idx = c.idx)
    )
    select idx, id, name, 1::float8 as similarity, false as "sameAddress", true as exact from exact
    union all
    select r.idx, k.id, k.name, k.similarity, (r.address_key <> '' and company_name_key(k.address) = r.address_key) as "sameAddress", false as exact
    from r
    cross join lateral (${nearest}) k`.execute(db);
  return r.rows;
}

/** Opted-out people are never re-created: match them by email, or by name within a SIREN. */
export function findOptedOut(db: Executor, workspaceId: string) {
  return db
    .selectFrom('people as p')
    .leftJoin('companies as c', 'c.id', 'p.company_id')
    .select(['p.email', 'p.first_name', 'p.last_name', 'c.siren'])
    .where('p.workspace_id', '=', workspaceId)
    .where('p.opted_out_at', 'is not', null)
    .execute();
}
