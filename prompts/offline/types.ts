// Phrase banks of the offline teammate: drafts are assembled from these, slot by slot, from
// the lead's facts only. Each variant names the facts it needs; one lacking a fact is skipped.
export type Slot = 'company' | 'city' | 'activity' | 'role' | 'year' | 'headcount' | 'workspace' | 'offer' | 'offerLc' | 'addressee';

export type Variant = { text: string; needs?: Slot[] };

export type OfflineBank = {
  id: string;
  greeting: { named: string; civility: string; generic: string };
  /** civility words, as the greeting writes them */
  civility: { madame: string; monsieur: string };
  genericAddressee: string;
  subjects: Variant[];
  /** subjects short enough for any company name */
  shortSubjects: Variant[];
  openings: Variant[];
  facts: Variant[];
  offer: Variant[];
  noOffer: Variant[];
  interest: Variant[];
  ctas: Variant[];
  closings: Variant[];
};
