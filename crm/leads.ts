import { z } from 'zod';
import { uuidv7 } from '../lib/ids';
import { webAddress } from '../lib/validation';
import { companyEmbedding, companyKey, cosine, foldText } from '../lib/embedding';
import { insertActivities, type NewActivity } from '../db/repositories/activities';
import { insertAuditEntries, type AuditEntry } from '../db/repositories/audit';
import { insertCompanies } from '../db/repositories/companies';
import { companiesHaveEmbedding, findBySirenOrSiret, findOptedOut, matchByName, type MatchHit, type Probe } from '../db/repositories/company-match';
import { insertPeople } from '../db/repositories/people';
import type { NewCompany, NewPerson } from '../db/schema';
import type { Executor } from '../db/repositories/executor';
import type { CrmCtx } from './context';

/** A company found by a source (SIRENE API, offline directory, CSV), before it is known or not. */
export const LeadCandidateSchema = z.object({
  siren: z
    .string()
    .regex(/^\d{9}$/)
    .nullable()
    .optional(),
  siret: z
    .string()
    .regex(/^\d{14}$/)
    .nullable()
    .optional(),
  name: z.string().min(1),
  nafCode: z.string().nullable().optional(),
  nafLabel: z.string().nullable().optional(),
  address: z.string().nullable().optional(),
  postcode: z.string().nullable().optional(),
  communeCode: z.string().nullable().optional(),
  city: z.string().nullable().optional(),
  headcountBand: z.string().nullable().optional(),
  website: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
  phone: z.string().nullable().optional(),
  isNaturalPerson: z.boolean().optional(),
  dirigeants: z
    .array(
      z.object({
        firstName: z.string(),
        lastName: z.string(),
        role: z.string().nullable().optional(),
        email: z.string().nullable().optional(),
        isNaturalPerson: z.boolean().optional(),
        kind: z.enum(['lead', 'contact']).optional(),
      }),
    )
    .default([]),
  source: z.string().default('import'),
  sourceId: z.string().nullable().optional(),
});
export type LeadCandidate = z.input<typeof LeadCandidateSchema>;

export type CandidateOutcome = {
  index: number;
  status: 'created' | 'known';
  companyId: string;
  personIds: string[];
  name: string;
  /** how a known company was recognised */
  matchedBy?: 'siret' | 'siren' | 'similar' | 'batch';
  skippedOptedOut?: number;
};

export type LeadsResult = { created: number; known: number; outcomes: CandidateOutcome[] };

// Measured on 100k generated companies (bench/prospect.ts): a similar name alone, or a less
// similar name (a dropped letter, a glued word) at the same street address, is the same company.
const THRESHOLDS = {
  vector: { name: 0.86, nameAtSameAddress: 0.78 },
  trgm: { name: 0.75, nameAtSameAddress: 0.6 },
} as const;

const isSameCompany = (hit: MatchHit, useVector: boolean) => {
  const t = THRESHOLDS[useVector ? 'vector' : 'trgm'];
  return hit.similarity >= t.name || (hit.sameAddress && hit.similarity >= t.nameAtSameAddress);
};

/**
 * Found companies → companies + their dirigeants as leads, without duplicates: exact SIREN/SIRET
 * first, then the nearest company in the same postcode (pgvector on the hashed n-gram embedding,
 * pg_trgm where the server has no pgvector). All inserts share one transaction.
 */
export async function createLeadsFromCompanies(ctx: CrmCtx, input: LeadCandidate[], opts: { lawfulBasisNote?: string } = {}): Promise<LeadsResult> {
  const candidates = input.map((c) => LeadCandidateSchema.parse(c));
  const { outcomes, rows } = await prepareLeads(ctx, candidates, opts);
  if (rows.companies.length > 0) await ctx.db.transaction().execute((trx) => writeLeadRows(trx, rows));
  return { created: outcomes.filter((o) => o.status === 'created').length, known: outcomes.filter((o) => o.status === 'known').length, outcomes };
}

/** What creating leads writes: companies, their people, timeline and audit. */
export type LeadRows = {
  companies: (NewCompany & { embedding?: string })[];
  people: NewPerson[];
  activities: NewActivity[];
  audits: AuditEntry[];
};

/**
 * createLeadsFromCompanies without the write: the outcomes and the rows to insert, read-only, so a
 * caller (the CSV import) can commit them with its own progress in one short transaction.
 */
export async function prepareLeads(ctx: CrmCtx, candidates: ParsedCandidate[], opts: { lawfulBasisNote?: string } = {}): Promise<{ outcomes: CandidateOutcome[]; rows: LeadRows }> {
  const { outcomes, vectors, useVector } = await matchCandidates(ctx, candidates);
  const rows = await planNew(ctx, candidates, outcomes, vectors, useVector, opts);
  return { outcomes: outcomes as CandidateOutcome[], rows };
}

/** Inserts what prepareLeads planned, inside the caller's transaction. */
export async function writeLeadRows(trx: Executor, rows: LeadRows): Promise<void> {
  if (rows.companies.length === 0) return;
  await insertCompanies(trx, rows.companies);
  await insertPeople(trx, rows.people);
  await insertActivities(trx, rows.activities);
  await insertAuditEntries(trx, rows.audits);
}

export type ParsedCandidate = z.output<typeof LeadCandidateSchema>;

/**
 * Which candidates are already known (and as which company); null = new. Reads only: one query per
 * step for the whole batch. `batch: false` leaves duplicates inside the batch to the caller
 * (markBatchDuplicates over several batches).
 */
export async function matchCandidates(ctx: CrmCtx, candidates: ParsedCandidate[], opts: { batch?: boolean } = {}) {
  const outcomes: (CandidateOutcome | null)[] = candidates.map(() => null);
  // 1. exact identifiers, in one query
  const sirens = [...new Set(candidates.map((c) => c.siren ?? c.siret?.slice(0, 9)).filter((s): s is string => Boolean(s)))];
  const sirets = [...new Set(candidates.map((c) => c.siret).filter((s): s is string => Boolean(s)))];
  const exact = await findBySirenOrSiret(ctx.db, ctx.workspaceId, sirens, sirets);
  const bySiret = new Map(exact.filter((e) => e.siret).map((e) => [e.siret!, e]));
  const bySiren = new Map(exact.filter((e) => e.siren).map((e) => [e.siren!, e]));
  candidates.forEach((c, i) => {
    const hit = (c.siret && bySiret.get(c.siret)) || bySiren.get(c.siren ?? c.siret?.slice(0, 9) ?? '');
    if (hit) outcomes[i] = { index: i, status: 'known', companyId: hit.id, personIds: [], name: hit.name, matchedBy: c.siret && bySiret.get(c.siret) ? 'siret' : 'siren' };
  });

  // 2. the same folded name in the same postcode, then fuzzy neighbours for the rest: one query
  const useVector = await companiesHaveEmbedding(ctx.db);
  const vectors = candidates.map((c) => companyEmbedding(c.name, c.address));
  const probes = candidates.flatMap((c, i): Probe[] =>
    !outcomes[i] && c.postcode ? [{ idx: i, postcode: c.postcode, name: c.name, address: c.address ?? null, vector: vectors[i] }] : [],
  );
  for (const hit of await matchByName(ctx.db, ctx.workspaceId, probes, useVector)) {
    if (hit.exact || isSameCompany(hit, useVector)) {
      outcomes[hit.idx] = { index: hit.idx, status: 'known', companyId: hit.id, personIds: [], name: hit.name, matchedBy: 'similar' };
    }
  }

  // 3. duplicates inside the batch itself: the first one wins (near names compared within a postcode only)
  if (opts.batch !== false) markBatchDuplicates(candidates, vectors, outcomes);

  return { outcomes, vectors, useVector };
}

/** Near-identical candidates of one batch: all but the first are `known` (mutates `outcomes`). */
export function markBatchDuplicates(candidates: ParsedCandidate[], vectors: number[][], outcomes: (CandidateOutcome | null)[]): void {
  const firstOf = new Map<string, number>();
  const firstsIn = new Map<string, number[]>();
  candidates.forEach((c, i) => {
    if (outcomes[i]) return;
    const key = c.siren ?? c.siret?.slice(0, 9) ?? `${c.postcode ?? ''}|${companyKey(c.name)}`;
    const first = firstOf.get(key);
    if (first === undefined) {
      const samePostcode = firstsIn.get(c.postcode ?? '') ?? [];
      const near = samePostcode.find((j) => cosine(vectors[j], vectors[i]) >= THRESHOLDS.vector.name);
      if (near === undefined) {
        firstOf.set(key, i);
        firstsIn.set(c.postcode ?? '', [...samePostcode, i]);
      } else outcomes[i] = { index: i, status: 'known', companyId: '', personIds: [], name: candidates[near].name, matchedBy: 'batch' };
    } else {
      outcomes[i] = { index: i, status: 'known', companyId: '', personIds: [], name: candidates[first].name, matchedBy: 'batch' };
    }
  });
}

/** The rows of the candidates still unmatched, filling in their outcomes (mutates `outcomes`). */
async function planNew(
  ctx: CrmCtx,
  candidates: ParsedCandidate[],
  outcomes: (CandidateOutcome | null)[],
  vectors: number[][],
  useVector: boolean,
  opts: { lawfulBasisNote?: string },
): Promise<LeadRows> {
  const fresh = candidates.map((c, i) => ({ c, i })).filter(({ i }) => !outcomes[i]);
  const optedOut = fresh.length ? await findOptedOut(ctx.db, ctx.workspaceId) : [];
  const blockedEmails = new Set(optedOut.map((o) => o.email?.toLowerCase()).filter(Boolean));
  const blockedNames = new Set(optedOut.map((o) => `${o.siren ?? ''}|${foldText(o.first_name)}|${foldText(o.last_name)}`));

  // 4. companies, people, timeline and audit, for one transaction
  const rows: LeadRows = { companies: [], people: [], activities: [], audits: [] };
  const { companies, people, activities, audits } = rows;
  if (fresh.length > 0) {
    const now = new Date();
    for (const { c, i } of fresh) {
      const companyId = uuidv7();
      const siren = c.siren ?? c.siret?.slice(0, 9) ?? null;
      companies.push({
        id: companyId,
        workspace_id: ctx.workspaceId,
        name: c.name,
        siren,
        siret: c.siret ?? null,
        naf_code: c.nafCode ?? null,
        naf_label: c.nafLabel ?? null,
        address: c.address ?? null,
        postcode: c.postcode ?? null,
        commune_code: c.communeCode ?? null,
        city: c.city ?? null,
        headcount_band: c.headcountBand ?? null,
        website: webAddress(c.website),
        source: c.source,
        source_id: c.sourceId ?? null,
        ...(useVector ? { embedding: `[${vectors[i].join(',')}]` } : {}),
      });
      activities.push({
        workspaceId: ctx.workspaceId,
        subjectType: 'company',
        subjectId: companyId,
        kind: 'created',
        actor: ctx.actor,
        summary: c.name,
        data: { source: c.source },
        occurredAt: now,
      });
      audits.push({ workspaceId: ctx.workspaceId, actor: ctx.actor, action: 'company.created', subjectType: 'company', subjectId: companyId, data: { source: c.source, siren } });
      const personIds: string[] = [];
      let skipped = 0;
      const dirigeants = c.dirigeants.length > 0 ? c.dirigeants : [];
      for (const d of dirigeants) {
        const email = (d.email ?? (dirigeants.length === 1 ? c.email : null))?.toLowerCase() ?? null;
        if ((email && blockedEmails.has(email)) || blockedNames.has(`${siren ?? ''}|${foldText(d.firstName)}|${foldText(d.lastName)}`)) {
          skipped++;
          continue;
        }
        const personId = uuidv7();
        personIds.push(personId);
        const note =
          opts.lawfulBasisNote ?? `Prospection B2B (intérêt légitime) : message en lien avec l’activité « ${c.nafLabel ?? c.nafCode ?? 'professionnelle'} » de l’entreprise.`;
        people.push({
          id: personId,
          workspace_id: ctx.workspaceId,
          company_id: companyId,
          kind: d.kind ?? 'lead',
          first_name: d.firstName,
          last_name: d.lastName,
          role: d.role ?? null,
          email,
          phone: c.phone ?? null,
          source: c.source,
          lawful_basis: 'legitimate_interest',
          lawful_basis_note: note,
          is_natural_person: d.isNaturalPerson ?? c.isNaturalPerson ?? false,
          last_inbound_at: null,
          opted_out_at: null,
        });
        activities.push({
          workspaceId: ctx.workspaceId,
          subjectType: 'person',
          subjectId: personId,
          kind: 'created',
          actor: ctx.actor,
          summary: `${d.firstName} ${d.lastName}`,
          data: { source: c.source, kind: 'lead' },
          occurredAt: now,
        });
      }
      outcomes[i] = { index: i, status: 'created', companyId, personIds, name: c.name, ...(skipped ? { skippedOptedOut: skipped } : {}) };
    }
  }
  return rows;
}
