import { sql } from 'kysely';
import type { Executor } from './executor';

// Dedupe look-ups, batched: one round trip for exact ids, one for fuzzy neighbours.
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

/** Same folded name (company_name_key) in the same postcode: the common "known again" case. */
export async function sameNameKey(db: Executor, workspaceId: string, probes: Probe[]): Promise<MatchHit[]> {
  if (probes.length === 0) return [];
  const r = await sql<MatchHit>`
    select c.idx, k.id, k.name, 1::float8 as similarity, false as "sameAddress"
    from unnest(${probes.map((p) => p.idx)}::int[], ${probes.map((p) => p.postcode)}::text[], ${probes.map((p) => p.name)}::text[]) as c(idx, postcode, name)
    cross join lateral (
      select id, name from companies
      where workspace_id = ${workspaceId} and name_key = company_name_key(c.name) and postcode = c.postcode
      limit 1
    ) k`.execute(db);
  return r.rows;
}

/**
 * Nearest known company in the same postcode among those whose folded name shares trigrams with
 * the candidate's, ranked by embedding (pgvector) or by trigram similarity, with whether its
 * street address is the same. The probes' keys and vectors are computed once each
 * (materialized), not once per compared row: that is most of the cost on 100k companies.
 */
export async function nearestInPostcode(db: Executor, workspaceId: string, probes: Probe[], useVector: boolean): Promise<MatchHit[]> {
  if (probes.length === 0) return [];
  const idx = probes.map((p) => p.idx);
  const postcodes = probes.map((p) => p.postcode);
  const names = probes.map((p) => p.name);
  const addresses = probes.map((p) => p.address ?? '');
  if (useVector) {
    const vecs = probes.map((p) => `[${(p.vector ?? []).join(',')}]`);
    const r = await sql<MatchHit>`
      with c as materialized (
        select idx, postcode, vec, company_name_key(name) as key, company_name_tokens(postcode, company_name_key(name)) as tokens, company_name_key(address) as address_key
        from unnest(${idx}::int[], ${postcodes}::text[], ${vecs}::vector[], ${names}::text[], ${addresses}::text[]) as u(idx, postcode, vec, name, address)
      )
      select c.idx, k.id, k.name, k.similarity, (c.address_key <> '' and company_name_key(k.address) = c.address_key) as "sameAddress"
      from c
      cross join lateral (
        select id, name, address, 1 - (embedding <=> c.vec) as similarity
        from companies
        where name_tokens && c.tokens and workspace_id = ${workspaceId} and name_key % c.key and embedding is not null
        order by embedding <=> c.vec
        limit 1
      ) k`.execute(db);
    return r.rows;
  }
  const r = await sql<MatchHit>`
    with c as materialized (
      select idx, postcode, company_name_key(name) as key, company_name_tokens(postcode, company_name_key(name)) as tokens, company_name_key(address) as address_key
      from unnest(${idx}::int[], ${postcodes}::text[], ${names}::text[], ${addresses}::text[]) as u(idx, postcode, name, address)
    )
    select c.idx, k.id, k.name, k.similarity, (c.address_key <> '' and company_name_key(k.address) = c.address_key) as "sameAddress"
    from c
    cross join lateral (
      select id, name, address, similarity(name_key, c.key) as similarity
      from companies
      where name_tokens && c.tokens and workspace_id = ${workspaceId} and name_key % c.key
      order by similarity(name_key, c.key) desc
      limit 1
    ) k`.execute(db);
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
