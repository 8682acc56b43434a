import { createHash } from 'node:crypto';
import { fill, offlineBank, type OfflineBank, type Slot, type Variant } from '../../../prompts';
import type { Language } from '../../../lib/language';
import type { WorkspaceProfile } from '../../../identity/profile';
import type { LeadFacts } from '../../../crm/lead-facts';
import { displayCity, displayCompanyName, displayPersonName, displayRole, headcountLabel, lowerFirst } from '../../../crm/lead-display';
import type { Draft } from '../state';
import type { ReviewNote } from '../../reviewer/state';
import { frenchTypography } from '../typography';
import { detectLanguage } from '../../reviewer/checks/language';
import { sectorLabel } from '../../../france/naf/sector-label';
import { PLACEHOLDER_WORKSPACE_NAME } from '../../../identity/profile';

// The offline teammate's drafter: a letter assembled from phrase banks (prompts/offline),
// every slot filled from the lead's facts or the workspace profile, nothing else. Choices
// hash the lead and request, so ten leads get ten different letters, and a retry the same one.

export const SUBJECT_MAX = 70;

export type OfflineRevision = { attempt: number; notes: ReviewNote[]; humanNotes: string[] };

function hashInt(seed: string, salt: string): number {
  return createHash('sha256').update(`${seed}\u0000${salt}`).digest().readUInt32BE(0);
}

function choose<T>(items: T[], seed: string, salt: string): T | undefined {
  return items.length ? items[hashInt(seed, salt) % items.length] : undefined;
}

function sentence(text: string): string {
  const t = text.trim();
  return /[.!?…:]$/.test(t) ? t : `${t}.`;
}

type Values = Partial<Record<Slot | 'fullName' | 'lastName' | 'civility', string>>;

function usable(v: Variant, values: Values): boolean {
  return (v.needs ?? []).every((slot) => Boolean(values[slot]));
}

// "de Atelier" → "d’Atelier": elision where a slot value starts with a vowel
const ELISION = /(^|[\s(])(de|que|De|Que) (?=\{)/g;

function render(_bank: OfflineBank, lang: Language, text: string, values: Values): string {
  const filled: Record<string, string> = {};
  for (const [k, v] of Object.entries(values)) if (v) filled[k] = v;
  let typed = text;
  if (lang === 'fr') {
    typed = typed.replace(ELISION, (m, pre: string, word: string, offset: number) => {
      const slot = /^\{(\w+)\}/.exec(text.slice(offset + m.length))?.[1];
      const value = slot ? (filled[slot] ?? '') : '';
      return /^[aeiouyàâéèêëîïôûAEIOUYÀÂÉÈÊËÎÏÔÛ]/.test(value) ? `${pre}${word.charAt(0)}'` : m;
    });
    typed = frenchTypography(typed);
  }
  return fill(typed, filled);
}

/** The official NAF label in French; in English, the sector's English name (never quoted French). */
function activityOf(c: LeadFacts['company'], lang: Language): string | undefined {
  if (lang === 'en') return lowerFirst(sectorLabel(c?.nafCode ?? null, 'en') ?? '') || undefined;
  return c?.activity ? lowerFirst(c.activity.trim()).replace(/'/g, '\u2019') : undefined;
}

export function slotValues(facts: LeadFacts, profile: WorkspaceProfile, lang: Language): Values {
  const c = facts.company;
  // the owner writes the offer in one language; an English letter never quotes a French one
  const offerText = profile.offer?.trim() ? sentence(profile.offer) : undefined;
  const offer = offerText && (detectLanguage(offerText) ?? lang) === lang ? offerText : undefined;
  return {
    company: c ? displayCompanyName(c.name) : undefined,
    city: c?.city ? displayCity(c.city) : undefined,
    activity: activityOf(c, lang),
    role: lang === 'fr' ? (displayRole(facts.role) ?? undefined) : undefined,
    year: c?.creationYear ? String(c.creationYear) : undefined,
    headcount: headcountLabel(c?.headcountBand ?? null, lang) ?? undefined,
    // the first-start placeholder name is not a name to write in a letter
    workspace: [profile.name, profile.legalName].find((n) => n && n !== PLACEHOLDER_WORKSPACE_NAME),
    offer,
    offerLc: offer ? lowerFirst(offer) : undefined,
  };
}

export function composeOffline(facts: LeadFacts, profile: WorkspaceProfile, lang: Language, seed: string, revision?: OfflineRevision): Draft {
  const bank = offlineBank(lang);
  const values = slotValues(facts, profile, lang);
  const codes = new Set(revision?.notes.map((n) => n.code) ?? []);
  const human = (revision?.humanNotes ?? []).join(' ').toLowerCase();
  const concise = codes.has('body_too_long') || /court|bref|concis|short|brief|concise/.test(human);
  const formal = /formel|formal|soutenu/.test(human);
  // a revision without a mechanical cause re-draws the letter: another wording
  const salt = revision && !concise && !codes.has('subject_length') ? `r${revision.attempt}` : '';
  const s = seed + salt;

  // greeting: a name when we have it, a civility only when the record holds one
  const name = displayPersonName(facts.firstName, facts.lastName);
  let greeting: string;
  let addressee: string | undefined;
  if (name.last && facts.civility) {
    const civility = bank.civility[facts.civility];
    greeting = render(bank, lang, bank.greeting.civility, { civility, lastName: name.last });
    addressee = `${civility} ${name.last}`;
  } else if (name.full && name.last) {
    greeting = render(bank, lang, bank.greeting.named, { fullName: name.full });
  } else {
    greeting = render(bank, lang, bank.greeting.generic, {});
    addressee = bank.genericAddressee;
  }
  const v: Values = { ...values, addressee };

  // generic wording only when the facts allow nothing more specific
  const pickText = (list: Variant[], key: string) => {
    const ok = list.filter((x) => usable(x, v));
    const rich = ok.filter((x) => (x.needs?.length ?? 0) >= 2);
    const chosen = choose(rich.length >= 2 ? rich : ok, s, key);
    return chosen ? render(bank, lang, chosen.text, v) : '';
  };

  let subject = codes.has('subject_length') ? '' : pickText(bank.subjects, 'subject');
  if (!subject || subject.length > SUBJECT_MAX) {
    const fitting = bank.subjects
      .filter((x) => usable(x, v))
      .map((x) => render(bank, lang, x.text, v))
      .filter((t) => t.length <= SUBJECT_MAX);
    subject = choose(fitting, s, 'subject-fit') ?? pickText(bank.shortSubjects, 'subject-short');
  }

  const opening = pickText(bank.openings, 'opening');
  const withFacts = !concise && hashInt(s, 'facts?') % 3 !== 0;
  const factLine = withFacts ? pickText(bank.facts, 'facts') : '';
  const offer = pickText(v.offer ? bank.offer : bank.noOffer, 'offer');
  const interest = concise ? '' : pickText(bank.interest, 'interest');
  const cta = pickText(bank.ctas, 'cta');
  const closings = bank.closings.filter((x) => usable(x, v));
  const closingVariant = formal && closings.some((x) => x.needs?.includes('addressee')) ? closings.find((x) => x.needs?.includes('addressee')) : choose(closings, s, 'closing');
  const closing = closingVariant ? render(bank, lang, closingVariant.text, v) : '';
  // the owner's signature, else the business's real name; the first-start placeholder is no signature
  const signature = [profile.signature?.trim(), profile.legalName.trim(), profile.name.trim()].find((n) => n && n !== PLACEHOLDER_WORKSPACE_NAME) ?? '';

  const paragraphs = [greeting, [opening, factLine].filter(Boolean).join(' '), offer, [interest, cta].filter(Boolean).join(' '), signature ? `${closing}\n${signature}` : closing];
  return { subject, body: paragraphs.filter((p) => p.trim()).join('\n\n'), language: lang };
}
