import { sql } from 'kysely';
import type { NewPerson, PersonKind, PersonUpdate } from '../schema';
import type { ActionStatus } from '../tables/approval';
import { escapeLike } from './companies';
import type { Executor } from './executor';
import { toPage } from './pagination';

export type PersonFilter = {
  kind?: PersonKind;
  q?: string;
  companyId?: string;
  status?: string;
  email?: string;
  after?: string | null;
  limit: number;
};

export async function listPeople(db: Executor, workspaceId: string, f: PersonFilter) {
  let q = db.selectFrom('people').selectAll().where('workspace_id', '=', workspaceId);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    q = q.where(sql<boolean>`(first_name || ' ' || last_name || ' ' || coalesce(email, '')) ilike ${like}`);
  }
  if (f.companyId) q = q.where('company_id', '=', f.companyId);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.email) q = q.where(sql<boolean>`lower(email) = ${f.email.toLowerCase()}`);
  if (f.after) q = q.where('id', '<', f.after);
  const rows = await q
    .orderBy('id', 'desc')
    .limit(f.limit + 1)
    .execute();
  return toPage(rows, f.limit);
}

/** What a name is made of, for a page of ids (callers pass at least one id). */
export function findPersonNames(db: Executor, workspaceId: string, ids: readonly string[]) {
  return db.selectFrom('people').select(['id', 'first_name', 'last_name', 'email']).where('workspace_id', '=', workspaceId).where('id', 'in', ids).execute();
}

export function findPerson(db: Executor, workspaceId: string, id: string) {
  return db.selectFrom('people').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
}

export function insertPerson(db: Executor, values: NewPerson) {
  return db.insertInto('people').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updatePerson(db: Executor, workspaceId: string, id: string, version: number, patch: PersonUpdate) {
  return db
    .updateTable('people')
    .set({ ...patch, version: sql`version + 1`, updated_at: new Date() })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('version', '=', version)
    .returningAll()
    .executeTakeFirst();
}

export async function deletePerson(db: Executor, workspaceId: string, id: string) {
  const r = await db.deleteFrom('people').where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** People of one workspace by id, each with its company (null when none): the lead-facts read. */
export async function findPeopleWithCompanies(db: Executor, workspaceId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  const people = await db.selectFrom('people').selectAll().where('workspace_id', '=', workspaceId).where('id', 'in', ids).execute();
  const companyIds = [...new Set(people.map((p) => p.company_id).filter((id): id is string => id !== null))];
  const companies = companyIds.length ? await db.selectFrom('companies').selectAll().where('workspace_id', '=', workspaceId).where('id', 'in', companyIds).execute() : [];
  const byId = new Map(companies.map((c) => [c.id, c]));
  return people.map((person) => ({ person, company: person.company_id ? (byId.get(person.company_id) ?? null) : null }));
}

/** The leads of these companies (prospecting found them again), opted-out ones included. */
export function findLeadsOfCompanies(db: Executor, workspaceId: string, companyIds: readonly string[]) {
  if (companyIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('people')
    .select(['id', 'opted_out_at'])
    .where('workspace_id', '=', workspaceId)
    .where('company_id', 'in', companyIds)
    .where('kind', '=', 'lead')
    .orderBy('id')
    .execute();
}

/** The person, locked until the transaction ends (opt-out, erasure, the retention purge). */
export function lockPerson(db: Executor, workspaceId: string, id: string) {
  return db
    .selectFrom('people')
    .select(['id', 'email', 'kind', 'company_id', 'is_natural_person', 'last_inbound_at', 'created_at'])
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/**
 * Leads of every workspace whose last contact coming from them (else their collection: the record's
 * creation) is older than `cutoff`, after `after` in id order: the retention purge's next batch.
 */
export function findStaleProspects(db: Executor, cutoff: Date, page: { after: string | null; limit: number }) {
  let q = db.selectFrom('people').select(['workspace_id', 'id']).where('kind', '=', 'lead').where(sql<Date>`coalesce(last_inbound_at, created_at)`, '<', cutoff);
  if (page.after) q = q.where('id', '>', page.after);
  return q.orderBy('id').limit(page.limit).execute();
}

/** An objection: this person and every record with the same address, first opt-out date kept. */
export async function markOptedOut(db: Executor, workspaceId: string, who: { personId: string | null; email: string | null }): Promise<string[]> {
  const rows = await db
    .updateTable('people')
    .set({ opted_out_at: sql`coalesce(opted_out_at, now())`, version: sql`version + 1`, updated_at: new Date() })
    .where('workspace_id', '=', workspaceId)
    .where((eb) => {
      const ors = [];
      if (who.personId) ors.push(eb('id', '=', who.personId));
      if (who.email) ors.push(eb(sql<string>`lower(email)`, '=', who.email.trim().toLowerCase()));
      return eb.or(ors);
    })
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Erasure: the person's timeline, notes and tasks. */
export async function deletePersonHistory(db: Executor, workspaceId: string, personId: string): Promise<void> {
  for (const table of ['activities', 'notes', 'tasks'] as const) {
    await db.deleteFrom(table).where('workspace_id', '=', workspaceId).where('subject_type', '=', 'person').where('subject_id', '=', personId).execute();
  }
}

/** The person's notes and tasks (an access request shows them). */
export async function listPersonNotesAndTasks(db: Executor, workspaceId: string, personId: string) {
  const [notes, tasks] = await Promise.all([
    db
      .selectFrom('notes')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('subject_type', '=', 'person')
      .where('subject_id', '=', personId)
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('tasks')
      .selectAll()
      .where('workspace_id', '=', workspaceId)
      .where('subject_type', '=', 'person')
      .where('subject_id', '=', personId)
      .orderBy('created_at')
      .execute(),
  ]);
  return { notes, tasks };
}

/** Many people at once (lead creation, imports), 500 rows per statement (the parameter limit). */
export async function insertPeople(db: Executor, rows: readonly NewPerson[]): Promise<void> {
  for (let k = 0; k < rows.length; k += 500)
    await db
      .insertInto('people')
      .values(rows.slice(k, k + 500))
      .execute();
}

/** Every address on file in the workspace (an import merges people by address). */
export async function listPersonEmails(db: Executor, workspaceId: string): Promise<string[]> {
  const rows = await db.selectFrom('people').select('email').where('workspace_id', '=', workspaceId).where('email', 'is not', null).execute();
  return rows.map((p) => p.email!);
}

/** One keyset page of the CSV export with each person's company name, newest first. */
export function exportPeoplePage(db: Executor, workspaceId: string, page: { kind?: PersonKind; after: string | null; limit: number }) {
  let q = db.selectFrom('people as p').leftJoin('companies as c', 'c.id', 'p.company_id').selectAll('p').select('c.name as company_name').where('p.workspace_id', '=', workspaceId);
  if (page.kind) q = q.where('p.kind', '=', page.kind);
  if (page.after) q = q.where('p.id', '<', page.after);
  return q.orderBy('p.id', 'desc').limit(page.limit).execute();
}

export type SegmentFilter = {
  naf: readonly string[];
  communes: readonly string[];
  postcodes: readonly string[];
  limit: number;
  /** set apart leads with a drafter action in one of these statuses ("not yet contacted") */
  notContactedIn?: readonly ActionStatus[];
};

/** Leads of a sector and/or place already in the CRM, opted-out ones included (the caller counts them). */
export function findSegmentLeads(db: Executor, workspaceId: string, f: SegmentFilter) {
  let q = db
    .selectFrom('people as p')
    .innerJoin('companies as c', 'c.id', 'p.company_id')
    .select(['p.id', 'p.opted_out_at'])
    .where('p.workspace_id', '=', workspaceId)
    .where('p.kind', '=', 'lead');
  if (f.naf.length) q = q.where('c.naf_code', 'in', f.naf);
  if (f.communes.length || f.postcodes.length) {
    q = q.where((eb) => eb.or([...(f.communes.length ? [eb('c.commune_code', 'in', f.communes)] : []), ...(f.postcodes.length ? [eb('c.postcode', 'in', f.postcodes)] : [])]));
  }
  const contacted = f.notContactedIn;
  if (contacted?.length) {
    q = q.where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('actions as a').select(sql`1`.as('one')).whereRef('a.person_id', '=', 'p.id').where('a.teammate', '=', 'drafter').where('a.status', 'in', contacted))),
    );
  }
  return q.orderBy('p.id').limit(f.limit).execute();
}

export async function countPeopleOfKind(db: Executor, workspaceId: string, kind: PersonKind): Promise<number> {
  const r = await db
    .selectFrom('people')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('workspace_id', '=', workspaceId)
    .where('kind', '=', kind)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
