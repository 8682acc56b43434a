import { sql } from 'kysely';
import type { Language } from '../../lib/language';
import type { Executor } from './executor';

// Approved drafts kept as style examples; the k nearest to a lead's context are retrieved with
// pgvector when the server has it, pg_trgm similarity otherwise. Edited drafts first among equals.

export type StyleExampleRow = { subject: string; body: string; language: Language };
export type NewStyleExample = {
  id: string;
  workspaceId: string;
  actionId: string;
  language: Language;
  subject: string;
  body: string;
  source: 'approved' | 'edited';
  context: string;
};

export async function upsertStyleExample(db: Executor, e: NewStyleExample, vector: string | null) {
  if (vector) {
    await sql`
      insert into style_examples (id, workspace_id, action_id, language, subject, body, source, context, embedding)
      values (${e.id}, ${e.workspaceId}, ${e.actionId}, ${e.language}, ${e.subject}, ${e.body}, ${e.source}, ${e.context}, ${vector}::vector)
      on conflict (workspace_id, action_id) do update set subject = excluded.subject, body = excluded.body, source = excluded.source, embedding = excluded.embedding
    `.execute(db);
    return;
  }
  await db
    .insertInto('style_examples')
    .values({ id: e.id, workspace_id: e.workspaceId, action_id: e.actionId, language: e.language, subject: e.subject, body: e.body, source: e.source, context: e.context })
    .onConflict((oc) => oc.columns(['workspace_id', 'action_id']).doUpdateSet({ subject: e.subject, body: e.body, source: e.source }))
    .execute();
}

/** The examples learnt from these actions (an access request shows them). */
export function listStyleExamplesOf(db: Executor, workspaceId: string, actionIds: readonly string[]) {
  if (actionIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('style_examples')
    .select(['id', 'action_id', 'language', 'subject', 'body', 'source', 'context', 'created_at'])
    .where('workspace_id', '=', workspaceId)
    .where('action_id', 'in', actionIds)
    .orderBy('created_at')
    .execute();
}

/** Forgetting a person: the examples learnt from messages to them are copies of those messages. */
export async function deleteStyleExamplesOf(db: Executor, workspaceId: string, actionIds: readonly string[]): Promise<number> {
  if (actionIds.length === 0) return 0;
  const r = await db.deleteFrom('style_examples').where('workspace_id', '=', workspaceId).where('action_id', 'in', actionIds).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function nearestStyleExamplesByVector(db: Executor, workspaceId: string, language: Language, vector: string, k: number) {
  const r = await sql<StyleExampleRow>`
    select subject, body, language from style_examples
    where workspace_id = ${workspaceId} and language = ${language}
    order by embedding <=> ${vector}::vector, (source = 'edited') desc, created_at desc
    limit ${k}
  `.execute(db);
  return r.rows;
}

export async function nearestStyleExamplesByText(db: Executor, workspaceId: string, language: Language, context: string, k: number) {
  const r = await sql<StyleExampleRow>`
    select subject, body, language from style_examples
    where workspace_id = ${workspaceId} and language = ${language}
    order by similarity(context, ${context}) desc, (source = 'edited') desc, created_at desc
    limit ${k}
  `.execute(db);
  return r.rows;
}

export async function hasStyleExample(db: Executor, workspaceId: string, language: Language): Promise<boolean> {
  const row = await db.selectFrom('style_examples').select('id').where('workspace_id', '=', workspaceId).where('language', '=', language).limit(1).executeTakeFirst();
  return row !== undefined;
}
