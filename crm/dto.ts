import type { Activity, Company, Deal, Person, Stage } from '../db/schema';

// Row → API (camelCase). One mapper per aggregate, used by every route and the CLI.
const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function companyDto(c: Company) {
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

export function personDto(p: Person) {
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

export function dealDto(d: Deal, stage: Pick<Stage, 'key' | 'name' | 'probability'>) {
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

export function activityDto(a: Activity) {
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

export function stageDto(s: Stage) {
  return { id: s.id, key: s.key, name: s.name, position: s.position, probability: s.probability, outcome: s.outcome };
}
