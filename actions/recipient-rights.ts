import { sql, type Kysely } from 'kysely';
import { readUnsubscribeToken } from '../channels/unsubscribe-token';
import type { SecretKeys } from '../channels/secrets';
import type { CrmCtx } from '../crm/context';
import { findAction, transitionActions } from '../db/repositories/actions';
import { insertActivity } from '../db/repositories/activities';
import { appendAudit, type Actor } from '../db/repositories/audit';
import type { Executor } from '../db/repositories/executor';
import type { Database } from '../db/schema';
import { emailHash } from '../lib/canonical-hash';
import { notFound } from '../lib/errors';
import { PENDING, UNSENT } from './states';
import type { Language } from '../lib/language';

// Objection (opt-out) and erasure. The suppression list is keyed by sha256(address), so it is
// honoured forever — even after the person's record is erased — without keeping the address.

export type OptOutResult = { suppressed: boolean; people: string[]; cancelled: number };

type OptOut = { workspaceId: string; email: string | null; personId: string | null; actor: Actor; source: string };

/**
 * Records an objection: suppression entry, opted_out_at on every record with that address, and
 * the recipient's pending actions cancelled. Approved-but-unsent ones are refused by the
 * dispatcher at send time (it checks the suppression list), which audits the refusal.
 */
async function recordOptOut(trx: Executor, o: OptOut): Promise<OptOutResult> {
  const hash = o.email ? emailHash(o.email) : null;
  if (hash) {
    await trx
      .insertInto('suppressions')
      .values({ workspace_id: o.workspaceId, email_hash: hash, email: o.email!.trim().toLowerCase(), reason: 'opt_out', source: o.source })
      .onConflict((oc) => oc.columns(['workspace_id', 'email_hash']).doNothing())
      .execute();
  }
  const people = await trx
    .updateTable('people')
    .set({ opted_out_at: sql`coalesce(opted_out_at, now())`, version: sql`version + 1`, updated_at: new Date() })
    .where('workspace_id', '=', o.workspaceId)
    .where((eb) => {
      const ors = [];
      if (o.personId) ors.push(eb('id', '=', o.personId));
      if (o.email) ors.push(eb(sql<string>`lower(email)`, '=', o.email.trim().toLowerCase()));
      return eb.or(ors);
    })
    .returning('id')
    .execute();
  const ids = people.map((p) => p.id);
  const cancelled = await transitionActions(trx, {
    to: 'cancelled',
    actor: o.actor,
    from: PENDING,
    workspaceId: o.workspaceId,
    where: recipientMatch(ids, hash),
    set: { reason: 'the recipient opted out' },
    auditData: { cause: 'opt_out' },
  });
  for (const id of ids) {
    await insertActivity(trx, { workspaceId: o.workspaceId, subjectType: 'person', subjectId: id, kind: 'opted_out', actor: o.actor, summary: o.source, data: { source: o.source } });
    await appendAudit(trx, { workspaceId: o.workspaceId, actor: o.actor, action: 'person.opted_out', subjectType: 'person', subjectId: id, data: { source: o.source, cancelled: cancelled.length } });
  }
  return { suppressed: hash !== null, people: ids, cancelled: cancelled.length };
}

function recipientMatch(personIds: string[], hash: string | null) {
  const byPerson = personIds.length ? sql`a.person_id = any(${personIds}::uuid[])` : sql`false`;
  return hash ? sql`(${byPerson} or a.recipient_hash = ${hash})` : byPerson;
}

/** A member records an objection received by phone or mail (a safe direction: no admin needed). */
export async function optOutPerson(ctx: CrmCtx, personId: string): Promise<OptOutResult> {
  return ctx.db.transaction().execute(async (trx) => {
    const person = await trx.selectFrom('people').select(['id', 'email']).where('workspace_id', '=', ctx.workspaceId).where('id', '=', personId).forUpdate().executeTakeFirst();
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
  const [action, workspace] = await Promise.all([
    findAction(db, ref.workspaceId, ref.actionId),
    db.selectFrom('workspaces').select(['legal_name', 'default_language']).where('id', '=', ref.workspaceId).executeTakeFirst(),
  ]);
  if (!action || !workspace) return null;
  const payload = action.current_payload as { language?: Language };
  const suppressed = action.recipient_hash
    ? Boolean(await db.selectFrom('suppressions').select('email_hash').where('workspace_id', '=', ref.workspaceId).where('email_hash', '=', action.recipient_hash).executeTakeFirst())
    : false;
  return { sender: workspace.legal_name, language: payload.language ?? workspace.default_language, alreadyOptedOut: suppressed };
}

export type EraseResult = { erased: true; cancelled: number; redactedActions: number };
const REDACTED = JSON.stringify({ redacted: true });

/**
 * Erasure (GDPR art. 17): the person's record, timeline, notes and tasks are deleted, their
 * unsent actions cancelled and every payload that named them redacted; only the address hash
 * stays on the suppression list so they are never contacted again.
 */
export async function erasePerson(ctx: CrmCtx, personId: string): Promise<EraseResult> {
  return ctx.db.transaction().execute(async (trx) => {
    const person = await trx.selectFrom('people').select(['id', 'email']).where('workspace_id', '=', ctx.workspaceId).where('id', '=', personId).forUpdate().executeTakeFirst();
    if (!person) throw notFound('person');
    const hash = person.email ? emailHash(person.email) : null;
    if (hash) {
      await trx
        .insertInto('suppressions')
        .values({ workspace_id: ctx.workspaceId, email_hash: hash, email: null, reason: 'erased', source: 'erasure request' })
        .onConflict((oc) => oc.columns(['workspace_id', 'email_hash']).doUpdateSet({ email: null }))
        .execute();
    }
    const match = recipientMatch([personId], hash);
    const cancelled = await transitionActions(trx, {
      to: 'cancelled',
      actor: ctx.actor,
      from: UNSENT,
      workspaceId: ctx.workspaceId,
      where: match,
      set: { reason: 'the person was erased' },
      auditData: { cause: 'erasure' },
    });
    const redacted = await sql<{ id: string }>`
      update actions a set proposed_payload = ${REDACTED}::jsonb, current_payload = ${REDACTED}::jsonb,
        approved_payload = case when a.approved_payload is null then null else ${REDACTED}::jsonb end,
        executed_payload = case when a.executed_payload is null then null else ${REDACTED}::jsonb end,
        reviewer = null, updated_at = now()
      where a.workspace_id = ${ctx.workspaceId} and ${match}
      returning a.id
    `.execute(trx);
    const actionIds = redacted.rows.map((r) => r.id);
    if (actionIds.length) await trx.updateTable('action_versions').set({ payload: REDACTED, reviewer: null }).where('action_id', 'in', actionIds).execute();
    for (const table of ['activities', 'notes', 'tasks'] as const) {
      await trx.deleteFrom(table).where('workspace_id', '=', ctx.workspaceId).where('subject_type', '=', 'person').where('subject_id', '=', personId).execute();
    }
    await trx.deleteFrom('people').where('workspace_id', '=', ctx.workspaceId).where('id', '=', personId).execute();
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
