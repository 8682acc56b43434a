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
  revised: (subject: string, status: string) => string;
  failed: (reason: string) => string;
};
