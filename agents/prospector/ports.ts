import type { CrmCtx } from '../../crm/context';
import type { LeadCandidate } from '../../crm/leads';
import type { Headcount, Intent, Place, Sector } from '../../france/intent/schema';

// What the prospector needs from the France helper and the CRM, as narrow types: the real
// implementations are wired in graph/wiring.ts, tests pass their own.

export type IntentParser = (text: string) => Intent;

export type CompanyQuery = { sectors: Sector[]; places: Place[]; count: number; headcount: Headcount | null };

/** A company search (API Recherche d'entreprises, the offline directory): CRM lead candidates. */
export type CompanySource = { readonly name: string; search(q: CompanyQuery): Promise<LeadCandidate[]> };

/** People ids of the leads behind the companies found: new ones, known ones, opted-out ones. */
export type LeadCreation = { created: string[]; known: string[]; optedOut: string[]; companies: { created: number; known: number } };

export type LeadCreator = (ctx: CrmCtx, companies: LeadCandidate[]) => Promise<LeadCreation>;
