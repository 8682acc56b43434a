import { z } from 'zod';
import { foldText } from '../../lib/embedding';
import { uuidv7 } from '../../lib/ids';
import { appendAudit } from '../../db/repositories/audit';
import { insertPeople, listPersonEmails } from '../../db/repositories/people';
import { isValidSiren, isValidSiret } from '../../france/siren';
import type { CrmCtx } from '../context';
import { createLeadsFromCompanies, LeadCandidateSchema, matchCandidates, type ParsedCandidate } from '../leads';
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

type RowPerson = { firstName: string; lastName: string; role: string | null; email: string | null; phone: string | null; kind: 'lead' | 'contact' };

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
 * CSV import with a report of what is (or, with dryRun, would be) created, merged or rejected.
 * A malformed row is reported with its line number; the other rows are imported.
 */
export async function importCsv(ctx: CrmCtx, bytes: Uint8Array, opts: { dryRun: boolean }): Promise<ImportReport> {
  const { text, encoding } = decodeCsv(bytes);
  const { separator, rows } = parseCsv(text);
  const report: ImportReport = {
    dryRun: opts.dryRun,
    encoding,
    separator,
    rows: Math.max(0, rows.length - 1),
    companies: { created: 0, merged: 0 },
    people: { created: 0, merged: 0 },
    rejected: [],
    unknownColumns: [],
  };
  if (rows.length === 0) return report;
  const { columns, unknown } = mapHeader(rows[0].cells);
  report.unknownColumns = unknown;
  if (!columns.includes('companyName') && !columns.includes('lastName') && !columns.includes('email')) {
    report.rejected.push({ line: rows[0].line, field: null, reason: 'en-tête non reconnu : il faut au moins « Raison sociale », « Nom » ou « E-mail »' });
    return report;
  }

  // group rows by company so one company with three people is one candidate
  const companies = new Map<string, ParsedCandidate>();
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
      const c = companies.get(key) ?? r.company;
      if (r.person) c.dirigeants.push({ ...r.person, role: r.person.role ?? undefined, email: r.person.email ?? undefined });
      companies.set(key, c);
    } else if (r.person) loosePeople.push(r.person);
  }

  const candidates = [...companies.values()];
  const { outcomes } = await matchCandidates(ctx, candidates);
  const existingEmails = new Set((await listPersonEmails(ctx.db, ctx.workspaceId)).map((e) => e.toLowerCase()));
  const mergedPeople: { companyId: string | null; person: RowPerson }[] = [];
  candidates.forEach((c, i) => {
    const o = outcomes[i];
    if (!o) {
      report.companies.created++;
      report.people.created += c.dirigeants.length;
      return;
    }
    report.companies.merged++;
    for (const d of c.dirigeants) {
      if (d.email && existingEmails.has(d.email)) report.people.merged++;
      else if (o.companyId)
        mergedPeople.push({
          companyId: o.companyId,
          person: { firstName: d.firstName, lastName: d.lastName, role: d.role ?? null, email: d.email ?? null, phone: null, kind: d.kind ?? 'lead' },
        });
    }
  });
  for (const p of loosePeople) {
    if (p.email && existingEmails.has(p.email)) report.people.merged++;
    else mergedPeople.push({ companyId: null, person: p });
  }
  report.people.created += mergedPeople.length;
  if (opts.dryRun) return report;

  await createLeadsFromCompanies(
    ctx,
    candidates.filter((_, i) => !outcomes[i]),
  );
  if (mergedPeople.length > 0) {
    await ctx.db.transaction().execute(async (trx) => {
      await insertPeople(
        trx,
        mergedPeople.map(({ companyId, person }) => ({
          id: uuidv7(),
          workspace_id: ctx.workspaceId,
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
        })),
      );
      await appendAudit(trx, { workspaceId: ctx.workspaceId, actor: ctx.actor, action: 'people.imported', data: { count: mergedPeople.length } });
    });
  }
  return report;
}
