import { sql } from 'kysely';
import type { Language } from '../../lib/language';
import type { ActionStatus } from '../tables/approval';
import type { LeadDraftStatus } from '../tables/teammates';
import type { Executor } from './executor';

// Drafts that did not become an action (a failure, no address): one row per (request, lead).

export type LeadDraftRow = {
  workspaceId: string;
  requestId: string;
  personId: string;
  actionId: string | null;
  runId: string;
  status: LeadDraftStatus;
  language: Language;
  rounds: number;
  notes: string[];
  subject: string | null;
  body: string | null;
};

export function upsertLeadDraft(db: Executor, d: LeadDraftRow) {
  const notes = JSON.stringify(d.notes);
  return db
    .insertInto('lead_drafts')
    .values({
      workspace_id: d.workspaceId,
      request_id: d.requestId,
      person_id: d.personId,
      action_id: d.actionId,
      run_id: d.runId,
      status: d.status,
      language: d.language,
      rounds: d.rounds,
      notes,
      subject: d.subject,
      body: d.body,
    })
    .onConflict((oc) =>
      oc
        .columns(['workspace_id', 'request_id', 'person_id'])
        .doUpdateSet({ action_id: d.actionId, run_id: d.runId, status: d.status, rounds: d.rounds, notes, subject: d.subject, body: d.body, updated_at: new Date() }),
    )
    .execute();
}

/** What was drafted for a person and never became an action (an access request shows it). */
export function listLeadDraftsOf(db: Executor, workspaceId: string, personId: string) {
  return db.selectFrom('lead_drafts').selectAll().where('workspace_id', '=', workspaceId).where('person_id', '=', personId).orderBy('created_at').execute();
}

/** Forgetting a person: their drafts go with them (the column has no foreign key). */
export async function deleteLeadDraftsOf(db: Executor, workspaceId: string, personId: string): Promise<number> {
  const r = await db.deleteFrom('lead_drafts').where('workspace_id', '=', workspaceId).where('person_id', '=', personId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

/** Of these people, those a drafter action is written to (in `statuses`) by another run than `exceptRunId`. */
export async function findPeopleWithDrafterActions(db: Executor, workspaceId: string, personIds: readonly string[], statuses: readonly ActionStatus[], exceptRunId: string) {
  if (personIds.length === 0) return [];
  const rows = await db
    .selectFrom('actions')
    .select('person_id')
    .where('workspace_id', '=', workspaceId)
    .where('person_id', 'in', personIds)
    .where('teammate', '=', 'drafter')
    .where('status', 'in', statuses)
    .where(sql<boolean>`coalesce(origin->>'runId', '') <> ${exceptRunId}`)
    .execute();
  return rows.map((r) => r.person_id).filter((id): id is string => id !== null);
}

/** Drafter actions the owner sent back that no revision run took up yet, any workspace, oldest first. */
export function findUnrevisedSendbacks(db: Executor, limit: number) {
  return db
    .selectFrom('actions as a')
    .select(['a.id', 'a.workspace_id', 'a.reason', 'a.version'])
    .where('a.status', '=', 'draft')
    .where('a.revision_requested_at', 'is not', null)
    .where('a.teammate', '=', 'drafter')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('teammate_runs as r')
            .select(sql`1`.as('one'))
            .whereRef('r.workspace_id', '=', 'a.workspace_id')
            .where(sql<boolean>`r.request_id = a.id::text || ':rev:' || a.version`),
        ),
      ),
    )
    .orderBy('a.revision_requested_at')
    .limit(limit)
    .execute();
}
