import type { Headcount, Place, Sector } from '../../france/intent/schema';
import type { Language } from '../../lib/language';

// What the supervisor decided to do with a chat message.
export type ProspectPlan = { route: 'prospect'; query: string; sectors: Sector[]; places: Place[]; count: number; headcount: Headcount | null; draft: boolean; language: Language };
export type SegmentPlan = { route: 'draft'; query: string; sectors: Sector[]; places: Place[]; onlyUncontacted: boolean; language: Language };
export type AskPlan = { route: 'ask'; question: string; language: Language };
export type ClarifyReason = 'missing_place' | 'missing_sector' | 'unclear' | 'empty';
export type ClarifyPlan = { route: 'clarify'; question: string; reason: ClarifyReason; language: Language };
/** replyLanguage: the language the user wrote in, for Chat replies; language: the drafts'. */
export type Plan = (ProspectPlan | SegmentPlan | AskPlan | ClarifyPlan) & { replyLanguage: Language };
export type Route = Plan['route'];

export const DEFAULT_COUNT = 20;
export const MAX_COUNT = 100;
