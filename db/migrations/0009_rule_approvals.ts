import { sql, type Kysely } from 'kysely';

// The Library says what auto-approve rules approved lately (and the Chat, what they approved in a
// run): an index range over the actions a rule approved, never the whole workspace.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index actions_ws_rule_approved on actions (workspace_id, approved_at) where approved_by_type = 'rule';
  `.execute(db);
}
