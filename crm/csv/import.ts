import type { Kysely } from 'kysely';
import { z } from 'zod';
import { foldText } from '../../lib/embedding';
import { uuidv7 } from '../../lib/ids';
import type { Logger } from '../../lib/log';
import { notFound } from '../../lib/errors';
import { appendAudit } from '../../db/repositories/audit';
import { advanceImport, findImport, findImportForJob, finishImport, insertImport, knownPersonEmails, listImports, markImportRunning } from '../../db/repositories/imports';
import { insertPeople } from '../../db/repositories/people';
import type { JobQueue } from '../../db/jobs/queue';
import type { Database, NewPerson } from '../../db/schema';
import { isValidSiren, isValidSiret } from '../../france/siren';
import type { CrmCtx } from '../context';
import { LeadCandidateSchema, markBatchDuplicates, matchCandidates, prepareLeads, writeLeadRows, type CandidateOutcome, type LeadRows, type ParsedCandidate } from '../leads';
import { csvImportJob } from './jobs';
import { decodeCsv, parseCsv } from './parse';
import { unstorable, webAddress } from '../../lib/validation';
import { MAX_LENGTH, mapHeader, parseFrenchDate, type Column } from './columns';

/** A line left out, and why (naming the column when one is at fault). */
export const RejectionSchema = z.object({ line: z.number().int(), field: z.string().nullable(), reason: z.string() });
export type Rejection = z.infer<typeof RejectionSchema>;
const CountsSchema = z.object({ created: z.number().int(), merged: z.number().int() });
export const ImportReportSchema = z.object({
  dryRun: z.boolean(),
  encoding: z.string(),
  separator: z.string(),
  rows: z.number().int(),
  companies: CountsSchema,
  people: CountsSchema,
  rejected: z.array(RejectionSchema),
  unknownColumns: z.array(z.string()),
});
export type ImportReport = z.infer<typeof ImportReportSchema>;

const RowPersonSchema = z.object({
  firstName: z.string(),
  lastName: z.string(),
  role: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  kind: z.enum(['lead', 'contact']),
});
type RowPerson = z.infer<typeof RowPersonSchema>;

const email = z.email();

function normalizeNaf(v: string): string | null {
  const m = /^(\d{2})\.?(\d{2})([A-Za-z])$/.exec(v.trim());
  return m ? `${m[1]}.${m[2]}${m[3].toUpperCase()}` : null;
}

/** One row → its company and/or person, or the reason it is rejected (naming the column). */
function readRow(get: (c: Column) => string): { company: ParsedCandidate | null; person: RowPerson | null } | Rejection {
  const fail = (field: string | null, reason: string): Rejection => ({ line: 0, field, reason });
  for (const column of Object.keys(MAX_LENGTH) as Column[]) {
    const cell = get(column);
    if (cell.length > MAX_LENGTH[column]) return fail(column, `cellule trop longue (${cell.length} caractères, ${MAX_LENGTH[column]} au plus)`);
    if (unstorable(cell)) return fail(column, 'caractère impossible à enregistrer (NUL)');
  }
  const siren = get('siren').replace(/\s/g, '');
  const siret = get('siret').replace(/\s/g, '');
  if (siren && !isValidSiren(siren)) return fail('siren', 'SIREN invalide (9 chiffres, clé de contrôle)');
  if (siret && !isValidSiret(siret)) return fail('siret', 'SIRET invalide (14 chiffres, clé de contrôle)');
  const postcode = get('postcode').replace(/\s/g, '');
  if (postcode && !/^\d{5}$/.test(postcode)) return fail('postcode', 'code postal invalide (5 chiffres)');
  const nafRaw = get('nafCode');
  const naf = nafRaw ? normalizeNaf(nafRaw) : null;
  if (nafRaw && !naf) return fail('nafCode', 'code NAF invalide (ex. 43.34Z)');
  const created = get('createdOn');
  if (created && !parseFrenchDate(created)) return fail('createdOn', `date invalide « ${created} » (jj/mm/aaaa)`);
  const mail = get('email').toLowerCase();
  if (mail && !email.safeParse(mail).success) return fail('email', `adresse e-mail invalide « ${mail} »`);
  const firstName = get('firstName');
  const lastName = get('lastName');
  const name = get('companyName');
  const person: RowPerson | null =
    firstName || lastName || mail
      ? { firstName, lastName, role: get('role') || null, email: mail || null, phone: get('phone') || null, kind: /contact|client/i.test(get('kind')) ? 'contact' : 'lead' }
      : null;
  if (!name && !siren && !siret && !person) return fail(null, 'ligne sans entreprise ni personne');
  if (!name && (siren || siret)) return fail('companyName', 'raison sociale manquante');
  const company: ParsedCandidate | null = name
    ? LeadCandidateSchema.parse({
        name,
        siren: siren || (siret ? siret.slice(0, 9) : null),
        siret: siret || null,
        nafCode: naf,
        nafLabel: get('nafLabel') || null,
        address: get('address') || null,
        postcode: postcode || null,
        city: get('city') || null,
        website: webAddress(get('website')), // http(s) or nothing
        source: 'import',
        dirigeants: [],
      })
    : null;
  return { company, person };
}

/**
 * What an import does, stored with it (imports.plan) so its job can resume: one item per company
 * (with its people, from all its lines) or per person without a company; `lines` = how many CSV
 * lines the item stands for (the progress counts lines).
 */
const PlanItemSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('company'), company: LeadCandidateSchema, lines: z.number().int().min(1) }),
  z.object({ kind: z.literal('person'), person: RowPersonSchema, lines: z.literal(1) }),
]);
type PlanItem = z.infer<typeof PlanItemSchema>;
const PlanSchema = z.object({ items: z.array(PlanItemSchema) });

/**
 * Items per chunk: each chunk is matched with one query per step and committed in one transaction,
 * short enough (well under a second on the embedded database, whose single session every other
 * request waits for) and a unit of resumption.
 */
export const IMPORT_CHUNK = 100;

type Counts = { companies: { created: number; merged: number }; people: { created: number; merged: number } };

/** The file → its report so far (encoding, rejected lines, unknown columns) and the items to import. Pure. */
function planImport(bytes: Uint8Array, dryRun: boolean): { report: ImportReport; items: PlanItem[] } {
  const { text, encoding } = decodeCsv(bytes);
  const { separator, rows } = parseCsv(text);
  const report: ImportReport = {
    dryRun,
    encoding,
    separator,
    rows: Math.max(0, rows.length - 1),
    companies: { created: 0, merged: 0 },
    people: { created: 0, merged: 0 },
    rejected: [],
    unknownColumns: [],
  };
  if (rows.length === 0) return { report, items: [] };
  const { columns, unknown } = mapHeader(rows[0].cells);
  // the report is stored (jsonb), which cannot hold a NUL
  report.unknownColumns = unknown.map((u) => u.replaceAll('\u0000', '\uFFFD'));
  if (!columns.includes('companyName') && !columns.includes('lastName') && !columns.includes('email')) {
    report.rejected.push({ line: rows[0].line, field: null, reason: 'en-tête non reconnu : il faut au moins « Raison sociale », « Nom » ou « E-mail »' });
    return { report, items: [] };
  }

  // group rows by company so one company with three people is one candidate
  const companies = new Map<string, { company: ParsedCandidate; lines: number }>();
  const loosePeople: RowPerson[] = [];
  for (const row of rows.slice(1)) {
    const get = (c: Column) => (row.cells[columns.indexOf(c)] ?? '').trim();
    const r = readRow(get);
    if ('reason' in r) {
      report.rejected.push({ ...r, line: row.line });
      continue;
    }
    if (r.company) {
      const key = r.company.siren ?? `${r.company.postcode ?? ''}|${foldText(r.company.name)}`;
      const c = companies.get(key) ?? { company: r.company, lines: 0 };
      c.lines++;
      if (r.person) c.company.dirigeants.push({ ...r.person, role: r.person.role ?? undefined, email: r.person.email ?? undefined });
      companies.set(key, c);
    } else if (r.person) loosePeople.push(r.person);
  }
  const items: PlanItem[] = [
    ...[...companies.values()].map((c): PlanItem => ({ kind: 'company', company: c.company, lines: c.lines })),
    ...loosePeople.map((person): PlanItem => ({ kind: 'person', person, lines: 1 })),
  ];
  return { report, items };
}

/**
 * The counts of a chunk once matched, and the people it adds to known companies (or to none): a
 * known company's people, and people without a company, are merged by e-mail address.
 */
async function tally(ctx: CrmCtx, items: PlanItem[], candidates: ParsedCandidate[], outcomes: (CandidateOutcome | null)[]) {
  const counts: Counts = { companies: { created: 0, merged: 0 }, people: { created: 0, merged: 0 } };
  const emails = new Set<string>();
  candidates.forEach((c, i) => {
    if (outcomes[i]?.status === 'known') for (const d of c.dirigeants) if (d.email) emails.add(d.email);
  });
  for (const it of items) if (it.kind === 'person' && it.person.email) emails.add(it.person.email);
  const existing = await knownPersonEmails(ctx.db, ctx.workspaceId, [...emails]);
  const mergedPeople: { companyId: string | null; person: RowPerson }[] = [];
  candidates.forEach((c, i) => {
    const o = outcomes[i];
    if (o?.status !== 'known') {
      counts.companies.created++;
      counts.people.created += c.dirigeants.length;
      return;
    }
    counts.companies.merged++;
    for (const d of c.dirigeants) {
      if (d.email && existing.has(d.email)) counts.people.merged++;
      else if (o.companyId)
        mergedPeople.push({
          companyId: o.companyId,
          person: { firstName: d.firstName, lastName: d.lastName, role: d.role ?? null, email: d.email ?? null, phone: null, kind: d.kind ?? 'lead' },
        });
    }
  });
  for (const it of items) {
    if (it.kind !== 'person') continue;
    if (it.person.email && existing.has(it.person.email)) counts.people.merged++;
    else mergedPeople.push({ companyId: null, person: it.person });
  }
  counts.people.created += mergedPeople.length;
  return { counts, mergedPeople };
}

const companiesOf = (items: PlanItem[]) => items.flatMap((it) => (it.kind === 'company' ? [it.company] : []));
const chunksOf = (items: PlanItem[]) => Array.from({ length: Math.ceil(items.length / IMPORT_CHUNK) }, (_, k) => items.slice(k * IMPORT_CHUNK, (k + 1) * IMPORT_CHUNK));
const linesOf = (items: PlanItem[]) => items.reduce((n, it) => n + it.lines, 0);

function addCounts(report: ImportReport, c: Counts): ImportReport {
  return {
    ...report,
    companies: { created: report.companies.created + c.companies.created, merged: report.companies.merged + c.companies.merged },
    people: { created: report.people.created + c.people.created, merged: report.people.merged + c.people.merged },
  };
}

/**
 * The dry run: what an import would create, merge or reject, writing nothing. Matched chunk by
 * chunk (short queries), duplicates inside the file found over the whole file.
 */
async function dryRun(ctx: CrmCtx, report: ImportReport, items: PlanItem[]): Promise<ImportReport> {
  const candidates = companiesOf(items);
  const outcomes: (CandidateOutcome | null)[] = [];
  const vectors: number[][] = [];
  for (let k = 0; k < candidates.length; k += IMPORT_CHUNK) {
    const part = await matchCandidates(ctx, candidates.slice(k, k + IMPORT_CHUNK), { batch: false });
    outcomes.push(...part.outcomes);
    vectors.push(...part.vectors);
  }
  markBatchDuplicates(candidates, vectors, outcomes);
  let out = report;
  let at = 0;
  for (const chunk of chunksOf(items)) {
    const n = companiesOf(chunk).length;
    out = addCounts(out, (await tally(ctx, chunk, candidates.slice(at, at + n), outcomes.slice(at, at + n))).counts);
    at += n;
  }
  return out;
}

export const ImportStatusSchema = z.enum(['queued', 'running', 'done', 'failed']);
/** An import as the API and the Portal show it: progress in CSV lines, the report once it is done. */
export const ImportStateSchema = z.object({
  id: z.uuid(),
  status: ImportStatusSchema,
  progress: z.object({ linesDone: z.number().int(), linesTotal: z.number().int() }),
  report: ImportReportSchema.nullable(),
  error: z.string().nullable(),
  createdAt: z.iso.datetime(),
  finishedAt: z.iso.datetime().nullable(),
});
export type ImportState = z.infer<typeof ImportStateSchema>;

type StoredImport = NonNullable<Awaited<ReturnType<typeof findImport>>>;
function toState(row: StoredImport): ImportState {
  const status = ImportStatusSchema.parse(row.status);
  return {
    id: row.id,
    status,
    progress: { linesDone: row.rows_done, linesTotal: row.rows_total },
    report: status === 'done' ? ImportReportSchema.parse(row.report) : null,
    error: row.error,
    createdAt: row.created_at.toISOString(),
    finishedAt: row.finished_at?.toISOString() ?? null,
  };
}

/** The dry run of a CSV import: what it would create, merge or reject (a malformed row by its line number), writing nothing. */
export async function previewCsvImport(ctx: CrmCtx, bytes: Uint8Array): Promise<ImportReport> {
  const { report, items } = planImport(bytes, true);
  return dryRun(ctx, report, items);
}

/**
 * A CSV import, stored and handed to a job (runImport) that commits it chunk by chunk: its state
 * is returned at once (done already when the file has nothing to import).
 */
export async function startCsvImport(ctx: CrmCtx, bytes: Uint8Array): Promise<ImportState> {
  const { report, items } = planImport(bytes, false);
  const id = uuidv7();
  const chunksTotal = Math.ceil(items.length / IMPORT_CHUNK);
  await ctx.db.transaction().execute(async (trx) => {
    await insertImport(trx, {
      id,
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      plan: { items },
      report,
      rowsTotal: report.rows,
      // rejected lines are done already (line 1 is the header)
      rowsDone: report.rejected.filter((r) => r.line > 1).length,
      chunksTotal,
    });
    if (chunksTotal === 0) await finishImport(trx, id, 'done');
    else await ctx.jobs.send(csvImportJob, { importId: id }, { tx: trx });
  });
  return getImport(ctx, id);
}

export async function getImport(ctx: CrmCtx, id: string): Promise<ImportState> {
  const row = await findImport(ctx.db, ctx.workspaceId, id);
  if (!row) throw notFound('import');
  return toState(row);
}

/** The workspace's latest imports (the Portal's list). */
export async function recentImports(ctx: CrmCtx, limit = 10) {
  return listImports(ctx.db, ctx.workspaceId, limit);
}

export type ImportJobDeps = { db: Kysely<Database>; jobs: JobQueue };

/**
 * The csv.import job: the chunks not yet committed, each in its own transaction with the import's
 * progress (so a retry resumes after the last committed chunk and never writes one twice), then the
 * final report.
 */
export async function runImport(
  deps: ImportJobDeps,
  importId: string,
  opts: { signal?: AbortSignal; log?: Logger /** after each committed chunk */; onChunk?: (chunk: number) => void } = {},
): Promise<void> {
  const row = await findImportForJob(deps.db, importId);
  if (!row || (row.status !== 'queued' && row.status !== 'running')) return;
  const ctx: CrmCtx = { db: deps.db, jobs: deps.jobs, workspaceId: row.workspace_id, actor: { type: row.created_by_type, id: row.created_by_id } };
  const { items } = PlanSchema.parse(row.plan);
  let report = ImportReportSchema.parse(row.report);
  let linesDone = row.rows_done;
  await markImportRunning(deps.db, importId);
  const chunks = chunksOf(items);
  for (let k = row.chunks_done; k < chunks.length; k++) {
    opts.signal?.throwIfAborted();
    const chunk = chunks[k];
    const candidates = companiesOf(chunk);
    const m0 = performance.now();
    const { outcomes, rows } = await prepareLeads(ctx, candidates);
    const { counts, mergedPeople } = await tally(ctx, chunk, candidates, outcomes);
    report = addCounts(report, counts);
    linesDone += linesOf(chunk);
    const people = mergedPeople.map(({ companyId, person }) => newPerson(ctx.workspaceId, companyId, person));
    const t0 = performance.now();
    await deps.db.transaction().execute(async (trx) => {
      await writeChunk(trx, ctx, rows, people);
      if (!(await advanceImport(trx, importId, k, { rowsDone: linesDone, report }))) throw new Error(`import ${importId}: chunk ${k} was committed by another attempt`);
    });
    opts.log?.debug({ importId, chunk: k, of: chunks.length, matchMs: Math.round(t0 - m0), writeMs: Math.round(performance.now() - t0) }, 'import chunk committed');
    opts.onChunk?.(k);
  }
  await finishImport(deps.db, importId, 'done');
  opts.log?.info({ importId, lines: report.rows, companies: report.companies, people: report.people }, 'import done');
}

/** The import gave up (its last attempt failed): said so on the import, its plan dropped. */
export async function failImport(deps: ImportJobDeps, importId: string, error: Error): Promise<void> {
  await finishImport(deps.db, importId, 'failed', error.message.slice(0, 500));
}

async function writeChunk(trx: Kysely<Database>, ctx: CrmCtx, rows: LeadRows, people: NewPerson[]) {
  await writeLeadRows(trx, rows);
  if (people.length === 0) return;
  await insertPeople(trx, people);
  await appendAudit(trx, { workspaceId: ctx.workspaceId, actor: ctx.actor, action: 'people.imported', data: { count: people.length } });
}

function newPerson(workspaceId: string, companyId: string | null, person: RowPerson): NewPerson {
  return {
    id: uuidv7(),
    workspace_id: workspaceId,
    company_id: companyId,
    kind: person.kind,
    first_name: person.firstName,
    last_name: person.lastName,
    role: person.role,
    email: person.email,
    phone: person.phone,
    source: 'import',
    lawful_basis: null,
    lawful_basis_note: null,
    last_inbound_at: null,
    opted_out_at: null,
  };
}
