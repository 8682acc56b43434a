import { sql } from 'kysely';
import type { WorkspaceSettings } from '../schema';
import type { RuleLike } from '../tables/approval';
import type { Executor } from './executor';
import type { Language } from '../../lib/language';

export type RecipientFacts = {
  id: string;
  email: string | null;
  first_name: string;
  last_name: string;
  company_id: string | null;
  opted_out_at: Date | null;
  default_language: Language;
  settings: WorkspaceSettings;
  recipient_hash: string | null;
  suppressed: boolean;
  approved_before: boolean;
  rules: RuleLike[];
};

/**
 * Everything interception needs about a recipient in one round trip: the person, the
 * workspace defaults, the suppression list, whether a human approved this address before,
 * and the workspace's live auto-approve rules. The query is the PL/pgSQL function
 * `action_recipient_facts` (db/migrations/0002_approval.ts), whose plan stays cached.
 */
export async function recipientFacts(db: Executor, workspaceId: string, personId: string): Promise<RecipientFacts | undefined> {
  const r = await sql<RecipientFacts>`select * from action_recipient_facts(${workspaceId}, ${personId})`.execute(db);
  return r.rows[0];
}

/** Rules and "approved before" for an existing action's recipient (revisions re-enter pending_approval). */
export async function ruleFactsByHash(db: Executor, workspaceId: string, recipientHash: string | null) {
  const r = await sql<{ approved_before: boolean; rules: RuleLike[]; settings: WorkspaceSettings }>`
    select w.settings,
      exists(select 1 from actions x where x.workspace_id = w.id and x.recipient_hash = ${recipientHash} and x.approved_by_type = 'user') as approved_before,
      (select coalesce(json_agg(r order by r.id), '[]'::json) from auto_approve_rules r
        where r.workspace_id = w.id and r.enabled and r.expires_at > now()) as rules
    from workspaces w where w.id = ${workspaceId}
  `.execute(db);
  return r.rows[0] ?? { approved_before: false, rules: [], settings: {} };
}
