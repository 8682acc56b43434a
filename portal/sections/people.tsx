import { Hono, type Context } from 'hono';
import { listActivities } from '../../crm/activities';
import * as people from '../../crm/people';
import { PersonCreateSchema, PersonPatchSchema } from '../../crm/schemas';
import { listDealRows } from '../../crm/deals';
import type { Person, PersonKind } from '../../db/schema';
import { companyChoices } from '../../crm/choices';
import { companyNames } from '../../crm/names';
import type { PortalEnv } from '../env';
import { domainErrors, zodFieldErrors } from '../forms/errors';
import { flashKey, idParam, listQuery } from '../forms/query';
import { formStrings, formVersion, orNull, orUndefined, type RawForm } from '../forms/values';
import { renderPage } from '../views/render';
import type { FieldErrors, FormValues } from '../views/ui';
import { LIST_PATH, PeopleList, PersonDetail, PersonForm, displayName } from './people-views';

type C = Context<PortalEnv>;
const SECTION = { lead: 'leads', contact: 'contacts' } as const;

async function list(c: C, kind: PersonKind) {
  const ui = c.get('ui');
  const ctx = c.get('crm');
  const query = listQuery(c, ['status'] as const);
  const page = await people.listPeople(ctx, { kind, q: query.q, status: query.status, cursor: query.cursor, limit: 25 });
  const companies = await companyNames(
    ctx,
    page.items.map((p) => p.company_id),
  );
  const flash = flashKey(c);
  return renderPage(
    c,
    { title: ui.t(`${SECTION[kind]}.title`), section: SECTION[kind] },
    <PeopleList ui={ui} kind={kind} items={page.items} companies={companies} query={query} nextCursor={page.nextCursor} flash={flash ? ui.t(flash) : null} />,
  );
}

async function showForm(
  c: C,
  o: { kind: PersonKind; action: string; title: string; values: FormValues; errors?: FieldErrors; formError?: string | null; cancel: string; status?: 200 | 400 | 409 },
) {
  const ui = c.get('ui');
  const companies = await companyChoices(c.get('crm'), o.values.companyId || null);
  return renderPage(
    c,
    { title: o.title, section: SECTION[o.kind], status: o.status },
    <PersonForm
      ui={ui}
      csrf={c.get('viewer').csrf}
      kind={o.kind}
      action={o.action}
      title={o.title}
      values={o.values}
      errors={o.errors ?? {}}
      formError={o.formError ?? null}
      companies={companies}
      cancel={o.cancel}
    />,
  );
}

function valuesOf(p: Person): FormValues {
  return {
    firstName: p.first_name,
    lastName: p.last_name,
    role: p.role ?? '',
    email: p.email ?? '',
    phone: p.phone ?? '',
    companyId: p.company_id ?? '',
    status: p.status,
    lawfulBasis: p.lawful_basis ?? '',
    lawfulBasisNote: p.lawful_basis_note ?? '',
    isNaturalPerson: p.is_natural_person ? 'on' : '',
    version: String(p.version),
  };
}

async function create(c: C, kind: PersonKind) {
  const ui = c.get('ui');
  const v = formStrings((await c.req.parseBody()) as RawForm);
  const title = ui.t(`${SECTION[kind]}.new`);
  const again = (errors: FieldErrors, formError: string | null = null) =>
    showForm(c, { kind, action: LIST_PATH[kind], title, values: v, errors, formError, cancel: LIST_PATH[kind], status: 400 });
  const parsed = PersonCreateSchema.safeParse({
    kind,
    firstName: orUndefined(v.firstName),
    lastName: orUndefined(v.lastName),
    role: orUndefined(v.role),
    email: orUndefined(v.email),
    phone: orUndefined(v.phone),
    companyId: orUndefined(v.companyId),
    status: orUndefined(v.status),
    lawfulBasis: orUndefined(v.lawfulBasis),
    lawfulBasisNote: orUndefined(v.lawfulBasisNote),
    isNaturalPerson: v.isNaturalPerson === 'on',
  });
  if (!parsed.success) return again(zodFieldErrors(parsed.error, ui.t));
  try {
    const person = await people.createPerson(c.get('crm'), parsed.data);
    return c.redirect(`/people/${person.id}?ok=created`, 303);
  } catch (err) {
    const known = domainErrors(err, ui.t);
    if (!known) throw err;
    return again(known.fields, known.form);
  }
}

export const peopleRoutes = new Hono<PortalEnv>()
  .get('/leads', (c) => list(c, 'lead'))
  .get('/contacts', (c) => list(c, 'contact'))
  .get('/leads/new', (c) =>
    showForm(c, { kind: 'lead', action: '/leads', title: c.get('ui').t('leads.new'), values: { status: 'new', companyId: c.req.query('companyId') ?? '' }, cancel: '/leads' }),
  )
  .get('/contacts/new', (c) =>
    showForm(c, {
      kind: 'contact',
      action: '/contacts',
      title: c.get('ui').t('contacts.new'),
      values: { status: 'new', companyId: c.req.query('companyId') ?? '' },
      cancel: '/contacts',
    }),
  )
  .post('/leads', (c) => create(c, 'lead'))
  .post('/contacts', (c) => create(c, 'contact'))
  .get('/people/:id', async (c) => {
    const ui = c.get('ui');
    const ctx = c.get('crm');
    const person = await people.getPerson(ctx, idParam(c, 'person'));
    const [companies, deals, timeline] = await Promise.all([
      companyNames(ctx, [person.company_id]),
      listDealRows(ctx, { personId: person.id, limit: 20 }),
      listActivities(ctx, { subjectType: 'person', subjectId: person.id, limit: 50 }),
    ]);
    const flash = flashKey(c);
    return renderPage(
      c,
      { title: displayName(ui, person), section: SECTION[person.kind] },
      <PersonDetail
        ui={ui}
        csrf={c.get('viewer').csrf}
        person={person}
        companyName={person.company_id ? (companies.get(person.company_id) ?? null) : null}
        deals={deals.items}
        timeline={timeline.items}
        flash={flash ? ui.t(flash) : null}
        admin={c.get('viewer').role === 'admin'}
      />,
    );
  })
  .get('/people/:id/edit', async (c) => {
    const ui = c.get('ui');
    const person = await people.getPerson(c.get('crm'), idParam(c, 'person'));
    return showForm(c, {
      kind: person.kind,
      action: `/people/${person.id}`,
      title: ui.t('people.edit.title', { name: displayName(ui, person) }),
      values: valuesOf(person),
      cancel: `/people/${person.id}`,
    });
  })
  .post('/people/:id', async (c) => {
    const ui = c.get('ui');
    const ctx = c.get('crm');
    const person = await people.getPerson(ctx, idParam(c, 'person'));
    const v = formStrings((await c.req.parseBody()) as RawForm);
    const again = (errors: FieldErrors, formError: string | null = null, status: 400 | 409 = 400) =>
      showForm(c, {
        kind: person.kind,
        action: `/people/${person.id}`,
        title: ui.t('people.edit.title', { name: displayName(ui, person) }),
        values: v,
        errors,
        formError,
        cancel: `/people/${person.id}`,
        status,
      });
    const parsed = PersonPatchSchema.safeParse({
      firstName: v.firstName ?? '',
      lastName: v.lastName ?? '',
      role: orNull(v.role),
      email: orNull(v.email),
      phone: orNull(v.phone),
      companyId: orNull(v.companyId),
      status: orUndefined(v.status),
      lawfulBasis: orNull(v.lawfulBasis),
      lawfulBasisNote: orNull(v.lawfulBasisNote),
      isNaturalPerson: v.isNaturalPerson === 'on',
      version: Number(v.version),
    });
    if (!parsed.success) return again(zodFieldErrors(parsed.error, ui.t));
    if (!parsed.data.firstName && !parsed.data.lastName && !parsed.data.email) return again({ lastName: ui.t('err.nameOrEmail') });
    try {
      await people.updatePerson(ctx, person.id, parsed.data);
      return c.redirect(`/people/${person.id}?ok=saved`, 303);
    } catch (err) {
      const known = domainErrors(err, ui.t);
      if (!known) throw err;
      return again(known.fields, known.form, known.form ? 409 : 400);
    }
  })
  .post('/people/:id/promote', async (c) => {
    const ctx = c.get('crm');
    const id = idParam(c, 'person');
    const v = formStrings((await c.req.parseBody()) as RawForm);
    const person = await people.getPerson(ctx, id);
    const version = formVersion(v.version) ?? person.version;
    // promoting twice (double click, two tabs) is harmless: it already is a contact
    if (person.kind === 'lead') {
      try {
        await people.promotePerson(ctx, id, version);
      } catch (err) {
        if (!domainErrors(err, c.get('ui').t)) throw err;
        return c.redirect(`/people/${id}`, 303);
      }
    }
    return c.redirect(`/people/${id}?ok=promoted`, 303);
  });
