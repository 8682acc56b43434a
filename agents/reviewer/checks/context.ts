import type { Language } from '../../../lib/language';
import type { WorkspaceProfile } from '../../../identity/profile';
import type { LeadFacts } from '../../../crm/lead-facts';
import type { Draft } from '../../drafter/state';
import type { ReviewNote } from '../state';

/** What every deterministic check reads: the draft, the lead's facts, the workspace profile. */
export type CheckInput = { draft: Draft; facts: LeadFacts; profile: WorkspaceProfile; expectedLanguage: Language };
export type Check = (input: CheckInput) => ReviewNote[];

/** Reviewer notes are read by the owner: in the draft's language. */
export const t = (lang: Language, fr: string, en: string) => (lang === 'fr' ? fr : en);
