// One language's phrases for the offline rules. Every pattern reads folded text (lower case,
// no accents, "'" for every apostrophe: see ../fold.ts) and uses bounded repeats only, so a
// long message costs linear time.

export type PhraseBook = {
  unsubscribe: RegExp[];
  outOfOffice: RegExp[];
  autoReply: RegExp[];
  wrongPerson: RegExp[];
  /** deferral that needs nothing else ("pas pour le moment", "not right now") */
  notNow: RegExp[];
  /** "get back to me" … */
  recontact: RegExp[];
  /** … "in six months": both together are a deferral */
  horizon: RegExp[];
  notInterested: RegExp[];
  meeting: RegExp[];
  /** questions asked without a "?" ("j'aimerais savoir…", "I was wondering…") */
  question: RegExp[];
  /** words that make a sentence ending in "?" a real question */
  interrogative: RegExp;
  interested: RegExp[];
  /** asking for our offer, quote or material is interest, even when phrased as a question */
  requestOffer: RegExp[];
};
