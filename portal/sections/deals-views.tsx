import type { Activity, Deal, Stage } from '../../db/schema';
import type { NameMap } from '../../crm/names';
import type { Choice } from '../../crm/choices';
import type { StageFigures } from '../../crm/pipeline';
import type { Ui } from '../env';
import { stageLabel } from '../views/labels';
import { Timeline, TimelineForm } from '../views/timeline';
import { Csrf, DefinitionList, Empty, ErrorSummary, FilterActions, Flash, PageHeader, Pager, SelectField, TextField, type FieldErrors, type FormValues } from '../views/ui';

export const probabilityOf = (d: Deal, s: Stage) => d.probability_override ?? s.probability;

function Header({ ui, view }: { ui: Ui; view: 'board' | 'list' }) {
  const { t } = ui;
  return (
    <PageHeader
      title={t('deals.title')}
      intro={t('deals.intro')}
      actions={
        <>
          <nav class="toggle" aria-label={t('deals.view')}>
            <a href="/deals" aria-current={view === 'board' ? 'page' : undefined}>
              {t('deals.view.board')}
            </a>
            <a href="/deals?view=list" aria-current={view === 'list' ? 'page' : undefined}>
              {t('deals.view.list')}
            </a>
          </nav>
          <a class="button primary" href="/deals/new">
            {t('deals.new')}
          </a>
        </>
      }
    />
  );
}

function NoDeals({ ui }: { ui: Ui }) {
  const { t } = ui;
  return (
    <Empty title={t('deals.empty.title')}>
      <p>{t('deals.empty.body')}</p>
      <p>
        <a class="button primary" href="/deals/new">
          {t('deals.new')}
        </a>{' '}
        <a class="button" href="/chat">
          {t('dash.empty.cta')}
        </a>
      </p>
    </Empty>
  );
}

function MoveButton({ ui, csrf, deal, to, arrow }: { ui: Ui; csrf: string; deal: Deal; to: Stage; arrow: string }) {
  return (
    <form method="post" action={`/deals/${deal.id}/move`} class="inline">
      <Csrf token={csrf} />
      <input type="hidden" name="stage" value={to.key} />
      <input type="hidden" name="version" value={String(deal.version)} data-version-of={deal.id} />
      <input type="hidden" name="back" value="board" />
      <button
        type="submit"
        class="icon"
        title={ui.t('deals.moveTo', { title: deal.title, stage: stageLabel(ui, to) })}
        aria-label={ui.t('deals.moveTo', { title: deal.title, stage: stageLabel(ui, to) })}
      >
        {arrow}
      </button>
    </form>
  );
}

type BoardProps = {
  ui: Ui;
  csrf: string;
  figures: StageFigures[];
  columns: Map<string, Deal[]>;
  companies: NameMap;
  flash: string | null;
  error: string | null;
};

/** The pipeline as columns; each card moves with ← → buttons (plain forms) or by dragging. */
export function DealsBoard({ ui, csrf, figures, columns, companies, flash, error }: BoardProps) {
  const { t } = ui;
  const total = figures.reduce((s, f) => s + f.count, 0);
  const stages = figures.map((f) => f.stage);
  return (
    <>
      <Header ui={ui} view="board" />
      <Flash text={flash} />
      <Flash kind="error" text={error} />
      {total === 0 ? (
        <NoDeals ui={ui} />
      ) : (
        <>
          <p class="hint">{t('deals.dragHint')}</p>
          <div class="board" data-board data-csrf={csrf}>
            {figures.map((f, i) => {
              const deals = columns.get(f.stage.id) ?? [];
              const prev = stages[i - 1];
              const next = stages[i + 1];
              return (
                <section class={`column outcome-${f.stage.outcome}`} aria-labelledby={`col-${f.stage.key}`} data-stage={f.stage.key}>
                  <h2 id={`col-${f.stage.key}`}>
                    {stageLabel(ui, f.stage)}
                    <span class="col-sum" data-col-sum>
                      {t('deals.columnCount', { n: ui.fmt.number(f.count), amount: ui.fmt.moneyRound(f.amountCents) })}
                    </span>
                  </h2>
                  <ol class="deal-cards" data-drop={f.stage.key}>
                    {deals.map((d) => (
                      <li class="deal-card" draggable="true" data-deal={d.id} data-version={String(d.version)} data-amount={String(d.amount_cents)}>
                        <a href={`/deals/${d.id}`} class="deal-title">
                          {d.title}
                        </a>
                        <p class="deal-meta">
                          <span class="amount">{ui.fmt.money(d.amount_cents)}</span>
                          {d.company_id && companies.get(d.company_id) ? <span class="muted"> · {companies.get(d.company_id)}</span> : null}
                        </p>
                        <div class="move">
                          {prev ? <MoveButton ui={ui} csrf={csrf} deal={d} to={prev} arrow="←" /> : <span />}
                          {next ? <MoveButton ui={ui} csrf={csrf} deal={d} to={next} arrow="→" /> : <span />}
                        </div>
                      </li>
                    ))}
                  </ol>
                  {deals.length === 0 ? <p class="muted small col-empty">{t('deals.columnEmpty')}</p> : null}
                  {f.count > deals.length ? (
                    <p class="small">
                      <a href={`/deals?view=list&stage=${encodeURIComponent(f.stage.key)}`}>{t('deals.columnMore', { n: ui.fmt.number(f.count - deals.length) })}</a>
                    </p>
                  ) : null}
                </section>
              );
            })}
          </div>
        </>
      )}
    </>
  );
}

type ListProps = {
  ui: Ui;
  stages: Stage[];
  items: Deal[];
  companies: NameMap;
  query: Record<string, string | undefined>;
  nextCursor: string | null;
};

export function DealsList({ ui, stages, items, companies, query, nextCursor }: ListProps) {
  const { t } = ui;
  const byId = new Map(stages.map((s) => [s.id, s]));
  const filtered = Boolean(query.q || query.stage || query.cursor);
  return (
    <>
      <Header ui={ui} view="list" />
      <form method="get" action="/deals" class="filters" role="search">
        <input type="hidden" name="view" value="list" />
        <div class="field grow">
          <label for="q">{t('deals.searchLabel')}</label>
          <input id="q" name="q" type="search" value={query.q ?? ''} placeholder={t('deals.searchPlaceholder')} />
        </div>
        <div class="field">
          <label for="stage">{t('deals.field.stage')}</label>
          <select id="stage" name="stage">
            <option value="">{t('common.all')}</option>
            {stages.map((s) => (
              <option value={s.key} selected={query.stage === s.key}>
                {stageLabel(ui, s)}
              </option>
            ))}
          </select>
        </div>
        <FilterActions ui={ui} filtered={filtered} resetHref="/deals?view=list" />
      </form>
      {items.length === 0 ? (
        filtered ? (
          <p class="muted">{t('common.noResults')}</p>
        ) : (
          <NoDeals ui={ui} />
        )
      ) : (
        <div class="table-wrap">
          <table class="data">
            <thead>
              <tr>
                <th scope="col">{t('deals.col.title')}</th>
                <th scope="col">{t('deals.col.stage')}</th>
                <th scope="col" class="num">
                  {t('deals.col.amount')}
                </th>
                <th scope="col" class="hide-sm">
                  {t('deals.col.company')}
                </th>
                <th scope="col" class="hide-sm">
                  {t('deals.col.close')}
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => {
                const s = byId.get(d.stage_id);
                return (
                  <tr>
                    <th scope="row">
                      <a href={`/deals/${d.id}`}>{d.title}</a>
                    </th>
                    <td>{s ? <span class={`badge outcome-${s.outcome}`}>{stageLabel(ui, s)}</span> : null}</td>
                    <td class="num">{ui.fmt.money(d.amount_cents)}</td>
                    <td class="hide-sm">
                      {d.company_id && companies.get(d.company_id) ? <a href={`/companies/${d.company_id}`}>{companies.get(d.company_id)}</a> : t('common.none')}
                    </td>
                    <td class="hide-sm">{d.expected_close_date ? ui.fmt.date(d.expected_close_date) : t('common.none')}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <Pager ui={ui} path="/deals" query={{ ...query, view: 'list' }} nextCursor={nextCursor} />
    </>
  );
}

type DetailProps = {
  ui: Ui;
  csrf: string;
  deal: Deal;
  stage: Stage;
  stages: Stage[];
  companyName: string | null;
  personName: string | null;
  timeline: Activity[];
  flash: string | null;
  error: string | null;
};

export function DealDetail({ ui, csrf, deal: d, stage, stages, companyName, personName, timeline, flash, error }: DetailProps) {
  const { t } = ui;
  const p = probabilityOf(d, stage);
  return (
    <>
      <p class="crumbs">
        <a href="/deals">{t('nav.deals')}</a>
      </p>
      <PageHeader
        title={d.title}
        intro={t('deals.stageOf', { stage: stageLabel(ui, stage) })}
        actions={
          <a class="button" href={`/deals/${d.id}/edit`}>
            {t('common.edit')}
          </a>
        }
      />
      <Flash text={flash} />
      <Flash kind="error" text={error} />
      <div class="split">
        <section class="panel" aria-label={t('common.details')}>
          <p class="big-amount">{ui.fmt.money(d.amount_cents)}</p>
          <DefinitionList
            items={[
              [t('deals.field.stage'), <span class={`badge outcome-${stage.outcome}`}>{stageLabel(ui, stage)}</span>],
              [t('deals.probability'), ui.fmt.percent(p / 100)],
              [t('deals.weighted'), ui.fmt.money(Math.round((d.amount_cents * p) / 100))],
              [t('deals.field.companyId'), d.company_id && companyName ? <a href={`/companies/${d.company_id}`}>{companyName}</a> : null],
              [t('deals.field.personId'), d.person_id && personName ? <a href={`/people/${d.person_id}`}>{personName}</a> : null],
              [t('deals.field.expectedCloseDate'), d.expected_close_date ? ui.fmt.date(d.expected_close_date) : null],
              ...(d.closed_at ? ([[t('deals.closedOn'), ui.fmt.date(d.closed_at)]] as [string, string][]) : []),
            ]}
          />
          <form method="post" action={`/deals/${d.id}/move`} class="row move-form">
            <Csrf token={csrf} />
            <input type="hidden" name="version" value={String(d.version)} />
            <input type="hidden" name="back" value="detail" />
            <div class="field">
              <label for="move-stage">{t('deals.moveForm')}</label>
              <select id="move-stage" name="stage">
                {stages.map((s) => (
                  <option value={s.key} selected={s.id === stage.id}>
                    {stageLabel(ui, s)}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit">{t('deals.moveSubmit')}</button>
          </form>
        </section>
        <section class="panel" aria-labelledby="tl-h">
          <h2 id="tl-h">{t('timeline.title')}</h2>
          <TimelineForm ui={ui} csrf={csrf} subjectType="deal" subjectId={d.id} back={`/deals/${d.id}`} />
          <Timeline ui={ui} items={timeline} />
        </section>
      </div>
    </>
  );
}

type FormProps = {
  ui: Ui;
  csrf: string;
  action: string;
  title: string;
  values: FormValues;
  errors: FieldErrors;
  formError: string | null;
  stages: Stage[];
  companies: Choice[];
  people: Choice[];
  cancel: string;
};

export function DealForm({ ui, csrf, action, title, values, errors, formError, stages, companies, people, cancel }: FormProps) {
  const { t } = ui;
  const f = { values, errors };
  return (
    <>
      <p class="crumbs">
        <a href="/deals">{t('nav.deals')}</a>
      </p>
      <PageHeader title={title} />
      <ErrorSummary ui={ui} errors={errors} form={formError} />
      <form method="post" action={action} class="record-form" novalidate>
        <Csrf token={csrf} />
        {values.version ? <input type="hidden" name="version" value={values.version} /> : null}
        <TextField {...f} name="title" label={t('deals.field.title')} required />
        <div class="grid2">
          <TextField {...f} name="amount" label={t('deals.field.amount')} hint={t('deals.amountHint')} inputmode="decimal" />
          <SelectField {...f} name="stage" label={t('deals.field.stage')} options={stages.map((s) => ({ value: s.key, label: stageLabel(ui, s) }))} />
          <SelectField
            {...f}
            name="companyId"
            label={t('deals.field.companyId')}
            options={[{ value: '', label: t('people.noCompany') }, ...companies.map((c) => ({ value: c.id, label: c.label }))]}
          />
          <SelectField
            {...f}
            name="personId"
            label={t('deals.field.personId')}
            options={[{ value: '', label: t('deals.noPerson') }, ...people.map((p) => ({ value: p.id, label: p.label }))]}
          />
          <TextField {...f} name="probabilityOverride" label={t('deals.field.probabilityOverride')} hint={t('deals.probabilityHint')} inputmode="numeric" />
          <TextField {...f} name="expectedCloseDate" type="date" label={t('deals.field.expectedCloseDate')} />
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
