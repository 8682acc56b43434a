import { z } from 'zod';
import type { CrmCtx } from '../../../crm/context';
import type { StageSummary } from '../../../crm/overview';
import { foldAccents } from '../../../france/text/normalize';
import { fill, prompt, replies } from '../../../prompts';
import type { Language } from '../../../lib/language';
import { chooseTool, type ToolDefs } from '../../../graph/model/structured';
import type { ChatModel, ModelMessage } from '../../../graph/model/types';
import { runTool, toolRegistry } from '../../../tools';

// The ask step: a question about the CRM answered from the registry's read tools — picked by
// the question's words offline, by the model in a short tool loop otherwise.

export function formatAmount(cents: number, lang: Language): string {
  return new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(cents / 100);
}

const read = async <T>(ctx: CrmCtx, name: string, input: unknown = {}) => (await runTool(toolRegistry, { crm: ctx }, name, input)) as T;
const count = async (ctx: CrmCtx, name: string, input: unknown = {}) => (await read<{ count: number }>(ctx, name, input)).count;

/** Offline: the question's words pick the read tool ("combien d'affaires en négociation ?"). */
export async function answerOffline(ctx: CrmCtx, question: string, lang: Language): Promise<string> {
  const say = replies(lang).ask;
  const q = ` ${foldAccents(question).replace(/[^a-z0-9]+/g, ' ')} `;
  const { stages } = await read<{ stages: StageSummary[] }>(ctx, 'pipeline_summary');
  const stage = stages.find((s) => q.includes(` ${foldAccents(s.name)} `) || q.includes(` ${s.key.replace(/_/g, ' ')} `));
  const aboutDeals = / (affaire|affaires|deal|deals|pipeline|opportunite|opportunites) /.test(q);
  if (stage && (aboutDeals || !/ (prospect|lead|contact)/.test(q))) return say.dealsInStage(stage.count, stage.name, formatAmount(stage.amountCents, lang));
  if (aboutDeals) {
    const open = stages.filter((s) => s.outcome === 'open');
    return say.dealsOpen(
      open.reduce((n, s) => n + s.count, 0),
      formatAmount(
        open.reduce((n, s) => n + s.amountCents, 0),
        lang,
      ),
    );
  }
  if (/ (brouillon|brouillons|draft|drafts|attente|validation|approval) /.test(q)) return say.drafts(await count(ctx, 'pending_drafts'));
  if (/ (prospect|prospects|lead|leads) /.test(q)) return say.leads(await count(ctx, 'count_people', { kind: 'lead' }));
  if (/ (contact|contacts) /.test(q)) return say.contacts(await count(ctx, 'count_people', { kind: 'contact' }));
  if (/ (entreprise|entreprises|societe|societes|company|companies) /.test(q)) return say.companies(await count(ctx, 'count_companies'));
  return say.unknown;
}

const FinalAnswer = z.object({ answer: z.string().min(1).max(2000) }).strict();

/** The model sees the registry's read tools as they are declared, plus its way to answer. */
const ASK_TOOLS: ToolDefs = {
  ...Object.fromEntries([...toolRegistry.values()].filter((t) => t.kind === 'read').map((t) => [t.name, { description: t.description, schema: t.input }])),
  final_answer: { description: 'Give the final answer to the user.', schema: FinalAnswer },
};

const MAX_STEPS = 5;

/** With a model: a short tool loop over the read tools, ending with final_answer. */
export async function answerWithModel(model: ChatModel, ctx: CrmCtx, workspaceName: string, question: string, lang: Language): Promise<string> {
  const p = prompt('ask', lang);
  const messages: ModelMessage[] = [
    { role: 'system', content: fill(p.system, { workspaceName }) },
    { role: 'user', content: fill(p.parts.question, { question }) },
  ];
  for (let step = 0; step < MAX_STEPS; step++) {
    const call = await chooseTool(model, { purpose: 'ask', temperature: 0, messages, toolChoice: step === MAX_STEPS - 1 ? { name: 'final_answer' } : 'required' }, ASK_TOOLS);
    if (call.name === 'final_answer') return FinalAnswer.parse(call.args).answer;
    const result = await runTool(toolRegistry, { crm: ctx }, call.name, call.args);
    messages.push({ role: 'assistant', content: null, toolCalls: [{ id: call.callId, name: call.name, arguments: JSON.stringify(call.args) }] });
    messages.push({ role: 'tool', toolCallId: call.callId, content: JSON.stringify(result) });
  }
  return replies(lang).ask.unknown;
}
