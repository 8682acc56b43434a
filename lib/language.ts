import { z } from 'zod';

/** The languages Relais writes and speaks: one name, one schema, everywhere. */
export const LANGUAGES = ['fr', 'en'] as const;
export const LanguageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof LanguageSchema>;

export const isLanguage = (v: unknown): v is Language => v === 'fr' || v === 'en';
