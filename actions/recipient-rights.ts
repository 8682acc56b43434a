import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { CrmCtx } from '../crm/context';
import { UuidSchema } from '../crm/schemas';
import { findAction, redactActionsOf, redactActionVersions } from '../db/repositories/actions';
import { insertActivity } from '../db/repositories/activities';
import { appendAudit, type Actor } from '../db/repositories/audit';
import type { Executor } from '../db/repositories/executor';
import { deletePerson, deletePersonHistory, lockPerson, markOptedOut } from '../db/repositories/people';
import { isSuppressed, suppressAddress, suppressErasedAddress } from '../db/repositories/suppressions';
import { findWorkspace } from '../db/repositories/workspaces';
import type { Database } from '../db/schema';
import { emailHash } from '../lib/canonical-hash';
import { notFound } from '../lib/errors';
import type { SecretKeys } from '../lib/secrets';
import { PENDING, UNSENT } from './states';
import { transitionActions } from './transition';
import { readUnsubscribeToken } from './unsubscribe-token';
import type { Language } from '../lib/language';

// Objection (opt-out) and erasure. The suppression list is keyed by sha256(address), so it is
// honoured forever — even after the person's record is erased — without keeping the address.

/** `people`: the records with that address, now opted out; `cancelled`: their pending actions. */
export const OptOutResultSchema = z.object({ suppressed: z.boolean(), people: z.array(UuidSchema), cancelled: z.number().int() });
export type OptOutResult = z.infer<typeof OptOutResultSchema>;

type OptOut = { workspaceId: string; email: string | null; personId: string | null; actor: Actor; source: string };

/**
 * Records an objection: suppression entry, opted_out_at on every record with that address, and
 * the recipient's pending actions cancelled. Approved-but-unsent ones are refused by the
 * dispatcher at send time (it checks the suppression list), which audits the refusal.
 */
async function recordOptOut(trx: Executor, o: OptOut): Promise<OptOutResult> {
  const hash = o.email ? emailHash(o.email) : null;
  if (hash) await suppressAddress(trx, { workspaceId: o.workspaceId, emailHash: hash, email: o.email!.trim().toLowerCase(), source: o.source });
  const ids = await markOptedOut(trx, o.workspaceId, { personId: o.personId, email: o.email });
  const cancelled = await transitionActions(trx, {
    to: 'cancelled',
    actor: o.actor,
    from: PENDING,
    workspaceId: o.workspaceId,
    recipient: { personIds: ids, hash },
    set: { reason: 'the recipient opted out' },
    auditData: { cause: 'opt_out' },
  });
  for (const id of ids) {
    await insertActivity(trx, {
      workspaceId: o.workspaceId,
      subjectType: 'person',
      subjectId: id,
      kind: 'opted_out',
      actor: o.actor,
      summary: o.source,
      data: { source: o.source },
    });
    await appendAudit(trx, {
      workspaceId: o.workspaceId,
      actor: o.actor,
      action: 'person.opted_out',
      subjectType: 'person',
      subjectId: id,
      data: { source: o.source, cancelled: cancelled.length },
    });
  }
  return { suppressed: hash !== null, people: ids, cancelled: cancelled.length };
}

/** A member records an objection received by phone or mail (a safe direction: no admin needed). */
export async function optOutPerson(ctx: CrmCtx, personId: string): Promise<OptOutResult> {
  return ctx.db.transaction().execute(async (trx) => {
    const person = await lockPerson(trx, ctx.workspaceId, personId);
    if (!person) throw notFound('person');
    return recordOptOut(trx, { workspaceId: ctx.workspaceId, email: person.email, personId, actor: ctx.actor, source: 'recorded by a user' });
  });
}

/** The signed link of an email (GET shows the page; POST, including RFC 8058 one-click, lands here). */
export async function optOutByToken(db: Kysely<Database>, keys: SecretKeys, token: string): Promise<OptOutResult | null> {
  const ref = readUnsubscribeToken(keys, token);
  if (!ref) return null;
  const action = await findAction(db, ref.workspaceId, ref.actionId);
  if (!action) return null;
  const to = (action.current_payload as { to?: { email?: string } }).to;
  return db.transaction().execute((trx) =>
    recordOptOut(trx, {
      workspaceId: ref.workspaceId,
      email: to?.email ?? null,
      personId: action.person_id,
      actor: { type: 'system', id: 'unsubscribe-link' },
      source: 'unsubscribe link',
    }),
  );
}

/** Who a token is for, without changing anything (the GET confirmation page). */
export async function describeUnsubscribe(db: Kysely<Database>, keys: SecretKeys, token: string) {
  const ref = readUnsubscribeToken(keys, token);
  if (!ref) return null;
  const [action, workspace] = await Promise.all([findAction(db, ref.workspaceId, ref.actionId), findWorkspace(db, ref.workspaceId)]);
  if (!action || !workspace) return null;
  const payload = action.current_payload as { language?: Language };
  const suppressed = action.recipient_hash ? await isSuppressed(db, ref.workspaceId, action.recipient_hash) : false;
  return { sender: workspace.legal_name, language: payload.language ?? workspace.default_language, alreadyOptedOut: suppressed };
}

export const EraseResultSchema = z.object({ erased: z.literal(true), cancelled: z.number().int(), redactedActions: z.number().int() });
export type EraseResult = z.infer<typeof EraseResultSchema>;

/**
 * Erasure (GDPR art. 17): the person's record, timeline, notes and tasks are deleted, their
 * unsent actions cancelled and every payload that named them redacted; only the address hash
 * stays on the suppression list so they are never contacted again.
 */
export async function erasePerson(ctx: CrmCtx, personId: string): Promise<EraseResult> {
  return ctx.db.transaction().execute(async (trx) => {
    const person = await lockPerson(trx, ctx.workspaceId, personId);
    if (!person) throw notFound('person');
    const hash = person.email ? emailHash(person.email) : null;
    if (hash) await suppressErasedAddress(trx, ctx.workspaceId, hash);
    const recipient = { personIds: [personId], hash };
    const cancelled = await transitionActions(trx, {
      to: 'cancelled',
      actor: ctx.actor,
      from: UNSENT,
      workspaceId: ctx.workspaceId,
      recipient,
      set: { reason: 'the person was erased' },
      auditData: { cause: 'erasure' },
    });
    const actionIds = await redactActionsOf(trx, ctx.workspaceId, recipient);
    await redactActionVersions(trx, actionIds);
    await deletePersonHistory(trx, ctx.workspaceId, personId);
    await deletePerson(trx, ctx.workspaceId, personId);
    await appendAudit(trx, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      action: 'person.erased',
      subjectType: 'person',
      subjectId: personId,
      data: { cancelled: cancelled.length, redactedActions: actionIds.length },
    });
    return { erased: true, cancelled: cancelled.length, redactedActions: actionIds.length };
  });
}
