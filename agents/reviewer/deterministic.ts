import type { Language } from '../../lib/language';
import type { WorkspaceProfile } from '../../identity/profile';
import type { LeadFacts } from '../../crm/lead-facts';
import type { Draft } from '../drafter/state';
import type { Review, ReviewNote } from './state';
import type { Check, CheckInput } from './checks/context';
import { checkFacts } from './checks/facts';
import { checkFormality } from './checks/formality';
import { checkGreeting } from './checks/greeting';
import { checkLanguage } from './checks/language';
import { checkLengths } from './checks/lengths';
import { checkLinks } from './checks/links';
import { checkPlaceholders } from './checks/placeholders';
import { checkSpam } from './checks/spam';

// The deterministic half of the peer review: every check runs, every failure is a note the
// drafter (and the owner, if it comes to that) can act on.
export const CHECKS: Check[] = [checkLanguage, checkFormality, checkPlaceholders, checkLengths, checkFacts, checkSpam, checkLinks, checkGreeting];

export function verdictOf(notes: ReviewNote[]): Review['verdict'] {
  return notes.some((n) => n.severity === 'error') ? 'revise' : 'pass';
}

export function reviewDeterministic(draft: Draft, facts: LeadFacts, profile: WorkspaceProfile, expectedLanguage: Language): Review {
  const input: CheckInput = { draft, facts, profile, expectedLanguage };
  const notes = CHECKS.flatMap((check) => check(input));
  return { verdict: verdictOf(notes), notes };
}
