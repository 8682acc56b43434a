import { Annotation } from '@langchain/langgraph';
import type { Language } from '../../lib/language';
import type { WorkspaceProfile } from '../../identity/profile';
import type { LeadFacts } from '../../crm/lead-facts';
import type { StyleExample } from '../../graph/store/style-examples';
import type { EmailContent } from '../../actions/payload';
import type { Review } from '../reviewer/state';

/** A draft as the drafter writes it and the reviewer reads it: the gate's email content. */
export type Draft = EmailContent;

/** One lead's drafting job, as the supervisor's fan-out (Send) or a revision hands it over. */
export type LeadTask = {
  workspaceId: string;
  requestId: string;
  runId: string;
  threadId: string;
  personId: string;
  language: Language;
  profile: WorkspaceProfile;
  /** owner's feedback on a rejected draft (sendBack) */
  humanNotes: string[];
  /** facts read by the fan-out for the whole batch (one query); null → read them here */
  facts: LeadFacts | null;
  /** false when the workspace has no approved draft in this language: no retrieval query */
  styleExamples: boolean;
  /** the action being revised, with its last version and notes */
  previous: { actionId: string; subject: string; body: string; notes: string[] } | null;
};

/** skipped: opted out; no_email: nothing to send to (the gate needs an address) */
export type LeadOutcomeStatus = 'queued' | 'needs_attention' | 'failed' | 'skipped' | 'no_email';

export type LeadOutcome = {
  personId: string;
  requestId: string;
  status: LeadOutcomeStatus;
  actionId: string | null;
  actionStatus: string | null;
  subject: string | null;
  body: string | null;
  language: Language;
  rounds: number;
  notes: string[];
  error: string | null;
};

export const LeadDraftState = Annotation.Root({
  task: Annotation<LeadTask>,
  facts: Annotation<LeadFacts | null>,
  examples: Annotation<StyleExample[]>,
  draft: Annotation<Draft | null>,
  review: Annotation<Review | null>,
  round: Annotation<number>,
  /** the model did not answer: this draft is the offline teammate's */
  draftedOffline: Annotation<boolean>,
  outcome: Annotation<LeadOutcome | null>,
});

export type LeadDraftStateType = typeof LeadDraftState.State;
export type LeadDraftUpdate = typeof LeadDraftState.Update;
