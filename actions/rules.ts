import { z } from 'zod';
import type { CrmCtx } from '../crm/context';
import { DateTimeSchema, UuidSchema, VersionSchema } from '../crm/schemas';
import { staleVersion } from '../crm/companies';
import { appendAudit } from '../db/repositories/audit';
import { countRuleApprovals, findRuleApproved } from '../db/repositories/actions';
import { deleteAutoApproveRule, findAutoApproveRule, insertAutoApproveRule, listAutoApproveRules, updateAutoApproveRule } from '../db/repositories/auto-approve-rules';
import type { AutoApproveRuleRow } from '../db/tables/approval';
import { invalid, notFound } from '../lib/errors';
import { uuidv7 } from '../lib/ids';
import { ActionKindSchema } from './payload';

// Auto-approve rules (admin-only, enforced by the routes). Off by default: none exists until an
// admin creates one, each has a scope and a required expiry, and every approval it makes is
// audited with its id (actor type "rule").
const MAX_RULE_DAYS = 366;
const future = DateTimeSchema;

export const RuleCreateSchema = z
  .object({
    name: z.string().trim().max(200).optional(),
    scope: z
      .object({
        kind: ActionKindSchema.optional(),
        teammate: z.string().trim().min(1).max(60).optional(),
        sequenceStep: z.number().int().min(1).max(100).optional(),
      })
      .strict()
      .default({}),
    conditions: z
      .object({ reviewerPassed: z.boolean().default(true), recipientApprovedBefore: z.boolean().default(false) })
      .strict()
      .default({ reviewerPassed: true, recipientApprovedBefore: false }),
    expiresAt: future,
  })
  .strict();

export const RulePatchSchema = z
  .object({ version: VersionSchema, name: z.string().trim().max(200).optional(), enabled: z.boolean().optional(), expiresAt: future.optional() })
  .strict();

export type RuleCreate = z.infer<typeof RuleCreateSchema>;
export type RulePatch = z.infer<typeof RulePatchSchema>;

function checkExpiry(expiresAt: string): Date {
  const d = new Date(expiresAt);
  if (d.getTime() <= Date.now()) throw invalid('expiresAt', 'must be in the future');
  if (d.getTime() > Date.now() + MAX_RULE_DAYS * 86_400_000) throw invalid('expiresAt', `must be within ${MAX_RULE_DAYS} days`);
  return d;
}

export const RuleDtoSchema = z.object({
  id: UuidSchema,
  name: z.string(),
  scope: z.object({ kind: ActionKindSchema.nullable(), teammate: z.string().nullable(), sequenceStep: z.number().int().nullable() }),
  conditions: z.object({ reviewerPassed: z.boolean(), recipientApprovedBefore: z.boolean() }),
  enabled: z.boolean(),
  expiresAt: DateTimeSchema,
  /** enabled and not expired */
  active: z.boolean(),
  createdBy: UuidSchema.nullable(),
  version: z.number().int(),
  createdAt: DateTimeSchema,
  updatedAt: DateTimeSchema,
});
export type RuleDto = z.infer<typeof RuleDtoSchema>;

export function ruleDto(r: AutoApproveRuleRow): RuleDto {
  return {
    id: r.id,
    name: r.name,
    scope: { kind: r.kind, teammate: r.teammate, sequenceStep: r.sequence_step },
    conditions: { reviewerPassed: r.require_reviewer_passed, recipientApprovedBefore: r.require_recipient_approved_before },
    enabled: r.enabled,
    expiresAt: r.expires_at.toISOString(),
    active: r.enabled && r.expires_at.getTime() > Date.now(),
    createdBy: r.created_by,
    version: r.version,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

export function listRules(ctx: CrmCtx) {
  return listAutoApproveRules(ctx.db, ctx.workspaceId);
}

/** What one rule approved: its name (null: unnamed or deleted since), how many, how many have left. */
export type RuleApprovals = { ruleId: string; ruleName: string | null; approved: number; sent: number };

/** What the workspace's rules approved since a date (the Library says it: those left without a human decision). */
export async function ruleApprovalsSince(ctx: Pick<CrmCtx, 'db' | 'workspaceId'>, since: Date): Promise<RuleApprovals[]> {
  const rows = await countRuleApprovals(ctx.db, ctx.workspaceId, since);
  return rows.map((r) => ({ ruleId: r.rule_id, ruleName: r.rule_name || null, approved: r.approved, sent: r.sent }));
}

/** Which of these actions a rule approved, by rule (a Chat turn says so instead of "waiting for your approval"). */
export async function ruleApprovalsAmong(ctx: Pick<CrmCtx, 'db' | 'workspaceId'>, ids: readonly string[]): Promise<(RuleApprovals & { actionIds: string[] })[]> {
  const byRule = new Map<string, RuleApprovals & { actionIds: string[] }>();
  for (const r of await findRuleApproved(ctx.db, ctx.workspaceId, ids)) {
    const rule = byRule.get(r.rule_id!) ?? { ruleId: r.rule_id!, ruleName: r.rule_name || null, approved: 0, sent: 0, actionIds: [] };
    rule.approved++;
    rule.actionIds.push(r.id);
    byRule.set(rule.ruleId, rule);
  }
  return [...byRule.values()];
}

/** Whether an enabled, unexpired rule exists: then not everything waits for a human. */
export async function hasActiveRule(ctx: CrmCtx): Promise<boolean> {
  const now = Date.now();
  return (await listRules(ctx)).some((r) => r.enabled && r.expires_at.getTime() > now);
}

export async function createRule(ctx: CrmCtx, input: RuleCreate) {
  const expiresAt = checkExpiry(input.expiresAt);
  return ctx.db.transaction().execute(async (trx) => {
    const rule = await insertAutoApproveRule(trx, {
      id: uuidv7(),
      workspace_id: ctx.workspaceId,
      name: input.name ?? '',
      kind: input.scope.kind ?? null,
      teammate: input.scope.teammate ?? null,
      sequence_step: input.scope.sequenceStep ?? null,
      require_reviewer_passed: input.conditions.reviewerPassed,
      require_recipient_approved_before: input.conditions.recipientApprovedBefore,
      expires_at: expiresAt,
      created_by: ctx.actor.id,
    });
    await appendAudit(trx, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      action: 'auto_approve_rule.created',
      subjectType: 'auto_approve_rule',
      subjectId: rule.id,
      data: ruleDto(rule),
    });
    return rule;
  });
}

export async function updateRule(ctx: CrmCtx, id: string, patch: RulePatch) {
  const expiresAt = patch.expiresAt ? checkExpiry(patch.expiresAt) : undefined;
  return ctx.db.transaction().execute(async (trx) => {
    const current = await findAutoApproveRule(trx, ctx.workspaceId, id);
    if (!current) throw notFound('rule');
    const updated = await updateAutoApproveRule(trx, ctx.workspaceId, id, patch.version, {
      name: patch.name ?? current.name,
      enabled: patch.enabled ?? current.enabled,
      expires_at: expiresAt ?? current.expires_at,
    });
    if (!updated) throw staleVersion(current.version);
    await appendAudit(trx, {
      workspaceId: ctx.workspaceId,
      actor: ctx.actor,
      action: 'auto_approve_rule.updated',
      subjectType: 'auto_approve_rule',
      subjectId: id,
      data: { fields: Object.keys(patch).filter((k) => k !== 'version') },
    });
    return updated;
  });
}

export async function deleteRule(ctx: CrmCtx, id: string) {
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await deleteAutoApproveRule(trx, ctx.workspaceId, id))) throw notFound('rule');
    await appendAudit(trx, { workspaceId: ctx.workspaceId, actor: ctx.actor, action: 'auto_approve_rule.deleted', subjectType: 'auto_approve_rule', subjectId: id });
  });
}
