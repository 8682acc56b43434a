import { deleteConversationsOf } from '../db/repositories/conversations';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { CrmCtx } from '../crm/context';
import { UuidSchema } from '../crm/schemas';
import { findAction, redactActionsOf, redactActionVersions } from '../db/repositories/actions';
import { insertActivity } from '../db/repositories/activities';
import { appendAudit, type Actor } from '../db/repositories/audit';
import type { Executor } from '../db/repositories/executor';
import { deleteUnreferencedCompany } from '../db/repositories/companies';
import { deleteLeadDraftsOf } from '../db/repositories/lead-drafts';
import { deletePerson, deletePersonHistory, lockPerson, markOptedOut } from '../db/repositories/people';
import { deleteStyleExamplesOf } from '../db/repositories/style-examples';
import { isSuppressed, keepOnlyHash, suppressAddress, suppressErasedAddress } from '../db/repositories/suppressions';
import { findWorkspace } from '../db/repositories/workspaces';
import type { Database } from '../db/schema';
import { emailHash } from '../lib/canonical-hash';
import { AppError, notFound } from '../lib/errors';
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

/** `reason`: what the person said, if noted; it goes on their timeline (erased with them), never in the audit log. */
type OptOut = { workspaceId: string; email: string | null; personId: string | null; actor: Actor; source: string; reason?: string };

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
      summary: o.reason || o.source,
      data: { source: o.source, ...(o.reason ? { reason: o.reason } : {}) },
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

/** Why an objection was recorded by hand (optional): the API's body and the Portal's form. */
// a NUL or a lone surrogate cannot be stored (text, jsonb): refused here rather than failing in SQL
export const OptOutRequestSchema = z
  .object({
    reason: z
      .string()
      .trim()
      .max(500)
      .refine((s) => !s.includes('\u0000') && !/\p{Cs}/u.test(s), 'must not contain a NUL character or a lone surrogate')
      .optional(),
  })
  .strict();
export type OptOutRequest = z.infer<typeof OptOutRequestSchema>;

/** A member records an objection received by phone or mail (a safe direction: no admin needed). */
export async function optOutPerson(ctx: CrmCtx, personId: string, request: OptOutRequest = {}): Promise<OptOutResult> {
  return ctx.db.transaction().execute(async (trx) => {
    const person = await lockPerson(trx, ctx.workspaceId, personId);
    if (!person) throw notFound('person');
    return recordOptOut(trx, { workspaceId: ctx.workspaceId, email: person.email, personId, actor: ctx.actor, source: 'recorded by a user', reason: request.reason });
  });
}

/** A reply asking to hear no more ("merci de ne plus me contacter") is the objection itself. */
export function optOutByReply(trx: Executor, r: { workspaceId: string; personId: string | null; email: string }): Promise<OptOutResult> {
  return recordOptOut(trx, { ...r, actor: { type: 'system', id: 'replies' }, source: 'reply' });
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

/** Why a person is forgotten: their request (GDPR art. 17), or 3 years without a word from a prospect (CNIL). */
export type ForgetCause = 'erasure' | 'retention';

export type Forget = { workspaceId: string; person: LockedPerson; actor: Actor; cause: ForgetCause; auditData?: Record<string, unknown> };
export type LockedPerson = NonNullable<Awaited<ReturnType<typeof lockPerson>>>;
export type Forgotten = { cancelled: number; redactedActions: number; companyDeleted: boolean };

const CANCEL_REASON: Record<ForgetCause, string> = { erasure: 'the person was erased', retention: 'the prospect data reached its retention limit' };
const AUDIT_ACTION: Record<ForgetCause, string> = { erasure: 'person.erased', retention: 'person.purged' };

/**
 * The one place that forgets a person (inside the caller's transaction, the person locked): their
 * unsent actions are cancelled and every payload that named them redacted, with the versions; the
 * drafts and style examples made from them, their record, timeline, notes and tasks are deleted,
 * and so is their company when nothing else refers to it (a prospect's, or a sole trader's: it is
 * the person). Only the hash of their address may stay on the suppression list: an erasure adds
 * it (never contacted again); the purge keeps an objection made earlier, without the address.
 */
export async function forgetPerson(trx: Executor, f: Forget): Promise<Forgotten> {
  const { workspaceId, person } = f;
  const hash = person.email ? emailHash(person.email) : null;
  if (hash && f.cause === 'erasure') await suppressErasedAddress(trx, workspaceId, hash);
  if (hash && f.cause === 'retention') await keepOnlyHash(trx, workspaceId, hash);
  const recipient = { personIds: [person.id], hash };
  const cancelled = await transitionActions(trx, {
    to: 'cancelled',
    actor: f.actor,
    from: UNSENT,
    workspaceId,
    recipient,
    set: { reason: CANCEL_REASON[f.cause] },
    auditData: { cause: f.cause },
  });
  const actionIds = await redactActionsOf(trx, workspaceId, recipient);
  await redactActionVersions(trx, actionIds);
  await deleteStyleExamplesOf(trx, workspaceId, actionIds);
  await deleteLeadDraftsOf(trx, workspaceId, person.id);
  await deleteConversationsOf(trx, workspaceId, person.id); // their replies, raw messages included
  const companyId = f.cause === 'retention' || person.is_natural_person ? person.company_id : null;
  const companyDeleted = companyId ? await deleteUnreferencedCompany(trx, workspaceId, companyId, person.id) : false;
  await deletePersonHistory(trx, workspaceId, person.id);
  await deletePerson(trx, workspaceId, person.id);
  // ids, counts and dates only: the audit log is append-only and outlives the person
  await appendAudit(trx, {
    workspaceId,
    actor: f.actor,
    action: AUDIT_ACTION[f.cause],
    subjectType: 'person',
    subjectId: person.id,
    data: { ...f.auditData, cancelled: cancelled.length, redactedActions: actionIds.length, ...(companyDeleted ? { companyDeleted: companyId } : {}) },
  });
  return { cancelled: cancelled.length, redactedActions: actionIds.length, companyDeleted };
}

/**
 * Erasure (GDPR art. 17): the person's record, timeline, notes and tasks are deleted, their
 * unsent actions cancelled and every payload that named them redacted; only the address hash
 * stays on the suppression list so they are never contacted again.
 */
export async function erasePerson(ctx: CrmCtx, personId: string): Promise<EraseResult> {
  // an administrator's decision, whichever way it comes (API, Portal)
  if (ctx.role !== 'admin') throw new AppError('forbidden', 'admin-only');
  return ctx.db.transaction().execute(async (trx) => {
    const person = await lockPerson(trx, ctx.workspaceId, personId);
    if (!person) throw notFound('person');
    const r = await forgetPerson(trx, { workspaceId: ctx.workspaceId, person, actor: ctx.actor, cause: 'erasure' });
    return { erased: true, cancelled: r.cancelled, redactedActions: r.redactedActions };
  });
}
