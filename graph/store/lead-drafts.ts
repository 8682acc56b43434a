import type { Kysely } from 'kysely';
import { CONTACTED } from '../../actions/states';
import { findPeopleWithDrafterActions, upsertLeadDraft as upsertLeadDraftRow, type LeadDraftRow } from '../../db/repositories/lead-drafts';
import type { Database } from '../../db/schema';

// Drafts that did not become an action (a failure, no email address): one row per (request,
// lead), so nothing is silently dropped. Queued drafts need no row: the action is the record.

export function upsertLeadDraft(db: Kysely<Database>, d: Omit<LeadDraftRow, 'subject' | 'body'> & { subject?: string | null; body?: string | null }) {
  return upsertLeadDraftRow(db, { ...d, subject: d.subject ?? null, body: d.body ?? null });
}

/** Leads that already have a drafter action still standing (from another run than this one). */
export async function peopleWithDrafts(db: Kysely<Database>, workspaceId: string, personIds: string[], exceptRunId: string): Promise<Set<string>> {
  return new Set(await findPeopleWithDrafterActions(db, workspaceId, personIds, CONTACTED, exceptRunId));
}
