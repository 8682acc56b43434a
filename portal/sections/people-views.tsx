import type { Activity, Deal, Person, PersonKind } from '../../db/schema';
import type { Choice } from '../../crm/choices';
import type { NameMap } from '../../crm/names';
import type { Ui } from '../env';
import { PERSON_STATUSES, statusLabel } from '../views/labels';
import { PersonRightsPanel } from './person-rights-panel';
import { Timeline, TimelineForm } from '../views/timeline';
import {
  CheckboxField,
  Csrf,
  DefinitionList,
  Empty,
  ErrorSummary,
  FilterActions,
  Flash,
  PageHeader,
  Pager,
  SelectField,
  TextArea,
  TextField,
  type FieldErrors,
  type FormValues,
} from '../views/ui';

export const LIST_PATH: Record<PersonKind, string> = { lead: '/leads', contact: '/contacts' };
const SECTION_KEY = { lead: 'leads', contact: 'contacts' } as const;

export function displayName(ui: Ui, p: Pick<Person, 'first_name' | 'last_name' | 'email'>) {
  return `${p.first_name} ${p.last_name}`.trim() || p.email || ui.t('people.unnamed');
}

type ListProps = {
  ui: Ui;
  kind: PersonKind;
  items: Person[];
  companies: NameMap;
  query: Record<string, string | undefined>;
  nextCursor: string | null;
  flash: string | null;
};

export function PeopleList({ ui, kind, items, companies, query, nextCursor, flash }: ListProps) {
  const { t } = ui;
  const key = SECTION_KEY[kind];
  const filtered = Boolean(query.q || query.status || query.cursor);
  return (
    <>
      <PageHeader
        title={t(`${key}.title`)}
        intro={t(`${key}.intro`)}
        actions={
          <a class="button primary" href={`${LIST_PATH[kind]}/new`}>
            {t(`${key}.new`)}
          </a>
        }
      />
      <Flash text={flash} />
      <form method="get" action={LIST_PATH[kind]} class="filters" role="search">
        <div class="field grow">
          <label for="q">{t('people.searchLabel')}</label>
          <input id="q" name="q" type="search" value={query.q ?? ''} placeholder={t('people.searchPlaceholder')} />
        </div>
        <div class="field">
          <label for="status">{t('people.field.status')}</label>
          <select id="status" name="status">
            <option value="">{t('common.all')}</option>
            {PERSON_STATUSES.map((s) => (
              <option value={s} selected={query.status === s}>
                {statusLabel(ui, s)}
              </option>
            ))}
          </select>
        </div>
        <FilterActions ui={ui} filtered={filtered} resetHref={LIST_PATH[kind]} />
      </form>
      {items.length === 0 ? (
        filtered ? (
          <p class="muted">{t('common.noResults')}</p>
        ) : (
          <Empty title={t(`${key}.empty.title`)}>
            <p>{t(`${key}.empty.body`)}</p>
            <p>
              <a class="button primary" href="/chat">
                {t('dash.empty.cta')}
              </a>{' '}
              <a class="button" href={`${LIST_PATH[kind]}/new`}>
                {t(`${key}.new`)}
              </a>
            </p>
          </Empty>
        )
      ) : (
        <div class="table-wrap">
          <table class="data">
            <thead>
              <tr>
                <th scope="col">{t('people.col.name')}</th>
                <th scope="col">{t('people.col.company')}</th>
                <th scope="col" class="hide-sm">
                  {t('people.col.email')}
                </th>
                <th scope="col">{t('people.col.status')}</th>
                <th scope="col" class="hide-sm">
                  {t('people.col.created')}
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((p) => (
                <tr>
                  <th scope="row">
                    <a href={`/people/${p.id}`}>{displayName(ui, p)}</a>
                    {p.role ? <span class="muted small"> · {p.role}</span> : null}
                  </th>
                  <td>{p.company_id && companies.get(p.company_id) ? <a href={`/companies/${p.company_id}`}>{companies.get(p.company_id)}</a> : t('common.none')}</td>
                  <td class="hide-sm">{p.email ?? t('common.none')}</td>
                  <td>
                    <span class={`badge status-${p.status}`}>{statusLabel(ui, p.status)}</span>
                    {p.opted_out_at ? <span class="badge danger">{t('people.optedOutBadge')}</span> : null}
                  </td>
                  <td class="hide-sm">{ui.fmt.date(p.created_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager ui={ui} path={LIST_PATH[kind]} query={query} nextCursor={nextCursor} />
    </>
  );
}

type DetailProps = {
  ui: Ui;
  csrf: string;
  person: Person;
  companyName: string | null;
  deals: Deal[];
  timeline: Activity[];
  flash: string | null;
  /** an administrator sees the erasure control */
  admin: boolean;
};

export function PersonDetail({ ui, csrf, person: p, companyName, deals, timeline, flash, admin }: DetailProps) {
  const { t } = ui;
  const name = displayName(ui, p);
  return (
    <>
      <p class="crumbs">
        <a href={LIST_PATH[p.kind]}>{t(`nav.${SECTION_KEY[p.kind]}`)}</a>
      </p>
      <PageHeader
        title={name}
        intro={t(`people.kind.${p.kind}`)}
        actions={
          <>
            <a class="button" href={`/people/${p.id}/edit`}>
              {t('common.edit')}
            </a>
            {p.kind === 'lead' ? (
              <form method="post" action={`/people/${p.id}/promote`} class="inline">
                <Csrf token={csrf} />
                <input type="hidden" name="version" value={String(p.version)} />
                <button type="submit" class="primary">
                  {t('people.promote')}
                </button>
              </form>
            ) : null}
          </>
        }
      />
      <Flash text={flash} />
      {p.opted_out_at ? <Flash kind="warn" text={t('people.optedOut', { date: ui.fmt.date(p.opted_out_at) })} /> : null}
      <div class="split">
        <section class="panel" aria-label={t('common.details')}>
          <DefinitionList
            items={[
              [t('people.field.companyId'), p.company_id && companyName ? <a href={`/companies/${p.company_id}`}>{companyName}</a> : null],
              [t('people.field.role'), p.role],
              [t('people.field.email'), p.email ? <a href={`mailto:${p.email}`}>{p.email}</a> : null],
              [t('people.field.phone'), p.phone ? <a href={`tel:${p.phone.replace(/\s/g, '')}`}>{p.phone}</a> : null],
              [t('people.field.status'), statusLabel(ui, p.status)],
              [t('people.field.lawfulBasis'), p.lawful_basis ? t(`people.lawful.${p.lawful_basis as 'consent'}`) : null],
              [t('people.field.lawfulBasisNote'), p.lawful_basis_note],
              [t('people.field.isNaturalPerson'), p.is_natural_person ? t('common.yes') : t('common.no')],
            ]}
          />
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
            <a href={`/deals/new?personId=${p.id}${p.company_id ? `&companyId=${p.company_id}` : ''}`}>{t('people.newDeal')}</a>
          </p>
        </section>
        <section class="panel" aria-labelledby="tl-h">
          <h2 id="tl-h">{t('timeline.title')}</h2>
          <TimelineForm ui={ui} csrf={csrf} subjectType="person" subjectId={p.id} back={`/people/${p.id}`} />
          <Timeline ui={ui} items={timeline} />
        </section>
      </div>
      <PersonRightsPanel ui={ui} person={p} admin={admin} />
    </>
  );
}

/** The known statuses, plus the record's own if a teammate set another one. */
function statusOptions(ui: Ui, current: string | undefined) {
  const list: string[] = [...PERSON_STATUSES];
  if (current && !list.includes(current)) list.push(current);
  return list.map((s) => ({ value: s, label: statusLabel(ui, s) }));
}

type FormProps = {
  ui: Ui;
  csrf: string;
  kind: PersonKind;
  action: string;
  title: string;
  values: FormValues;
  errors: FieldErrors;
  formError: string | null;
  companies: Choice[];
  cancel: string;
};

export function PersonForm({ ui, csrf, kind, action, title, values, errors, formError, companies, cancel }: FormProps) {
  const { t } = ui;
  const f = { values, errors };
  return (
    <>
      <p class="crumbs">
        <a href={LIST_PATH[kind]}>{t(`nav.${SECTION_KEY[kind]}`)}</a>
      </p>
      <PageHeader title={title} />
      <ErrorSummary ui={ui} errors={errors} form={formError} />
      <form method="post" action={action} class="record-form" novalidate>
        <Csrf token={csrf} />
        {values.version ? <input type="hidden" name="version" value={values.version} /> : null}
        <div class="grid2">
          <TextField {...f} name="firstName" label={t('people.field.firstName')} autocomplete="off" />
          <TextField {...f} name="lastName" label={t('people.field.lastName')} autocomplete="off" />
          <TextField {...f} name="email" type="email" label={t('people.field.email')} />
          <TextField {...f} name="phone" type="tel" label={t('people.field.phone')} />
          <TextField {...f} name="role" label={t('people.field.role')} />
          <SelectField
            {...f}
            name="companyId"
            label={t('people.field.companyId')}
            options={[{ value: '', label: t('people.noCompany') }, ...companies.map((c) => ({ value: c.id, label: c.label }))]}
          />
          <SelectField {...f} name="status" label={t('people.field.status')} options={statusOptions(ui, values.status)} />
          <SelectField
            {...f}
            name="lawfulBasis"
            label={t('people.field.lawfulBasis')}
            options={[
              { value: '', label: t('common.none') },
              ...(['legitimate_interest', 'consent', 'contract'] as const).map((v) => ({ value: v, label: t(`people.lawful.${v}`) })),
            ]}
          />
        </div>
        <TextArea {...f} name="lawfulBasisNote" label={t('people.field.lawfulBasisNote')} rows={2} />
        <CheckboxField {...f} name="isNaturalPerson" label={t('people.field.isNaturalPerson')} />
        <p class="hint">
          {t('company.hint')} <a href="/companies/new">{t('company.new')}</a>
        </p>
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
