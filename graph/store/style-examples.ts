import { sql } from 'kysely';
import type { Db } from '../../db/connection';
import type { Language } from '../../lib/language';
import { uuidv7 } from '../../lib/ids';
import { foldText, hashEmbedding } from '../../lib/embedding';

// the CRM's offline embedding (lib/embedding), over the lead's context
const toVector = (text: string) => `[${hashEmbedding([{ text: foldText(text), weight: 1 }]).join(',')}]`;

// Approved drafts kept as style examples; the drafter gets the k most similar (pgvector when
// the server has it, pg_trgm similarity otherwise), so the owner's edits teach it.

export type StyleExample = { subject: string; body: string; language: Language };

export async function recordStyleExample(db: Db, e: { workspaceId: string; actionId: string; language: Language; subject: string; body: string; edited: boolean; context: string }): Promise<void> {
  const id = uuidv7();
  const source = e.edited ? 'edited' : 'approved';
  if (db.vector) {
    const vec = toVector(e.context);
    await sql`
      insert into style_examples (id, workspace_id, action_id, language, subject, body, source, context, embedding)
      values (${id}, ${e.workspaceId}, ${e.actionId}, ${e.language}, ${e.subject}, ${e.body}, ${source}, ${e.context}, ${vec}::vector)
      on conflict (workspace_id, action_id) do update set subject = excluded.subject, body = excluded.body, source = excluded.source, embedding = excluded.embedding
    `.execute(db.kysely);
    return;
  }
  await db.kysely
    .insertInto('style_examples')
    .values({ id, workspace_id: e.workspaceId, action_id: e.actionId, language: e.language, subject: e.subject, body: e.body, source, context: e.context })
    .onConflict((oc) => oc.columns(['workspace_id', 'action_id']).doUpdateSet({ subject: e.subject, body: e.body, source }))
    .execute();
}

export async function similarStyleExamples(db: Db, workspaceId: string, language: Language, context: string, k: number): Promise<StyleExample[]> {
  if (k <= 0) return [];
  // edited drafts first among equals: they carry the owner's corrections
  if (db.vector) {
    const vec = toVector(context);
    const r = await sql<StyleExample>`
      select subject, body, language from style_examples
      where workspace_id = ${workspaceId} and language = ${language}
      order by embedding <=> ${vec}::vector, (source = 'edited') desc, created_at desc
      limit ${k}
    `.execute(db.kysely);
    return r.rows;
  }
  const r = await sql<StyleExample>`
    select subject, body, language from style_examples
    where workspace_id = ${workspaceId} and language = ${language}
    order by similarity(context, ${context}) desc, (source = 'edited') desc, created_at desc
    limit ${k}
  `.execute(db.kysely);
  return r.rows;
}

export async function hasStyleExamples(db: Db['kysely'], workspaceId: string, language: Language): Promise<boolean> {
  const row = await db.selectFrom('style_examples').select('id').where('workspace_id', '=', workspaceId).where('language', '=', language).limit(1).executeTakeFirst();
  return row !== undefined;
}
