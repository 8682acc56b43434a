import { z } from 'zod';
import type { Activity, Company, Deal, Person, Stage, StageOutcome } from '../db/schema';
import { ActorTypeSchema, DateOnlySchema, DateTimeSchema, PersonKindSchema, SubjectTypeSchema, UuidSchema } from './schemas';

// Row → API (camelCase). One mapper per aggregate, used by every route and the CLI; each
// answers the shape its schema declares (the routes' OpenAPI responses and the typed test client).
function iso(d: Date): string;
function iso(d: Date | null): string | null;
function iso(d: Date | null): string | null {
  return d ? d.toISOString() : null;
}

/** A page of a list: `nextCursor` asks for the next one, null on the last. */
export const pageSchema = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });
/** A whole (short) list. */
export const listSchema = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

const text = z.string().nullable();
const timestamps = { version: z.number().int(), createdAt: DateTimeSchema, updatedAt: DateTimeSchema };

export const CompanyDtoSchema = z.object({
  id: UuidSchema,
  name: z.string(),
  siren: text,
  siret: text,
  nafCode: text,
  nafLabel: text,
  address: text,
  postcode: text,
  communeCode: text,
  city: text,
  headcountBand: text,
  website: text,
  source: z.string(),
  sourceId: text,
  ...timestamps,
});
export type CompanyDto = z.infer<typeof CompanyDtoSchema>;

export function companyDto(c: Company): CompanyDto {
  return {
    id: c.id,
    name: c.name,
    siren: c.siren,
    siret: c.siret,
    nafCode: c.naf_code,
    nafLabel: c.naf_label,
    address: c.address,
    postcode: c.postcode,
    communeCode: c.commune_code,
    city: c.city,
    headcountBand: c.headcount_band,
    website: c.website,
    source: c.source,
    sourceId: c.source_id,
    version: c.version,
    createdAt: iso(c.created_at),
    updatedAt: iso(c.updated_at),
  };
}

export const PersonDtoSchema = z.object({
  id: UuidSchema,
  kind: PersonKindSchema,
  firstName: z.string(),
  lastName: z.string(),
  role: text,
  email: text,
  phone: text,
  companyId: UuidSchema.nullable(),
  status: z.string(),
  source: z.string(),
  lawfulBasis: text,
  lawfulBasisNote: text,
  isNaturalPerson: z.boolean(),
  lastInboundAt: DateTimeSchema.nullable(),
  optedOutAt: DateTimeSchema.nullable(),
  ...timestamps,
});
export type PersonDto = z.infer<typeof PersonDtoSchema>;

export function personDto(p: Person): PersonDto {
  return {
    id: p.id,
    kind: p.kind,
    firstName: p.first_name,
    lastName: p.last_name,
    role: p.role,
    email: p.email,
    phone: p.phone,
    companyId: p.company_id,
    status: p.status,
    source: p.source,
    lawfulBasis: p.lawful_basis,
    lawfulBasisNote: p.lawful_basis_note,
    isNaturalPerson: p.is_natural_person,
    lastInboundAt: iso(p.last_inbound_at),
    optedOutAt: iso(p.opted_out_at),
    version: p.version,
    createdAt: iso(p.created_at),
    updatedAt: iso(p.updated_at),
  };
}

export const DealDtoSchema = z.object({
  id: UuidSchema,
  title: z.string(),
  companyId: UuidSchema.nullable(),
  personId: UuidSchema.nullable(),
  amountCents: z.number().int(),
  currency: z.string(),
  /** the stage's key, e.g. "nouveau" */
  stage: z.string(),
  stageName: z.string(),
  /** the override if set, else the stage's */
  probability: z.number().int(),
  probabilityOverride: z.number().int().nullable(),
  expectedCloseDate: DateOnlySchema.nullable(),
  ownerUserId: UuidSchema.nullable(),
  closedAt: DateTimeSchema.nullable(),
  ...timestamps,
});
export type DealDto = z.infer<typeof DealDtoSchema>;

export function dealDto(d: Deal, stage: Pick<Stage, 'key' | 'name' | 'probability'>): DealDto {
  return {
    id: d.id,
    title: d.title,
    companyId: d.company_id,
    personId: d.person_id,
    amountCents: d.amount_cents,
    currency: d.currency,
    stage: stage.key,
    stageName: stage.name,
    probability: d.probability_override ?? stage.probability,
    probabilityOverride: d.probability_override,
    expectedCloseDate: d.expected_close_date,
    ownerUserId: d.owner_user_id,
    closedAt: iso(d.closed_at),
    version: d.version,
    createdAt: iso(d.created_at),
    updatedAt: iso(d.updated_at),
  };
}

export const ActivityDtoSchema = z.object({
  id: UuidSchema,
  subjectType: SubjectTypeSchema,
  subjectId: UuidSchema,
  kind: z.string(),
  actorType: ActorTypeSchema,
  /** a user id, a teammate's name, or a system component */
  actorId: text,
  summary: z.string(),
  data: z.record(z.string(), z.unknown()),
  occurredAt: DateTimeSchema,
});
export type ActivityDto = z.infer<typeof ActivityDtoSchema>;

export function activityDto(a: Activity): ActivityDto {
  return {
    id: a.id,
    subjectType: a.subject_type,
    subjectId: a.subject_id,
    kind: a.kind,
    actorType: a.actor_type,
    actorId: a.actor_id,
    summary: a.summary,
    data: a.data,
    occurredAt: iso(a.occurred_at),
  };
}

export const StageDtoSchema = z.object({
  id: UuidSchema,
  key: z.string(),
  name: z.string(),
  position: z.number().int(),
  probability: z.number().int(),
  outcome: z.enum(['open', 'won', 'lost'] as const satisfies readonly StageOutcome[]),
});
export type StageDto = z.infer<typeof StageDtoSchema>;

export function stageDto(s: Stage): StageDto {
  return { id: s.id, key: s.key, name: s.name, position: s.position, probability: s.probability, outcome: s.outcome };
}
