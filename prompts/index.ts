import { askEn } from './ask/en';
import { askFr } from './ask/fr';
import { drafterEn } from './drafter/en';
import { drafterFr } from './drafter/fr';
import { offlineEn } from './offline/en';
import { offlineFr } from './offline/fr';
import type { OfflineBank } from './offline/types';
import { repliesEn } from './replies/en';
import { repliesFr } from './replies/fr';
import type { Replies } from './replies/types';
import { reviewerEn } from './reviewer/en';
import { reviewerFr } from './reviewer/fr';
import { supervisorEn } from './supervisor/en';
import { supervisorFr } from './supervisor/fr';
import type { PromptRole, PromptTemplate } from './types';
import type { Language } from '../lib/language';

export { fill } from './types';
export type { PromptRole, PromptTemplate } from './types';
export type { OfflineBank, Variant, Slot } from './offline/types';
export type { Replies, RunSummary } from './replies/types';

const PROMPTS: Record<PromptRole, Record<Language, PromptTemplate>> = {
  drafter: { fr: drafterFr, en: drafterEn },
  reviewer: { fr: reviewerFr, en: reviewerEn },
  supervisor: { fr: supervisorFr, en: supervisorEn },
  ask: { fr: askFr, en: askEn },
};

export function prompt(role: PromptRole, lang: Language): PromptTemplate {
  return PROMPTS[role][lang];
}

export function offlineBank(lang: Language): OfflineBank {
  return lang === 'en' ? offlineEn : offlineFr;
}

export function replies(lang: Language): Replies {
  return lang === 'en' ? repliesEn : repliesFr;
}
