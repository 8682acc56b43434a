import type { Db } from '../../db/connection';
import { hasStyleExample, nearestStyleExamplesByText, nearestStyleExamplesByVector, upsertStyleExample, type StyleExampleRow } from '../../db/repositories/style-examples';
import { foldText, hashEmbedding } from '../../lib/embedding';
import { uuidv7 } from '../../lib/ids';
import type { Language } from '../../lib/language';

// Approved drafts kept as style examples; the drafter gets the k most similar (pgvector when
// the server has it, pg_trgm similarity otherwise), so the owner's edits teach it.

// the CRM's offline embedding (lib/embedding), over the lead's context
const toVector = (text: string) => `[${hashEmbedding([{ text: foldText(text), weight: 1 }]).join(',')}]`;

export type StyleExample = StyleExampleRow;

export async function recordStyleExample(
  db: Db,
  e: { workspaceId: string; actionId: string; language: Language; subject: string; body: string; edited: boolean; context: string },
): Promise<void> {
  const example = {
    id: uuidv7(),
    workspaceId: e.workspaceId,
    actionId: e.actionId,
    language: e.language,
    subject: e.subject,
    body: e.body,
    source: e.edited ? ('edited' as const) : ('approved' as const),
    context: e.context,
  };
  await upsertStyleExample(db.kysely, example, db.vector ? toVector(e.context) : null);
}

export async function similarStyleExamples(db: Db, workspaceId: string, language: Language, context: string, k: number): Promise<StyleExample[]> {
  if (k <= 0) return [];
  return db.vector
    ? nearestStyleExamplesByVector(db.kysely, workspaceId, language, toVector(context), k)
    : nearestStyleExamplesByText(db.kysely, workspaceId, language, context, k);
}

export function hasStyleExamples(db: Db['kysely'], workspaceId: string, language: Language): Promise<boolean> {
  return hasStyleExample(db, workspaceId, language);
}
