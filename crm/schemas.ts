import { z } from 'zod';
import type { ActorType } from '../db/schema';
import { isValidSiren, isValidSiret } from '../france/siren';
import { storableString, WebAddressSchema } from '../lib/validation';

// API input shapes for the CRM core. `.strict()` everywhere: an unknown field is a 400, not ignored.
const text = (max: number) => storableString().trim().max(max);
const optionalText = (max: number) => text(max).nullable().optional();

export const SirenSchema = z
  .string()
  .transform((s) => s.replace(/\s/g, ''))
  .refine(isValidSiren, 'must be 9 digits with a valid checksum');
export const SiretSchema = z
  .string()
  .transform((s) => s.replace(/\s/g, ''))
  .refine(isValidSiret, 'must be 14 digits with a valid checksum');
export const EmailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'must be a valid email address' }));
/** A row's version (an `int` column: past 2^31 − 1 it is no version we ever gave out). */
export const VersionSchema = z.number().int().min(1).max(2_147_483_647);
export const UuidSchema = z.uuid({ message: 'must be a UUID' });
export const AmountCentsSchema = z.number().int('must be an integer number of cents').min(0, 'must be ≥ 0').max(1e15);
export const DateOnlySchema = z.iso.date({ message: 'must be a date YYYY-MM-DD' });
/** An instant as JSON carries it (`Date.toISOString()` in the answers). */
export const DateTimeSchema = z.iso.datetime({ offset: true, message: 'must be an ISO date-time' });

const companyFields = {
  name: text(300).min(1, 'is required'),
  siren: SirenSchema.nullable().optional(),
  siret: SiretSchema.nullable().optional(),
  nafCode: z
    .string()
    .regex(/^\d{2}\.\d{2}[A-Z]$/, 'must look like 43.34Z')
    .nullable()
    .optional(),
  nafLabel: optionalText(300),
  address: optionalText(500),
  postcode: z
    .string()
    .regex(/^\d{5}$/, 'must be 5 digits')
    .nullable()
    .optional(),
  communeCode: z
    .string()
    .regex(/^(\d{5}|2[AB]\d{3})$/, 'must be an INSEE commune code')
    .nullable()
    .optional(),
  city: optionalText(200),
  headcountBand: optionalText(50),
  website: WebAddressSchema.nullable().optional(),
};
export const CompanyCreateSchema = z
  .object({ ...companyFields, source: text(50).optional(), sourceId: optionalText(100) })
  .strict()
  .refine((c) => !c.siren || !c.siret || c.siret.startsWith(c.siren), { message: 'must start with the SIREN', path: ['siret'] });
export const CompanyPatchSchema = z.object({ ...companyFields, name: companyFields.name.optional(), version: VersionSchema }).strict();

export const PersonKindSchema = z.enum(['lead', 'contact']);
const personFields = {
  kind: PersonKindSchema,
  firstName: text(100).optional(),
  lastName: text(100).optional(),
  role: optionalText(200),
  email: EmailSchema.nullable().optional(),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 .()-]{6,20}$/, 'must be a phone number')
    .nullable()
    .optional(),
  companyId: UuidSchema.nullable().optional(),
  status: text(40).min(1).optional(),
  lawfulBasis: z.enum(['legitimate_interest', 'consent', 'contract']).nullable().optional(),
  lawfulBasisNote: optionalText(500),
  isNaturalPerson: z.boolean().optional(),
};
export const PersonCreateSchema = z
  .object({ ...personFields, kind: PersonKindSchema.default('lead'), source: text(50).optional() })
  .strict()
  .refine((p) => Boolean(p.firstName || p.lastName || p.email), { message: 'a name or an email is required', path: ['lastName'] });
export const PersonPatchSchema = z.object({ ...personFields, kind: PersonKindSchema.optional(), version: VersionSchema }).strict();
export const PromoteSchema = z.object({ version: VersionSchema }).strict();

const dealFields = {
  title: text(300).min(1, 'is required'),
  companyId: UuidSchema.nullable().optional(),
  personId: UuidSchema.nullable().optional(),
  amountCents: AmountCentsSchema.optional(),
  currency: z.literal('EUR').optional(),
  stage: z.string().min(1).max(40).optional(),
  probabilityOverride: z.number().int().min(0).max(100).nullable().optional(),
  expectedCloseDate: DateOnlySchema.nullable().optional(),
  ownerUserId: UuidSchema.nullable().optional(),
};
export const DealCreateSchema = z.object(dealFields).strict();
export const DealPatchSchema = z.object({ ...dealFields, title: dealFields.title.optional(), version: VersionSchema }).strict();
export const DealMoveSchema = z.object({ stage: z.string().min(1).max(40), version: VersionSchema }).strict();

export const SubjectTypeSchema = z.enum(['company', 'person', 'deal']);
export const ActorTypeSchema = z.enum(['user', 'teammate', 'system', 'rule'] as const satisfies readonly ActorType[]);
export const ActivityCreateSchema = z
  .object({
    subjectType: SubjectTypeSchema,
    subjectId: UuidSchema,
    kind: z.enum(['note', 'call', 'meeting', 'email_logged', 'task']),
    summary: text(2000).min(1, 'is required'),
    occurredAt: DateTimeSchema.optional(),
  })
  .strict();

/** A list page's size and keyset cursor, as every list query takes them. */
export const limit = z.coerce.number().int().min(1).max(200).default(50);
export const cursor = z.string().max(200).optional();
const q = z.string().trim().min(1).max(200).optional();
export const CompanyListQuery = z
  .object({ limit, cursor, q, nafCode: z.string().optional(), postcode: z.string().optional(), communeCode: z.string().optional(), siren: z.string().optional() })
  .strict();
export const PersonListQuery = z
  .object({ limit, cursor, q, kind: PersonKindSchema.optional(), companyId: UuidSchema.optional(), status: z.string().optional(), email: z.string().optional() })
  .strict();
export const DealListQuery = z.object({ limit, cursor, q, stage: z.string().optional(), companyId: UuidSchema.optional(), personId: UuidSchema.optional() }).strict();
export const ActivityListQuery = z.object({ limit, cursor, subjectType: SubjectTypeSchema.optional(), subjectId: UuidSchema.optional(), kind: z.string().optional() }).strict();

export type CompanyCreate = z.infer<typeof CompanyCreateSchema>;
export type CompanyPatch = z.infer<typeof CompanyPatchSchema>;
export type PersonCreate = z.infer<typeof PersonCreateSchema>;
export type PersonPatch = z.infer<typeof PersonPatchSchema>;
export type DealCreate = z.infer<typeof DealCreateSchema>;
export type DealPatch = z.infer<typeof DealPatchSchema>;
export type ActivityCreate = z.infer<typeof ActivityCreateSchema>;
