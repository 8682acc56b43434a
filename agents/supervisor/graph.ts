import { END, Send, START, StateGraph, type BaseCheckpointSaver } from '@langchain/langgraph';
import type { LeadTask } from '../drafter/state';
import type { RunScope, TeammateDeps } from '../../graph/deps';
import { loadLeadFacts } from '../../crm/lead-facts';
import { hasStyleExamples } from '../../graph/store/style-examples';
import { askNode } from './nodes/ask';
import { clarifyNode } from './nodes/clarify';
import { draftLeadNode } from './nodes/draft-lead';
import { prospectNode } from './nodes/prospect';
import { respondNode } from './nodes/respond';
import { segmentNode } from './nodes/segment';
import { understandNode } from './nodes/understand';
import { SupervisorState, type SupervisorStateType } from './state';

/**
 * The supervisor: understand → prospect | segment | ask | clarify. Prospect and segment fan
 * out one `Send` per lead to the drafter ⇄ reviewer graph (bounded by maxConcurrency at
 * invoke), then respond. Clarify interrupts and loops back to understand on the next message.
 */
export function buildSupervisor(deps: TeammateDeps, run: RunScope, checkpointer: BaseCheckpointSaver) {
  const routeAfterUnderstand = (s: SupervisorStateType) => {
    switch (s.plan?.route) {
      case 'prospect':
        return 'prospect';
      case 'draft':
        return 'segment';
      case 'ask':
        return 'ask';
      default:
        return 'clarify';
    }
  };
  const fanOut = async (s: SupervisorStateType) => {
    const plan = s.plan;
    const targets = s.leads?.targets ?? [];
    if (!plan || !s.profile || (plan.route !== 'prospect' && plan.route !== 'draft') || targets.length === 0) return 'respond';
    await run.emit('drafting_started', { total: targets.length, language: plan.language });
    // one read for the whole batch: every lead's facts, and whether style examples exist
    const facts = await loadLeadFacts(deps.db.kysely, s.workspaceId, targets);
    const styleExamples = await hasStyleExamples(deps.db.kysely, s.workspaceId, plan.language);
    return targets.map((personId) => {
      const task: LeadTask = {
        workspaceId: s.workspaceId,
        requestId: s.request.requestId,
        runId: run.runId,
        threadId: run.threadId,
        personId,
        language: plan.language,
        profile: s.profile!,
        facts: facts.get(personId) ?? null,
        styleExamples,
        humanNotes: [],
        previous: null,
      };
      return new Send('draftLead', { task, leads: s.leads });
    });
  };
  return new StateGraph(SupervisorState)
    .addNode('understand', understandNode(deps, run))
    .addNode('clarify', clarifyNode())
    .addNode('prospect', prospectNode(deps, run))
    .addNode('segment', segmentNode(deps, run))
    .addNode('draftLead', draftLeadNode(deps, run))
    .addNode('ask', askNode(deps, run))
    .addNode('respond', respondNode(deps, run))
    .addEdge(START, 'understand')
    .addConditionalEdges('understand', routeAfterUnderstand, ['prospect', 'segment', 'ask', 'clarify'])
    .addEdge('clarify', 'understand')
    .addConditionalEdges('prospect', fanOut, ['draftLead', 'respond'])
    .addConditionalEdges('segment', fanOut, ['draftLead', 'respond'])
    .addEdge('draftLead', 'respond')
    .addEdge('ask', 'respond')
    .addEdge('respond', END)
    .compile({ checkpointer, name: 'supervisor' });
}

export type Supervisor = ReturnType<typeof buildSupervisor>;
