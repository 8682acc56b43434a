import { z } from 'zod';
import { CONVERSATION_CATEGORIES } from '../../crm/conversations';
import { LanguageSchema } from '../../lib/language';

// What a reply means, as the replier decides it: the offline rules today, a model's structured
// output later, both validated by the same schema.

/** The categories, one list for the replier and the Conversations it fills (crm/conversations.ts). */
export const REPLY_CATEGORIES = CONVERSATION_CATEGORIES;
export const ReplyCategorySchema = z.enum(REPLY_CATEGORIES);
export type ReplyCategory = z.infer<typeof ReplyCategorySchema>;

/** Categories only automatic mail can have: a header verdict of "automatic" allows these alone. */
export const AUTOMATIC_CATEGORIES = ['out_of_office', 'auto_reply', 'bounce_hard', 'bounce_soft'] as const satisfies readonly ReplyCategory[];

/** The person a `wrong_person` reply points to; the name is '' when only an address was given. */
export const ReferralSchema = z.object({ name: z.string(), email: z.email().optional() });
export type Referral = z.infer<typeof ReferralSchema>;

export const ReplyClassificationSchema = z.object({
  category: ReplyCategorySchema,
  language: LanguageSchema,
  /** out_of_office: the date the message names for the return (yyyy-mm-dd), "until X" gives X */
  returnDate: z.iso.date().optional(),
  referral: ReferralSchema.optional(),
  /** the Message-ID this message answers (In-Reply-To, else the last of References) */
  inReplyTo: z.string().optional(),
});
export type ReplyClassification = z.infer<typeof ReplyClassificationSchema>;
