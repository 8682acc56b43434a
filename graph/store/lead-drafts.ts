import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import type { LeadDraftStatus } from '../../db/tables/teammates';
import type { Language } from '../../lib/language';

// Drafts that did not become an action (a failure, no email address): one row per (request,
// lead), so nothing is silently dropped. Queued drafts need no row: the action is the record.

export async function upsertLeadDraft(db: Kysely<Database>, d: { workspaceId: string; requestId: string; personId: string; actionId: string | null; runId: string; status: LeadDraftStatus; language: Language; rounds: number; notes: string[]; subject?: string | null; body?: string | null }) {
  const subject = d.subject ?? null;
  const body = d.body ?? null;
  await db
    .insertInto('lead_drafts')
    .values({ workspace_id: d.workspaceId, request_id: d.requestId, person_id: d.personId, action_id: d.actionId, run_id: d.runId, status: d.status, language: d.language, rounds: d.rounds, notes: JSON.stringify(d.notes), subject, body })
    .onConflict((oc) =>
      oc.columns(['workspace_id', 'request_id', 'person_id']).doUpdateSet({ action_id: d.actionId, run_id: d.runId, status: d.status, rounds: d.rounds, notes: JSON.stringify(d.notes), subject, body, updated_at: new Date() }),
    )
    .execute();
}

/** Action statuses that mean "this lead was written to, or is about to be". */
export const CONTACTED_STATUSES = ['draft', 'in_review', 'pending_approval', 'approved', 'scheduled', 'sending', 'sent', 'delivery_unknown'] as const;

/** Leads that already have a drafter action still standing (from another run than this one). */
export async function peopleWithDrafts(db: Kysely<Database>, workspaceId: string, personIds: string[], exceptRunId: string): Promise<Set<string>> {
  if (personIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('actions')
    .select('person_id')
    .where('workspace_id', '=', workspaceId)
    .where('person_id', 'in', personIds)
    .where('teammate', '=', 'drafter')
    .where('status', 'in', [...CONTACTED_STATUSES])
    .where(sql<boolean>`coalesce(origin->>'runId', '') <> ${exceptRunId}`)
    .execute();
  return new Set(rows.map((r) => r.person_id).filter((id): id is string => id !== null));
}
