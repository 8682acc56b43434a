import type { TeammateModeLabel } from './labels';

// What the teammates say back in Chat. Functions, because French and English plurals differ.
export type RunSummary = {
  mode: TeammateModeLabel;
  query: string;
  found: number;
  created: number;
  known: number;
  optedOut: number;
  alreadyDrafted: number;
  noEmail: number;
  queued: number;
  needsAttention: number;
  failed: number;
  failures: string[];
  draftRequested: boolean;
  /** the workspace has no offer description or no signature yet (Settings) */
  voiceIncomplete: boolean;
  /** drafts an auto-approve rule approved as they were queued (rule name, null when unnamed): they leave without a human's OK */
  autoApproved: { rule: string | null; count: number }[];
};

export type Replies = {
  prospect: (s: RunSummary) => string;
  segment: (s: RunSummary) => string;
  clarify: { missingPlace: string; missingSector: string; unclear: string; empty: string };
  ask: {
    dealsInStage: (n: number, stage: string, amount: string) => string;
    dealsOpen: (n: number, amount: string) => string;
    leads: (n: number) => string;
    contacts: (n: number) => string;
    companies: (n: number) => string;
    drafts: (n: number) => string;
    unknown: string;
  };
  /** status: the drafter's verdict (queued, needs_attention), or approved when a rule approved the new version */
  revised: (subject: string, status: string) => string;
  failed: (reason: string) => string;
  /** the model stopped answering mid-run: the rest was done offline */
  degraded: string;
  /** why a run could not finish, in the user's words (the technical detail stays in the run's record) */
  reasons: { modelUnavailable: string; modelInvalid: string; interrupted: string; internal: string };
  /** a draft written offline because the model did not answer (reviewer note) */
  draftedOffline: string;
  /** the model's review could not be had: the draft passed the mechanical checks only (reviewer note) */
  unreviewed: string;
};
