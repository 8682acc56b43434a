import { Annotation } from '@langchain/langgraph';
import type { EmailContent } from '../../actions/payload';
import type { LeadFacts } from '../../crm/lead-facts';
import type { WorkspaceProfile } from '../../identity/profile';
import type { Language } from '../../lib/language';

export type ReviewSeverity = 'error' | 'warning';
export type ReviewCode =
  | 'language'
  | 'formality'
  | 'placeholder'
  | 'subject_length'
  | 'body_too_short'
  | 'body_too_long'
  | 'unknown_fact'
  | 'spam'
  | 'links'
  | 'greeting'
  | 'critique'
  /** the model's review could not be had: the draft passed the mechanical checks only */
  | 'unreviewed';
export type ReviewNote = { code: ReviewCode; severity: ReviewSeverity; message: string };
export type Verdict = 'pass' | 'revise';
export type Review = { verdict: Verdict; notes: ReviewNote[] };

/** What the reviewer reads: the draft, the only facts it may use, who it is written for. */
export type ReviewInput = { draft: EmailContent; facts: LeadFacts; profile: WorkspaceProfile; language: Language };

export const ReviewerState = Annotation.Root({
  input: Annotation<ReviewInput>,
  review: Annotation<Review | null>,
});

export type ReviewerStateType = typeof ReviewerState.State;
export type ReviewerUpdate = typeof ReviewerState.Update;
