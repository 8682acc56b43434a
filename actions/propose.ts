import type { CrmCtx } from '../crm/context';
import { recipientFacts } from '../db/repositories/action-recipients';
import { findActionByKey, insertAction } from '../db/repositories/actions';
import { findCompany } from '../db/repositories/companies';
import { findDeal } from '../db/repositories/deals';
import type { ActionStatus } from '../db/tables/approval';
import { payloadHash, sha256Hex } from '../lib/canonical-hash';
import { AppError, conflict, invalid, notFound } from '../lib/errors';
import { uuidv7 } from '../lib/ids';
import { parseWith } from '../lib/validation';
import { matchRule } from './auto-approve';
import { buildPayload, ProposalSchema, type OutboundProposal, type ParsedProposal } from './payload';

export type ProposeResult = { actionId: string; status: ActionStatus; created: boolean };

export const DEFAULT_PENDING_EXPIRY_DAYS = 14;

/**
 * The gate every outbound effect goes through (tools, API, CLI): never executes anything,
 * records an action and answers `{ actionId, status }`. A retried call (same tool call id, same
 * caller key, or the same content from the same actor) returns the same action.
 */
export async function proposeOutbound(ctx: CrmCtx, input: OutboundProposal): Promise<ProposeResult> {
  const p = parseWith(ProposalSchema, input);
  const facts = await recipientFacts(ctx.db, ctx.workspaceId, p.personId);
  if (!facts) throw notFound('person');
  if (!facts.email || !facts.recipient_hash) throw invalid('personId', 'this person has no email address');
  if (facts.opted_out_at || facts.suppressed) throw conflict('the recipient has opted out: nothing can be sent to them', { field: 'personId' });
  if (p.companyId && !(await findCompany(ctx.db, ctx.workspaceId, p.companyId))) throw notFound('company');
  if (p.dealId && !(await findDeal(ctx.db, ctx.workspaceId, p.dealId))) throw notFound('deal');

  const name = `${facts.first_name} ${facts.last_name}`.trim();
  const payload = buildPayload(p, { email: facts.email, name }, p.language ?? facts.default_language);
  const hash = payloadHash(payload);
  const teammate = p.origin?.teammate ?? (ctx.actor.type === 'teammate' ? ctx.actor.id : null);
  const origin = { ...p.origin, ...(teammate ? { teammate } : {}) };
  const idempotencyKey = sha256Hex(idempotencySource(ctx, p, teammate, hash));

  const status: ActionStatus = p.initialStatus ?? 'pending_approval';
  const now = new Date();
  const rule =
    status === 'pending_approval'
      ? matchRule(facts.rules, {
          kind: p.kind,
          teammate,
          sequenceStep: p.sequenceStep ?? null,
          reviewerVerdict: p.reviewer?.verdict ?? null,
          recipientApprovedBefore: facts.approved_before,
          now,
        })
      : null;
  const expiryDays = facts.settings.pendingExpiryDays ?? DEFAULT_PENDING_EXPIRY_DAYS;

  const inserted = await insertAction(ctx.db, {
    id: uuidv7(),
    workspaceId: ctx.workspaceId,
    kind: p.kind,
    status: rule ? 'approved' : status,
    personId: facts.id,
    companyId: p.companyId ?? facts.company_id,
    dealId: p.dealId ?? null,
    recipientHash: facts.recipient_hash,
    payload,
    payloadHash: hash,
    teammate,
    origin,
    sequenceStep: p.sequenceStep ?? null,
    idempotencyKey,
    reviewer: p.reviewer ?? null,
    expiresAt: new Date(now.getTime() + expiryDays * 86_400_000),
    createdBy: ctx.actor,
    approvedByRule: rule?.id ?? null,
  });
  if (inserted) return { actionId: inserted.id, status: inserted.status, created: true };
  const existing = await findActionByKey(ctx.db, ctx.workspaceId, idempotencyKey);
  if (!existing) throw new AppError('internal', 'the action vanished while being proposed');
  return { actionId: existing.id, status: existing.status, created: false };
}

/**
 * Deterministic: the tool call when there is one, else the caller's key, else the content. A
 * caller's key is the caller's own: two users of a workspace reusing one never share an action.
 */
function idempotencySource(ctx: CrmCtx, p: ParsedProposal, teammate: string | null, hash: string): string {
  if (p.idempotencyKey) return `key|${ctx.actor.type}|${ctx.actor.id ?? ''}|${p.idempotencyKey}`;
  const o = p.origin;
  if (o?.toolCallId) return toolCallSource(teammate, { ...o, toolCallId: o.toolCallId });
  return `content|${ctx.actor.type}|${ctx.actor.id ?? ''}|${p.kind}|${p.personId}|${p.sequenceStep ?? ''}|${hash}`;
}

type ToolCallOrigin = { runId?: string; threadId?: string; toolCallId: string };

function toolCallSource(teammate: string | null, o: ToolCallOrigin): string {
  return `tool|${teammate ?? ''}|${o.runId ?? ''}|${o.threadId ?? ''}|${o.toolCallId}`;
}

/** The action a teammate's tool call already became, if any (a resumed run skips that work). */
export function findToolCallAction(ctx: CrmCtx, teammate: string, origin: ToolCallOrigin) {
  return findActionByKey(ctx.db, ctx.workspaceId, sha256Hex(toolCallSource(teammate, origin)));
}
