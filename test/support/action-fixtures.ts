import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { emailHash, payloadHash, sha256Hex } from '../../lib/canonical-hash';
import { uuidv7 } from '../../lib/ids';

/**
 * Many pending email actions to one recipient, inserted in batches (volume tests and benchmarks):
 * the rows are exactly what proposeOutbound would write, with real payload hashes, so the
 * dispatcher's integrity checks apply to them.
 */
export async function insertPendingEmails(db: Kysely<Database>, o: { workspaceId: string; personId: string; email: string; n: number }): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < o.n; start += 500) {
    const rows = Array.from({ length: Math.min(500, o.n - start) }, (_, k) => {
      const i = start + k;
      const payload = { to: { email: o.email, name: 'Volume' }, subject: `Message ${i}`, body: `Bonjour,\n\nmessage numéro ${i}.`, language: 'fr' };
      const id = uuidv7();
      ids.push(id);
      return {
        id,
        workspace_id: o.workspaceId,
        kind: 'email' as const,
        status: 'pending_approval' as const,
        person_id: o.personId,
        company_id: null,
        deal_id: null,
        recipient_hash: emailHash(o.email),
        proposed_payload: JSON.stringify(payload),
        current_payload: JSON.stringify(payload),
        payload_hash: payloadHash(payload),
        teammate: 'drafter',
        origin: JSON.stringify({ teammate: 'drafter', toolCallId: `volume-${i}` }),
        sequence_step: null,
        idempotency_key: sha256Hex(`volume|${id}`),
        expires_at: new Date(Date.now() + 86_400_000),
        created_by_type: 'teammate' as const,
        created_by_id: 'drafter',
      };
    });
    await db.insertInto('actions').values(rows).execute();
  }
  return ids;
}
