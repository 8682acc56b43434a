import { z } from 'zod';
import { LanguageSchema } from '../../lib/language';

/** An email draft as the drafter produces it and the reviewer reads it. */
export const DraftSchema = z.object({
  subject: z.string().trim().min(1, 'is required').max(200),
  body: z.string().trim().min(1, 'is required').max(5000),
  language: LanguageSchema,
});
export type Draft = z.infer<typeof DraftSchema>;

/** The outbound tool the drafter model must call; intercepted, never executed. */
export const SendEmailArgsSchema = DraftSchema.extend({ personId: z.string().min(1, 'is required') }).strict();
export type SendEmailArgs = z.infer<typeof SendEmailArgsSchema>;

export type ReviewSeverity = 'error' | 'warning';
export type ReviewCode =
  | 'language'
  | 'formality'
  | 'placeholder'
  | 'subject_length'
  | 'body_too_short'
  | 'body_too_long'
  | 'unknown_fact'
  | 'spam'
  | 'links'
  | 'greeting'
  | 'critique';
export type ReviewNote = { code: ReviewCode; severity: ReviewSeverity; message: string };
export type Verdict = 'pass' | 'revise';
export type Review = { verdict: Verdict; notes: ReviewNote[] };
