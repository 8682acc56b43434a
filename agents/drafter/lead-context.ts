import type { LeadFacts } from '../../crm/lead-facts';

/** What a lead "is" for style retrieval: activity, city, role — not names. */
export function leadContext(facts: LeadFacts): string {
  return [facts.company?.activity, facts.company?.nafCode, facts.company?.city, facts.role].filter(Boolean).join(' · ');
}
