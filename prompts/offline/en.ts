import type { OfflineBank } from './types';

export const offlineEn: OfflineBank = {
  id: 'offline.en@2',
  greeting: { named: 'Dear {fullName},', civility: 'Dear {civility} {lastName},', generic: 'Dear Sir or Madam,' },
  civility: { madame: 'Ms', monsieur: 'Mr' },
  genericAddressee: 'Sir or Madam',
  subjects: [
    { text: '{company}: a proposal from {workspace}', needs: ['company', 'workspace'] },
    { text: 'Getting in touch – {company}', needs: ['company'] },
    { text: 'An idea for {company}', needs: ['company'] },
    { text: '{workspace} and {company}', needs: ['company', 'workspace'] },
    { text: 'Your business in {city}', needs: ['city'] },
    { text: 'A short conversation with {company}?', needs: ['company'] },
    { text: 'A question for the {company} team', needs: ['company'] },
  ],
  shortSubjects: [{ text: 'Getting in touch' }, { text: 'A short conversation?' }, { text: 'A question about your business' }],
  openings: [
    { text: 'I am writing about {company} in {city} ({activity}), whose work caught my attention.', needs: ['company', 'activity', 'city'] },
    { text: '{company} ({activity}) is one of the businesses in {city} we would like to meet, which is why I am getting in touch today.', needs: ['company', 'activity', 'city'] },
    { text: 'While looking at businesses in {city} ({activity}), I came across {company}.', needs: ['company', 'activity', 'city'] },
    { text: 'I am contacting you because {company} is one of the businesses in {city} we would like to work with.', needs: ['company', 'city'] },
    { text: 'Your company, {company} ({activity}), seemed a good match for what we offer.', needs: ['company', 'activity'] },
    { text: 'I am writing to you as {role} of {company}.', needs: ['company', 'role'] },
    { text: 'I am writing to you about {company}.', needs: ['company'] },
    { text: 'I am taking the liberty of contacting you directly.' },
  ],
  facts: [
    { text: 'Founded in {year}, your company has clearly proven itself.', needs: ['year'] },
    { text: 'For a team of {headcount}, reliable partners make all the difference.', needs: ['headcount'] },
    { text: 'Since {year}, {company} has been doing this work day in, day out, and you know better than anyone what matters to your customers.', needs: ['year', 'company'] },
  ],
  offer: [
    { text: 'At {workspace}, this is what we do: {offerLc}', needs: ['workspace', 'offerLc'] },
    { text: 'In a nutshell: {offerLc}', needs: ['offerLc'] },
    { text: '{offer}', needs: ['offer'] },
  ],
  noOffer: [
    { text: 'I would like to take a few minutes to show you what {workspace} could do for you.', needs: ['workspace'] },
    { text: 'I would like to briefly introduce our approach.' },
  ],
  interest: [
    { text: 'I believe we could be useful to you, and I would welcome the chance to discuss it.' },
    { text: 'My aim is simple: understand your current priorities and see whether we can make things easier for you.' },
    { text: 'Rather than a long pitch, I would prefer to listen and see whether our approach makes sense for you.' },
    { text: 'If this is on your mind at the moment, a short conversation could be worthwhile.' },
  ],
  ctas: [
    { text: 'Would you be available for a short call in the coming days?' },
    { text: 'Could we set up a brief meeting at a time that suits you?' },
    { text: 'If this sounds relevant, simply reply to this message and I will work around your schedule.' },
    { text: 'May I call you next week to talk it over?' },
  ],
  closings: [
    { text: 'Thank you for your time.\n\nKind regards,' },
    { text: 'I look forward to hearing from you.\n\nBest regards,' },
    { text: 'Thank you in advance for your reply.\n\nRegards,' },
    { text: 'With thanks for your attention,\n\nKind regards,' },
  ],
};
