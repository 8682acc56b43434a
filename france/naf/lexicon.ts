import { BUILDING_LEXICON } from './lexicon-building';
import { PROFESSIONAL_LEXICON } from './lexicon-professional';
import { HEALTH_PERSONAL_LEXICON } from './lexicon-health-personal';
import { FOOD_RETAIL_LEXICON } from './lexicon-food-retail';
import { OTHER_LEXICON } from './lexicon-other';
import type { LexiconEntry } from './lexicon-types';

export type { LexiconEntry } from './lexicon-types';

/** The curated FR/EN sector lexicon; anything else falls back to the official NAF labels. */
export const SECTOR_LEXICON: readonly LexiconEntry[] = [...BUILDING_LEXICON, ...PROFESSIONAL_LEXICON, ...HEALTH_PERSONAL_LEXICON, ...FOOD_RETAIL_LEXICON, ...OTHER_LEXICON];
