import type { Kysely } from 'kysely';
import { foldAccents } from '../../../france/text/normalize';
import type { Database } from '../../../db/schema';
import { fill, prompt, replies } from '../../../prompts';
import type { Language } from '../../../lib/language';
import { callTool } from '../../../graph/model/structured';
import type { ChatModel, ModelMessage } from '../../../graph/model/types';
import { countCompanies, countPeople, pendingDrafts, pipelineSummary, READ_TOOLS } from './read-tools';

export function formatAmount(cents: number, lang: Language): string {
  return new Intl.NumberFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(cents / 100);
}

/** Offline: the question's words pick the read tool ("combien d'affaires en négociation ?"). */
export async function answerOffline(db: Kysely<Database>, workspaceId: string, question: string, lang: Language): Promise<string> {
  const say = replies(lang).ask;
  const q = ` ${foldAccents(question).replace(/[^a-z0-9]+/g, ' ')} `;
  const stages = await pipelineSummary(db, workspaceId);
  const stage = stages.find((s) => q.includes(` ${foldAccents(s.name)} `) || q.includes(` ${s.key.replace(/_/g, ' ')} `));
  const aboutDeals = / (affaire|affaires|deal|deals|pipeline|opportunite|opportunites) /.test(q);
  if (stage && (aboutDeals || !/ (prospect|lead|contact)/.test(q))) return say.dealsInStage(stage.count, stage.name, formatAmount(stage.amountCents, lang));
  if (aboutDeals) {
    const open = stages.filter((s) => s.outcome === 'open');
    return say.dealsOpen(open.reduce((n, s) => n + s.count, 0), formatAmount(open.reduce((n, s) => n + s.amountCents, 0), lang));
  }
  if (/ (brouillon|brouillons|draft|drafts|attente|validation|approval) /.test(q)) return say.drafts(await pendingDrafts(db, workspaceId));
  if (/ (prospect|prospects|lead|leads) /.test(q)) return say.leads(await countPeople(db, workspaceId, 'lead'));
  if (/ (contact|contacts) /.test(q)) return say.contacts(await countPeople(db, workspaceId, 'contact'));
  if (/ (entreprise|entreprises|societe|societes|company|companies) /.test(q)) return say.companies(await countCompanies(db, workspaceId));
  return say.unknown;
}

const MAX_STEPS = 5;

/** With a model: a short tool loop over the read tools, ending with final_answer. */
export async function answerWithModel(model: ChatModel, db: Kysely<Database>, workspaceId: string, workspaceName: string, question: string, lang: Language): Promise<string> {
  const p = prompt('ask', lang);
  const messages: ModelMessage[] = [
    { role: 'system', content: fill(p.system, { workspaceName }) },
    { role: 'user', content: fill(p.parts.question, { question }) },
  ];
  for (let step = 0; step < MAX_STEPS; step++) {
    const call = await callTool(model, { purpose: 'ask', temperature: 0, messages, toolChoice: step === MAX_STEPS - 1 ? { name: 'final_answer' } : 'required' }, READ_TOOLS);
    if (call.name === 'final_answer') return call.args.answer;
    let result: unknown;
    switch (call.name) {
      case 'pipeline_summary':
        result = await pipelineSummary(db, workspaceId);
        break;
      case 'count_people':
        result = { count: await countPeople(db, workspaceId, call.args.kind) };
        break;
      case 'count_companies':
        result = { count: await countCompanies(db, workspaceId) };
        break;
      case 'pending_drafts':
        result = { count: await pendingDrafts(db, workspaceId) };
        break;
    }
    messages.push({ role: 'assistant', content: null, toolCalls: [{ id: call.callId, name: call.name, arguments: JSON.stringify(call.args) }] });
    messages.push({ role: 'tool', toolCallId: call.callId, content: JSON.stringify(result) });
  }
  return replies(lang).ask.unknown;
}
