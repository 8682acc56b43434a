import { Hono, type Context } from 'hono';
import { listActivities } from '../../crm/activities';
import * as companies from '../../crm/companies';
import { CompanyCreateSchema, CompanyPatchSchema } from '../../crm/schemas';
import { listDealRows } from '../../crm/deals';
import { listPeople } from '../../crm/people';
import type { Activity, Company, Deal, Person } from '../../db/schema';
import type { PortalEnv, Ui } from '../env';
import { domainErrors, zodFieldErrors } from '../forms/errors';
import { flashKey, idParam, listQuery } from '../forms/query';
import { formStrings, orNull, orUndefined, type RawForm } from '../forms/values';
import { statusLabel } from '../views/labels';
import { renderPage } from '../views/render';
import { Timeline, TimelineForm } from '../views/timeline';
import { Csrf, DefinitionList, Empty, ErrorSummary, Flash, PageHeader, Pager, TextField, type FieldErrors, type FormValues } from '../views/ui';
import { displayName } from './people-views';
import { webAddress } from '../../lib/validation';

type C = Context<PortalEnv>;
const FIELDS = ['name', 'siren', 'siret', 'nafCode', 'nafLabel', 'address', 'postcode', 'city', 'headcountBand', 'website'] as const;

function valuesOf(co: Company): FormValues {
  return {
    name: co.name,
    siren: co.siren ?? '',
    siret: co.siret ?? '',
    nafCode: co.naf_code ?? '',
    nafLabel: co.naf_label ?? '',
    address: co.address ?? '',
    postcode: co.postcode ?? '',
    city: co.city ?? '',
    headcountBand: co.headcount_band ?? '',
    website: co.website ?? '',
    version: String(co.version),
  };
}

/** People type "exemple.fr": the schema wants a full URL, so the scheme is added for them. */
const website = (s: string | undefined) => (s && !/^https?:\/\//i.test(s) ? `https://${s}` : s);

function CompanyForm({
  ui,
  csrf,
  action,
  title,
  values,
  errors,
  formError,
  cancel,
}: {
  ui: Ui;
  csrf: string;
  action: string;
  title: string;
  values: FormValues;
  errors: FieldErrors;
  formError: string | null;
  cancel: string;
}) {
  const { t } = ui;
  const f = { values, errors };
  return (
    <>
      <PageHeader title={title} />
      <ErrorSummary ui={ui} errors={errors} form={formError} />
      <form method="post" action={action} class="record-form" novalidate>
        <Csrf token={csrf} />
        {values.version ? <input type="hidden" name="version" value={values.version} /> : null}
        <TextField {...f} name="name" label={t('company.field.name')} required />
        <div class="grid2">
          <TextField {...f} name="siren" label={t('company.field.siren')} inputmode="numeric" />
          <TextField {...f} name="siret" label={t('company.field.siret')} inputmode="numeric" />
          <TextField {...f} name="nafCode" label={t('company.field.nafCode')} placeholder="43.34Z" />
          <TextField {...f} name="nafLabel" label={t('company.field.nafLabel')} />
          <TextField {...f} name="address" label={t('company.field.address')} />
          <TextField {...f} name="postcode" label={t('company.field.postcode')} inputmode="numeric" />
          <TextField {...f} name="city" label={t('company.field.city')} />
          <TextField {...f} name="headcountBand" label={t('company.field.headcountBand')} />
          <TextField {...f} name="website" type="url" label={t('company.field.website')} placeholder="https://" />
        </div>
        <div class="form-actions">
          <button type="submit" class="primary">
            {values.version ? t('common.save') : t('common.create')}
          </button>
          <a class="button quiet" href={cancel}>
            {t('common.cancel')}
          </a>
        </div>
      </form>
    </>
  );
}

function CompanyDetail({
  ui,
  csrf,
  co,
  people,
  deals,
  timeline,
  flash,
}: {
  ui: Ui;
  csrf: string;
  co: Company;
  people: Person[];
  deals: Deal[];
  timeline: Activity[];
  flash: string | null;
}) {
  const { t } = ui;
  return (
    <>
      <p class="crumbs">
        <a href="/companies">{t('company.title')}</a>
      </p>
      <PageHeader
        title={co.name}
        intro={[co.naf_label, co.city].filter(Boolean).join(' · ') || undefined}
        actions={
          <a class="button" href={`/companies/${co.id}/edit`}>
            {t('common.edit')}
          </a>
        }
      />
      <Flash text={flash} />
      <div class="split">
        <section class="panel" aria-label={t('common.details')}>
          <DefinitionList
            items={[
              [t('company.field.siren'), co.siren],
              [t('company.field.siret'), co.siret],
              [t('company.field.nafCode'), co.naf_code],
              [t('company.field.address'), [co.address, co.postcode, co.city].filter(Boolean).join(', ') || null],
              [t('company.field.headcountBand'), co.headcount_band],
              [t('company.field.website'), co.website ? <WebLink url={co.website} /> : null],
            ]}
          />
          <h2>{t('company.people')}</h2>
          {people.length === 0 ? (
            <p class="muted">{t('company.noPeople')}</p>
          ) : (
            <ul class="plain">
              {people.map((p) => (
                <li>
                  <a href={`/people/${p.id}`}>{displayName(ui, p)}</a> · {t(`people.kind.${p.kind}`)} · {statusLabel(ui, p.status)}
                </li>
              ))}
            </ul>
          )}
          <p>
            <a href={`/leads/new?companyId=${co.id}`}>{t('company.addPerson')}</a>
          </p>
          <h2>{t('people.deals')}</h2>
          {deals.length === 0 ? (
            <p class="muted">{t('people.noDeals')}</p>
          ) : (
            <ul class="plain">
              {deals.map((d) => (
                <li>
                  <a href={`/deals/${d.id}`}>{d.title}</a> · {ui.fmt.money(d.amount_cents)}
                </li>
              ))}
            </ul>
          )}
          <p>
            <a href={`/deals/new?companyId=${co.id}`}>{t('people.newDeal')}</a>
          </p>
        </section>
        <section class="panel" aria-labelledby="tl-h">
          <h2 id="tl-h">{t('timeline.title')}</h2>
          <TimelineForm ui={ui} csrf={csrf} subjectType="company" subjectId={co.id} back={`/companies/${co.id}`} />
          <Timeline ui={ui} items={timeline} />
        </section>
      </div>
    </>
  );
}

function showForm(c: C, o: { action: string; title: string; values: FormValues; errors?: FieldErrors; formError?: string | null; cancel: string; status?: 200 | 400 | 409 }) {
  return renderPage(
    c,
    { title: o.title, section: 'leads', status: o.status },
    <CompanyForm
      ui={c.get('ui')}
      csrf={c.get('viewer').csrf}
      action={o.action}
      title={o.title}
      values={o.values}
      errors={o.errors ?? {}}
      formError={o.formError ?? null}
      cancel={o.cancel}
    />,
  );
}

function fieldsFrom(v: Record<string, string>, empty: typeof orNull | typeof orUndefined) {
  const out: Record<string, string | null | undefined> = {};
  for (const k of FIELDS) out[k] = empty(k === 'website' ? website(v[k]) : v[k]);
  return out;
}

export const companyRoutes = new Hono<PortalEnv>()
  .get('/companies', async (c) => {
    const ui = c.get('ui');
    const { t } = ui;
    const query = listQuery(c, [] as const);
    const page = await companies.listCompanies(c.get('crm'), { q: query.q, cursor: query.cursor, limit: 25 });
    return renderPage(
      c,
      { title: t('company.title'), section: 'leads' },
      <>
        <PageHeader
          title={t('company.title')}
          actions={
            <>
              <a class="button" href="/companies/import">
                {t('import.link')}
              </a>
              <a class="button primary" href="/companies/new">
                {t('company.new')}
              </a>
            </>
          }
        />
        <form method="get" action="/companies" class="filters" role="search">
          <div class="field grow">
            <label for="q">{t('common.search')}</label>
            <input id="q" name="q" type="search" value={query.q ?? ''} />
          </div>
          <button type="submit">{t('common.search')}</button>
        </form>
        {page.items.length === 0 ? (
          <Empty title={t('leads.empty.title')}>
            <p>{t('leads.empty.body')}</p>
          </Empty>
        ) : (
          <ul class="plain cards-list">
            {page.items.map((co) => (
              <li>
                <a href={`/companies/${co.id}`}>{co.name}</a>
                <span class="muted small"> {[co.naf_label, co.city].filter(Boolean).join(' · ')}</span>
              </li>
            ))}
          </ul>
        )}
        <Pager ui={ui} path="/companies" query={query} nextCursor={page.nextCursor} />
      </>,
    );
  })
  .get('/companies/new', (c) => showForm(c, { action: '/companies', title: c.get('ui').t('company.new'), values: {}, cancel: '/companies' }))
  .post('/companies', async (c) => {
    const ui = c.get('ui');
    const v = formStrings((await c.req.parseBody()) as RawForm);
    const again = (errors: FieldErrors, formError: string | null = null) =>
      showForm(c, { action: '/companies', title: ui.t('company.new'), values: v, errors, formError, cancel: '/companies', status: 400 });
    const parsed = CompanyCreateSchema.safeParse({ ...fieldsFrom(v, orUndefined), name: v.name ?? '' });
    if (!parsed.success) return again(zodFieldErrors(parsed.error, ui.t));
    try {
      const co = await companies.createCompany(c.get('crm'), parsed.data);
      return c.redirect(`/companies/${co.id}?ok=created`, 303);
    } catch (err) {
      const known = domainErrors(err, ui.t);
      if (!known) throw err;
      return again(known.fields, known.form);
    }
  })
  .get('/companies/:id', async (c) => {
    const ui = c.get('ui');
    const ctx = c.get('crm');
    const co = await companies.getCompany(ctx, idParam(c, 'company'));
    const [ppl, deals, timeline] = await Promise.all([
      listPeople(ctx, { companyId: co.id, limit: 50 }),
      listDealRows(ctx, { companyId: co.id, limit: 20 }),
      listActivities(ctx, { subjectType: 'company', subjectId: co.id, limit: 50 }),
    ]);
    const flash = flashKey(c);
    return renderPage(
      c,
      { title: co.name, section: 'leads' },
      <CompanyDetail ui={ui} csrf={c.get('viewer').csrf} co={co} people={ppl.items} deals={deals.items} timeline={timeline.items} flash={flash ? ui.t(flash) : null} />,
    );
  })
  .get('/companies/:id/edit', async (c) => {
    const co = await companies.getCompany(c.get('crm'), idParam(c, 'company'));
    return showForm(c, { action: `/companies/${co.id}`, title: c.get('ui').t('company.edit.title', { name: co.name }), values: valuesOf(co), cancel: `/companies/${co.id}` });
  })
  .post('/companies/:id', async (c) => {
    const ui = c.get('ui');
    const ctx = c.get('crm');
    const co = await companies.getCompany(ctx, idParam(c, 'company'));
    const v = formStrings((await c.req.parseBody()) as RawForm);
    const again = (errors: FieldErrors, formError: string | null = null, status: 400 | 409 = 400) =>
      showForm(c, { action: `/companies/${co.id}`, title: ui.t('company.edit.title', { name: co.name }), values: v, errors, formError, cancel: `/companies/${co.id}`, status });
    const parsed = CompanyPatchSchema.safeParse({ ...fieldsFrom(v, orNull), name: v.name ?? '', version: Number(v.version) });
    if (!parsed.success) return again(zodFieldErrors(parsed.error, ui.t));
    try {
      await companies.updateCompany(ctx, co.id, parsed.data);
      return c.redirect(`/companies/${co.id}?ok=saved`, 303);
    } catch (err) {
      const known = domainErrors(err, ui.t);
      if (!known) throw err;
      return again(known.fields, known.form, known.form ? 409 : 400);
    }
  });

/** A stored website as a link only when it is http(s): an older `javascript:` value stays plain text. */
function WebLink({ url }: { url: string }) {
  const href = webAddress(url);
  return href ? (
    <a href={href} rel="noopener noreferrer">
      {url}
    </a>
  ) : (
    <span>{url}</span>
  );
}
