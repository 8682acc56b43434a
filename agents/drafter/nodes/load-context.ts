import type { Db } from '../../../db/connection';
import { loadLeadFacts } from '../../../graph/facts';
import { similarStyleExamples } from '../../../graph/store/style-examples';
import { leadContext } from '../lead-context';
import type { LeadDraftStateType, LeadDraftUpdate } from '../state';
import { skippedOutcome } from '../outcome';

/** The lead's facts (read by the fan-out, or fresh here), and the closest approved drafts. */
export function loadContextNode(db: Db, k: number) {
  return async (state: LeadDraftStateType): Promise<LeadDraftUpdate> => {
    const { task } = state;
    const facts = task.facts ?? (await loadLeadFacts(db.kysely, task.workspaceId, [task.personId])).get(task.personId) ?? null;
    if (!facts) return { facts: null, outcome: skippedOutcome(task, 'failed', 'lead not found in this workspace') };
    if (facts.optedOut) return { facts, outcome: skippedOutcome(task, 'skipped', 'opted out of prospecting') };
    // the gate needs an address: no draft is spent on a lead nobody can receive
    if (!facts.email) return { facts, outcome: skippedOutcome(task, 'no_email', 'no email address') };
    const examples = task.styleExamples ? await similarStyleExamples(db, task.workspaceId, task.language, leadContext(facts), k) : [];
    return { facts, examples, round: 0 };
  };
}
