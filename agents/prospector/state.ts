import { Annotation } from '@langchain/langgraph';
import type { LeadCandidate } from '../../crm/leads';
import type { Headcount, Place, Sector } from '../../france/intent/schema';

/** What the supervisor asks the prospector for: who, where, how many, and whether drafts follow. */
export type ProspectRequest = {
  workspaceId: string;
  runId: string;
  sectors: Sector[];
  places: Place[];
  count: number;
  headcount: Headcount | null;
  /** drafts follow: leads already written to by another run are set apart */
  draft: boolean;
};

/** People ids of the leads behind the companies found: new ones, known ones, opted-out ones. */
export type LeadCreation = { created: string[]; known: string[]; optedOut: string[]; companies: { created: number; known: number } };

/** What the prospector hands back to the supervisor: counts for the reply, and who to write to. */
export type LeadsSummary = { found: number; created: number; known: number; optedOut: number; alreadyDrafted: number; targets: string[] };

export const ProspectorState = Annotation.Root({
  request: Annotation<ProspectRequest>,
  found: Annotation<LeadCandidate[]>,
  leads: Annotation<LeadCreation | null>,
  summary: Annotation<LeadsSummary | null>,
});

export type ProspectorStateType = typeof ProspectorState.State;
export type ProspectorUpdate = typeof ProspectorState.Update;
