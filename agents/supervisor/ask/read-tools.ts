import { z } from 'zod';
import type { Kysely } from 'kysely';
import { summarizeByStage } from '../../../db/repositories/deals';
import type { Database } from '../../../db/schema';

// Read-only CRM tools for the "ask" route: what the teammate may look at to answer.

export async function pipelineSummary(db: Kysely<Database>, workspaceId: string) {
  const rows = await summarizeByStage(db, workspaceId);
  return rows.map((r) => ({ key: r.key, name: r.name, outcome: r.outcome, count: Number(r.count), amountCents: Number(r.amount_cents) }));
}

export async function countPeople(db: Kysely<Database>, workspaceId: string, kind: 'lead' | 'contact') {
  const r = await db.selectFrom('people').select((eb) => eb.fn.countAll<number>().as('n')).where('workspace_id', '=', workspaceId).where('kind', '=', kind).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function countCompanies(db: Kysely<Database>, workspaceId: string) {
  const r = await db.selectFrom('companies').select((eb) => eb.fn.countAll<number>().as('n')).where('workspace_id', '=', workspaceId).executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function pendingDrafts(db: Kysely<Database>, workspaceId: string) {
  const r = await db.selectFrom('actions').select((eb) => eb.fn.countAll<number>().as('n')).where('workspace_id', '=', workspaceId).where('status', '=', 'pending_approval').executeTakeFirstOrThrow();
  return Number(r.n);
}

export const READ_TOOLS = {
  pipeline_summary: { description: 'Deals per pipeline stage: count and total amount (cents).', schema: z.object({}).strict() },
  count_people: { description: 'Number of leads or contacts in the CRM.', schema: z.object({ kind: z.enum(['lead', 'contact']) }).strict() },
  count_companies: { description: 'Number of companies in the CRM.', schema: z.object({}).strict() },
  pending_drafts: { description: 'Number of drafts waiting for approval.', schema: z.object({}).strict() },
  final_answer: { description: 'Give the final answer to the user.', schema: z.object({ answer: z.string().min(1).max(2000) }).strict() },
};
