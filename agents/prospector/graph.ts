import { END, START, StateGraph } from '@langchain/langgraph';
import type { Kysely } from 'kysely';
import type { JobQueue } from '../../db/jobs/queue';
import type { Database } from '../../db/schema';
import type { CompanySource } from '../../france/sources';
import type { Emitter } from '../../graph/store/events';
import { createLeadsNode } from './nodes/create-leads';
import { searchNode } from './nodes/search';
import { selectTargetsNode } from './nodes/select-targets';
import { ProspectorState, type LeadsSummary, type ProspectRequest } from './state';

export type ProspectorDeps = { db: Kysely<Database>; jobs: JobQueue; companies: CompanySource; emit: Emitter };

/** The prospector: company search → leads in the CRM (deduplicated) → the leads to write to. */
export function buildProspectorGraph(deps: ProspectorDeps) {
  return new StateGraph(ProspectorState)
    .addNode('search', searchNode(deps.companies, deps.emit))
    .addNode('createLeads', createLeadsNode(deps.db, deps.jobs, deps.emit))
    .addNode('selectTargets', selectTargetsNode(deps.db))
    .addEdge(START, 'search')
    .addEdge('search', 'createLeads')
    .addEdge('createLeads', 'selectTargets')
    .addEdge('selectTargets', END)
    .compile({ checkpointer: false, name: 'prospector' });
}

/** One prospecting pass, as the supervisor's prospect step runs it. */
export async function prospect(deps: ProspectorDeps, request: ProspectRequest, signal?: AbortSignal): Promise<LeadsSummary> {
  const out = await buildProspectorGraph(deps).invoke({ request, found: [], leads: null, summary: null }, { signal });
  if (!out.summary) throw new Error('the prospector ended without a summary');
  return out.summary;
}
