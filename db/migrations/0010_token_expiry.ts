import { sql, type Kysely } from 'kysely';

// Tokens that end: an optional expiry on API tokens, and one-time sign-in links that stop working
// 24 hours after they were made (those still waiting get the same 24 hours from their creation).
// Listing a person's or a workspace's tokens (Settings, /api/tokens) reads the new index.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table api_tokens add column expires_at timestamptz;
    update api_tokens set expires_at = created_at + interval '24 hours' where kind = 'login';
    create index api_tokens_workspace_user on api_tokens (workspace_id, user_id, created_at);
  `.execute(db);
}
