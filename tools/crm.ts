import { z } from 'zod';
import { pendingApprovalCount } from '../actions/counts';
import { countCompanies, countPeople, pipelineSummary } from '../crm/overview';
import { defineTool } from './registry';

// The CRM as a teammate may read it to answer a question ("combien d'affaires en négociation ?"):
// the ask step calls these through the registry, offline and with a model alike.
const Count = z.object({ count: z.number().int().nonnegative() }).strict();

export const pipelineSummaryTool = defineTool({
  name: 'pipeline_summary',
  description: 'Deals per pipeline stage: count and total amount (cents).',
  kind: 'read',
  input: z.object({}).strict(),
  output: z.object({ stages: z.array(z.object({ key: z.string(), name: z.string(), outcome: z.string(), count: z.number(), amountCents: z.number() }).strict()) }).strict(),
  run: async (ctx) => ({ stages: await pipelineSummary(ctx.crm) }),
});

export const countPeopleTool = defineTool({
  name: 'count_people',
  description: 'Number of leads or contacts in the CRM.',
  kind: 'read',
  input: z.object({ kind: z.enum(['lead', 'contact']) }).strict(),
  output: Count,
  run: async (ctx, i) => ({ count: await countPeople(ctx.crm, i.kind) }),
});

export const countCompaniesTool = defineTool({
  name: 'count_companies',
  description: 'Number of companies in the CRM.',
  kind: 'read',
  input: z.object({}).strict(),
  output: Count,
  run: async (ctx) => ({ count: await countCompanies(ctx.crm) }),
});

export const pendingDraftsTool = defineTool({
  name: 'pending_drafts',
  description: 'Number of drafts waiting for approval.',
  kind: 'read',
  input: z.object({}).strict(),
  output: Count,
  run: async (ctx) => ({ count: await pendingApprovalCount(ctx.crm) }),
});
