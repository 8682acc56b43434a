import { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { AIMessage, type BaseMessage } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';
import { tool } from '@langchain/core/tools';
import { createReactAgent } from '@langchain/langgraph/prebuilt';
import { z } from 'zod';
import { drafterSystem } from '../../agents/drafter/nodes/compose';
import { composeOffline } from '../../agents/drafter/nodes/compose-offline';
import { reviewDeterministic } from '../../agents/reviewer/deterministic';
import type { CrmCtx } from '../../crm/context';
import { parseIntent } from '../../france/intent/parse-intent';
import { prospect } from '../../agents/prospector/graph';
import type { TeammateDeps } from '../../graph/deps';
import type { WorkspaceProfile } from '../../identity/profile';
import { leadFactsForPrompt, loadLeadFacts, type LeadFacts } from '../../crm/lead-facts';
import { draftToolCallId } from '../../graph/outbound';
import { estimateTokens } from '../../graph/model/tokens';
import { LanguageSchema } from '../../lib/language';

// The bench's baseline: LangGraph's prebuilt ReAct agent (createReactAgent) given the same
// tools (find leads, lead facts, review, send_email through the same gate) and a simulated
// model of the same latency that drafts the same letters. It works the way a ReAct agent does:
// one tool call per model turn, the whole growing conversation re-sent every turn.

type Usage = { calls: number; tokensIn: number; tokensOut: number };

function text(m: BaseMessage): string {
  return typeof m.content === 'string' ? m.content : JSON.stringify(m.content);
}

class SimulatedReactModel extends BaseChatModel {
  private toolsJson = '';
  constructor(
    private readonly latencyMs: number,
    private readonly workspaceProfile: WorkspaceProfile,
    readonly usage: Usage,
  ) {
    super({});
  }
  _llmType() {
    return 'simulated-react';
  }
  bindTools(tools: unknown[]) {
    this.toolsJson = JSON.stringify(tools.map((t) => (t as { name: string; description: string }).name + (t as { description: string }).description));
    return this;
  }
  async _generate(messages: BaseMessage[]): Promise<ChatResult> {
    const input = messages.reduce((n, m) => n + 4 + estimateTokens(text(m)) + estimateTokens(JSON.stringify((m as AIMessage).tool_calls ?? [])), estimateTokens(this.toolsJson));
    await new Promise((r) => setTimeout(r, this.latencyMs));
    const message = this.next(messages);
    this.usage.calls++;
    this.usage.tokensIn += input;
    this.usage.tokensOut += estimateTokens(text(message) + JSON.stringify(message.tool_calls ?? []));
    return { generations: [{ text: text(message), message }] };
  }
  /** The policy a capable model follows: leads, then for each lead facts → review → send. */
  private next(messages: BaseMessage[]): AIMessage {
    const tools = messages.filter((m) => m.getType() === 'tool');
    const call = (name: string, args: Record<string, unknown>) => new AIMessage({ content: '', tool_calls: [{ id: `call_${messages.length}`, name, args, type: 'tool_call' }] });
    if (tools.length === 0) return call('find_leads', { sector: 'rénovation', place: 'Lyon', count: 50 });
    const leads = (JSON.parse(text(tools[0])) as { leads: { personId: string }[] }).leads;
    const last = tools[tools.length - 1];
    const name = (last as { name?: string }).name;
    const sent = tools.filter((m) => (m as { name?: string }).name === 'send_email').length;
    if (name === 'find_leads' || name === 'send_email') {
      return sent < leads.length ? call('get_lead_facts', { personId: leads[sent].personId }) : new AIMessage(`${sent} drafts are waiting for approval.`);
    }
    if (name === 'get_lead_facts') {
      const f = JSON.parse(text(last)) as ReturnType<typeof leadFactsForPrompt>;
      const facts: LeadFacts = {
        personId: f.personId,
        firstName: f.dirigeant?.firstName ?? '',
        lastName: f.dirigeant?.lastName ?? '',
        role: f.dirigeant?.role ?? null,
        civility: f.dirigeant?.civility ?? null,
        email: null,
        optedOut: false,
        company: f.company
          ? {
              id: '',
              name: f.company.name,
              activity: f.company.activity,
              nafCode: null,
              city: f.company.city,
              postcode: null,
              headcountBand: f.company.headcount,
              creationYear: f.company.creationYear,
            }
          : null,
      };
      const d = composeOffline(facts, this.workspaceProfile, 'fr', `react:${f.personId}`);
      return call('review_draft', { personId: f.personId, subject: d.subject, body: d.body });
    }
    // after review_draft: send the reviewed draft
    const reviewed = [...messages].reverse().find((m) => m.getType() === 'ai' && (m as AIMessage).tool_calls?.[0]?.name === 'review_draft') as AIMessage;
    const args = reviewed.tool_calls![0].args as { personId: string; subject: string; body: string };
    return call('send_email', { ...args, language: 'fr' });
  }
}

export type BaselineResult = { wallMs: number; drafts: number; usage: Usage };

export async function runReactBaseline(deps: TeammateDeps, workspaceId: string, profile: WorkspaceProfile, request: string, latencyMs: number): Promise<BaselineResult> {
  const ctx: CrmCtx = { db: deps.db.kysely, jobs: deps.jobs, workspaceId, actor: { type: 'teammate', id: 'drafter' } };
  const usage: Usage = { calls: 0, tokensIn: 0, tokensOut: 0 };
  let drafts = 0;
  const tools = [
    tool(
      async ({ sector, place, count }) => {
        const intent = parseIntent(`${sector} ${place}`);
        const leads = await prospect(
          { db: deps.db.kysely, jobs: deps.jobs, companies: deps.companies, emit: async () => undefined },
          { workspaceId, runId: 'baseline', sectors: intent.sectors, places: intent.places, count, headcount: null, draft: true },
        );
        return JSON.stringify({ leads: leads.targets.map((personId) => ({ personId })) });
      },
      {
        name: 'find_leads',
        description: 'Find companies in a sector and place and create them as leads.',
        schema: z.object({ sector: z.string(), place: z.string(), count: z.number().int() }),
      },
    ),
    tool(
      async ({ personId }) => {
        const facts = (await loadLeadFacts(deps.db.kysely, workspaceId, [personId])).get(personId);
        return facts ? JSON.stringify(leadFactsForPrompt(facts, 'fr')) : 'not found';
      },
      { name: 'get_lead_facts', description: 'The facts of a lead.', schema: z.object({ personId: z.string() }) },
    ),
    tool(
      async ({ personId, subject, body }) => {
        const facts = (await loadLeadFacts(deps.db.kysely, workspaceId, [personId])).get(personId);
        return facts ? JSON.stringify(reviewDeterministic({ subject, body, language: 'fr' }, facts, profile, 'fr')) : 'not found';
      },
      { name: 'review_draft', description: 'Review a draft before sending it.', schema: z.object({ personId: z.string(), subject: z.string(), body: z.string() }) },
    ),
    tool(
      async ({ personId, subject, body }) => {
        const r = await deps.gate.proposeEmail(ctx, {
          personId,
          subject,
          body,
          language: 'fr',
          origin: { teammate: 'drafter', runId: 'react-baseline', threadId: 'react-baseline', toolCallId: draftToolCallId('react-baseline', personId) },
          reviewer: { verdict: 'pass', notes: [] },
        });
        drafts++;
        return JSON.stringify(r);
      },
      {
        name: 'send_email',
        description: 'Queue an email for the owner’s approval.',
        schema: z.object({ personId: z.string(), subject: z.string(), body: z.string(), language: LanguageSchema }),
      },
    ),
  ];
  const agent = createReactAgent({ llm: new SimulatedReactModel(latencyMs, profile, usage), tools, prompt: drafterSystem(profile, 'fr') });
  const t0 = performance.now();
  await agent.invoke({ messages: [{ role: 'user', content: request }] }, { recursionLimit: 1000 });
  return { wallMs: performance.now() - t0, drafts, usage };
}
