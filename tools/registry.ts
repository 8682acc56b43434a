import { z } from 'zod';
import type { OutboundProposal, ActionOriginInput, ReviewerInput } from '../actions/payload';
import { proposeOutbound } from '../actions/propose';
import type { CrmCtx } from '../crm/context';
import { AppError } from '../lib/errors';
import { parseWith } from '../lib/validation';

// Typed tools for teammates: zod in, zod out, and a kind. `read` queries the CRM, `write` changes
// internal CRM state (audited by the domain functions), `outbound` is intercepted: an outbound
// tool has no run function of its own — its only effect is proposeOutbound, i.e. an action that
// waits for a human OK. Nothing here can reach a channel.
export type ToolKind = 'read' | 'write' | 'outbound';

export type ToolContext = {
  crm: CrmCtx;
  /** where the call comes from: teammate, run, thread, tool-call id (the idempotency key) */
  origin?: ActionOriginInput;
  /** the reviewer's verdict on an outbound draft, when a reviewer saw it */
  reviewer?: ReviewerInput;
  initialStatus?: 'draft' | 'in_review' | 'pending_approval';
};

export type Tool<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> = {
  name: string;
  description: string;
  kind: ToolKind;
  input: I;
  output: O;
  run: (ctx: ToolContext, input: z.infer<I>) => Promise<z.infer<O>>;
};

export function defineTool<I extends z.ZodType, O extends z.ZodType>(t: Tool<I, O> & { kind: 'read' | 'write' }): Tool<I, O> {
  return t;
}

export const OutboundResultSchema = z.object({ actionId: z.uuid(), status: z.string() }).strict();
export type OutboundResult = z.infer<typeof OutboundResultSchema>;

/** An outbound tool: maps its input to a proposal; running it only ever records an action. */
export function defineOutboundTool<I extends z.ZodType>(t: {
  name: string;
  description: string;
  input: I;
  toProposal: (input: z.infer<I>) => OutboundProposal;
}): Tool<I, typeof OutboundResultSchema> {
  return {
    name: t.name,
    description: t.description,
    kind: 'outbound',
    input: t.input,
    output: OutboundResultSchema,
    run: async (ctx, input) => {
      const proposal = { ...t.toProposal(input), origin: ctx.origin, reviewer: ctx.reviewer, initialStatus: ctx.initialStatus } as OutboundProposal;
      const r = await proposeOutbound(ctx.crm, proposal);
      return { actionId: r.actionId, status: r.status };
    },
  };
}

export type ToolRegistry = ReadonlyMap<string, Tool>;

export function registry(tools: Tool[]): ToolRegistry {
  return new Map(tools.map((t) => [t.name, t]));
}

/** Validates the input, runs the tool, validates the output: zod at both boundaries. */
export async function runTool(tools: ToolRegistry, ctx: ToolContext, name: string, input: unknown): Promise<unknown> {
  const tool = tools.get(name);
  if (!tool) throw new AppError('not_found', `no tool named ${name}`);
  const parsed = parseWith(tool.input, input);
  const out = await tool.run(ctx, parsed);
  return tool.output.parse(out);
}
