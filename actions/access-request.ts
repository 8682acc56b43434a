import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { CrmCtx } from '../crm/context';
import { toCsvLine } from '../crm/csv/parse';
import { listDeals } from '../crm/deals';
import { ActivityDtoSchema, activityDto, CompanyDtoSchema, companyDto, DealDtoSchema, dealDto, PersonDtoSchema, personDto } from '../crm/dto';
import { ActorTypeSchema, DateTimeSchema, UuidSchema } from '../crm/schemas';
import { listActionsOf, listVersionsOf } from '../db/repositories/actions';
import { listActivities } from '../db/repositories/activities';
import { appendAudit, listAuditOfSubjects } from '../db/repositories/audit';
import { findCompany } from '../db/repositories/companies';
import { listLeadDraftsOf } from '../db/repositories/lead-drafts';
import { findPerson, listPersonNotesAndTasks } from '../db/repositories/people';
import { listStyleExamplesOf } from '../db/repositories/style-examples';
import { findSuppression } from '../db/repositories/suppressions';
import { findWorkspace } from '../db/repositories/workspaces';
import type { AuditLogTable } from '../db/schema';
import { emailHash } from '../lib/canonical-hash';
import { notFound } from '../lib/errors';
import type { Language } from '../lib/language';
import { ActionDtoSchema, actionDto, ActionVersionDtoSchema, versionDto } from './dto';

// Right of access (GDPR art. 15): everything Relais holds about one person, gathered from where it
// lives — the record and where it came from, their company, the messages to them with every
// version and decision, what was drafted or learnt from them, their timeline, notes, tasks and the
// audit entries about them — as JSON, or as a CSV of the same content (one line per value).

const nullableText = z.string().nullable();
const ActorSchema = z.object({ type: ActorTypeSchema, id: nullableText });
const AuditEntrySchema = z.object({
  id: z.string(),
  at: DateTimeSchema,
  action: z.string(),
  actor: ActorSchema,
  subjectType: nullableText,
  subjectId: nullableText,
  data: z.record(z.string(), z.unknown()),
});

export const PersonExportSchema = z.object({
  exportedAt: DateTimeSchema,
  /** who holds the data (the controller) */
  controller: z.object({ name: z.string(), legalName: z.string(), address: z.string(), siret: nullableText }),
  person: PersonDtoSchema,
  /** where the data came from, when, and on what basis */
  origin: z.object({
    source: z.string(),
    /** the source's own id of the record (the company's, e.g. its SIRET at the directory) */
    sourceId: nullableText,
    collectedAt: DateTimeSchema,
    lawfulBasis: nullableText,
    lawfulBasisNote: nullableText,
    lastContactFromPersonAt: DateTimeSchema.nullable(),
  }),
  company: CompanyDtoSchema.nullable(),
  /** the address is on the suppression list (an objection, honoured forever) */
  suppression: z.object({ reason: z.string(), source: z.string(), since: DateTimeSchema }).nullable(),
  /** every action addressed to them: payloads as proposed, current, approved and sent, with versions */
  messages: z.array(ActionDtoSchema.omit({ waitingReason: true }).extend({ versions: z.array(ActionVersionDtoSchema) })),
  /** who decided what about those messages, and when (proposed, approved, edited, rejected, sent…) */
  decisions: z.array(AuditEntrySchema),
  /** drafts written for them that never became a message */
  drafts: z.array(
    z.object({ requestId: z.string(), status: z.string(), language: z.string(), subject: nullableText, body: nullableText, createdAt: DateTimeSchema, updatedAt: DateTimeSchema }),
  ),
  /** messages to them kept as examples of the owner's style */
  styleExamples: z.array(z.object({ id: UuidSchema, actionId: UuidSchema, language: z.string(), subject: z.string(), body: z.string(), createdAt: DateTimeSchema })),
  deals: z.array(DealDtoSchema),
  activities: z.array(ActivityDtoSchema),
  notes: z.array(z.object({ id: UuidSchema, body: z.string(), authorUserId: UuidSchema.nullable(), createdAt: DateTimeSchema })),
  tasks: z.array(z.object({ id: UuidSchema, title: z.string(), dueAt: DateTimeSchema.nullable(), doneAt: DateTimeSchema.nullable(), createdAt: DateTimeSchema })),
  /** the audit entries about the person */
  audit: z.array(AuditEntrySchema),
});
export type PersonExport = z.infer<typeof PersonExportSchema>;

export const ExportFormatSchema = z.enum(['json', 'csv']);
export type ExportFormat = z.infer<typeof ExportFormatSchema>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const auditDto = (e: Selectable<AuditLogTable>) => ({
  id: String(e.id),
  at: e.created_at.toISOString(),
  action: e.action,
  actor: { type: e.actor_type, id: e.actor_id },
  subjectType: e.subject_type,
  subjectId: e.subject_id,
  data: e.data,
});

/**
 * Everything held about one person of the workspace (404 when not in it). The export itself is
 * audited (who asked, which format): an access request is answered on the record.
 */
export async function exportPerson(ctx: CrmCtx, personId: string, format: ExportFormat, now: Date = new Date()): Promise<PersonExport> {
  const { db, workspaceId } = ctx;
  const p = await findPerson(db, workspaceId, personId);
  if (!p) throw notFound('person');
  const hash = p.email ? emailHash(p.email) : null;
  const [workspace, company, suppression, actions, drafts, deals, activities, held] = await Promise.all([
    findWorkspace(db, workspaceId),
    p.company_id ? findCompany(db, workspaceId, p.company_id) : Promise.resolve(undefined),
    hash ? findSuppression(db, workspaceId, hash) : Promise.resolve(undefined),
    listActionsOf(db, workspaceId, { personIds: [p.id], hash }),
    listLeadDraftsOf(db, workspaceId, p.id),
    listDeals(ctx, { personId: p.id, limit: 1000 }),
    listActivities(db, workspaceId, { subjectType: 'person', subjectId: p.id, limit: 10_000 }),
    listPersonNotesAndTasks(db, workspaceId, p.id),
  ]);
  const actionIds = actions.map((a) => a.id);
  const [versions, examples, audit] = await Promise.all([
    listVersionsOf(db, actionIds),
    listStyleExamplesOf(db, workspaceId, actionIds),
    listAuditOfSubjects(db, workspaceId, [
      { type: 'person', ids: [p.id] },
      { type: 'action', ids: actionIds },
    ]),
  ]);
  await appendAudit(db, { workspaceId, actor: ctx.actor, action: 'person.exported', subjectType: 'person', subjectId: p.id, data: { format } });
  const versionsOf = new Map<string, typeof versions>();
  for (const v of versions) versionsOf.set(v.action_id, [...(versionsOf.get(v.action_id) ?? []), v]);
  return {
    exportedAt: now.toISOString(),
    controller: { name: workspace?.name ?? '', legalName: workspace?.legal_name ?? '', address: workspace?.address ?? '', siret: workspace?.siret ?? null },
    person: personDto(p),
    origin: {
      source: p.source,
      sourceId: company?.source_id ?? null,
      collectedAt: p.created_at.toISOString(),
      lawfulBasis: p.lawful_basis,
      lawfulBasisNote: p.lawful_basis_note,
      lastContactFromPersonAt: iso(p.last_inbound_at),
    },
    company: company ? companyDto(company) : null,
    suppression: suppression ? { reason: suppression.reason, source: suppression.source, since: suppression.created_at.toISOString() } : null,
    messages: actions.map((a) => {
      const { waitingReason: _, ...dto } = actionDto(a, true);
      return { ...dto, versions: (versionsOf.get(a.id) ?? []).map(versionDto) };
    }),
    decisions: audit.filter((e) => e.subject_type === 'action').map(auditDto),
    drafts: drafts.map((d) => ({
      requestId: d.request_id,
      status: d.status,
      language: d.language,
      subject: d.subject,
      body: d.body,
      createdAt: d.created_at.toISOString(),
      updatedAt: d.updated_at.toISOString(),
    })),
    styleExamples: examples.map((e) => ({ id: e.id, actionId: e.action_id, language: e.language, subject: e.subject, body: e.body, createdAt: e.created_at.toISOString() })),
    deals: deals.items.map(({ deal, stage }) => dealDto(deal, stage)),
    activities: activities.items.map(activityDto).reverse(),
    notes: held.notes.map((n) => ({ id: n.id, body: n.body, authorUserId: n.author_user_id, createdAt: n.created_at.toISOString() })),
    tasks: held.tasks.map((t) => ({ id: t.id, title: t.title, dueAt: iso(t.due_at), doneAt: iso(t.done_at), createdAt: t.created_at.toISOString() })),
    audit: audit.filter((e) => e.subject_type === 'person').map(auditDto),
  };
}

const CSV_HEADER: Record<Language, string[]> = { fr: ['Rubrique', 'Élément', 'Champ', 'Valeur'], en: ['Section', 'Item', 'Field', 'Value'] };

/** Each leaf of a value as [path, text]: `payloads.current.subject`, `versions.2.payload.body`… */
function leaves(value: unknown, path: string, out: [string, string][]): [string, string][] {
  if (value === null || value === undefined) out.push([path, '']);
  else if (Array.isArray(value)) {
    if (value.length === 0) out.push([path, '']);
    value.forEach((v, i) => void leaves(v, path ? `${path}.${i + 1}` : String(i + 1), out));
  } else if (typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) out.push([path, '']);
    for (const [k, v] of entries) leaves(v, path ? `${path}.${k}` : k, out);
  } else out.push([path, String(value)]);
  return out;
}

/**
 * The same content as CSV for a spreadsheet (BOM, `;`, as the other exports): one line per value,
 * `section;item;field;value`, where item is the id of a list's element (a message, an activity…).
 */
export function personExportCsv(data: PersonExport, language: Language): string {
  const lines = [toCsvLine(CSV_HEADER[language])];
  for (const [section, value] of Object.entries(data)) {
    if (Array.isArray(value)) {
      value.forEach((item: Record<string, unknown>, i) => {
        const id = typeof item.id === 'string' ? item.id : String(i + 1);
        for (const [field, text] of leaves(item, '', [])) lines.push(toCsvLine([section, id, field, text]));
      });
    } else if (value !== null && typeof value === 'object') {
      for (const [field, text] of leaves(value, '', [])) lines.push(toCsvLine([section, '', field, text]));
    } else lines.push(toCsvLine([section, '', '', value === null ? '' : String(value)]));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
