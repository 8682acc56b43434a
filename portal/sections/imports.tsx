import { Hono, type Context } from 'hono';
import { getImport, recentImports, startCsvImport, type ImportState } from '../../crm/csv/import';
import type { PortalEnv, Ui } from '../env';
import { idParam } from '../forms/query';
import { renderPage } from '../views/render';
import { Csrf, ErrorSummary, PageHeader, type FieldErrors } from '../views/ui';

// The CSV import: a file sent from the Companies page, imported in the background (crm/csv/jobs.ts);
// its page follows the progress (it refreshes itself while the import runs) and then shows the report.

type C = Context<PortalEnv>;
const REFRESH_SECONDS = 2;

function statusText(ui: Ui, status: ImportState['status']): string {
  return ui.t(`import.status.${status}`);
}

async function showForm(c: C, error: string | null = null) {
  const ui = c.get('ui');
  const { t } = ui;
  const recent = await recentImports(c.get('crm'));
  const errors: FieldErrors = error ? { file: error } : {};
  return renderPage(
    c,
    { title: t('import.title'), section: 'leads', status: error ? 400 : 200 },
    <>
      <p class="crumbs">
        <a href="/companies">{t('company.title')}</a>
      </p>
      <PageHeader title={t('import.title')} intro={t('import.intro')} />
      <ErrorSummary ui={ui} errors={errors} />
      <form method="post" action="/companies/import" enctype="multipart/form-data" class="record-form" novalidate>
        <Csrf token={c.get('viewer').csrf} />
        <div class={`field${error ? ' invalid' : ''}`}>
          <label for="f-file">
            {t('import.field.file')}
            <span class="req" aria-hidden="true">
              {' '}
              *
            </span>
          </label>
          <p class="hint" id="f-file-hint">
            {t('import.hint')}
          </p>
          <input
            id="f-file"
            name="file"
            type="file"
            accept=".csv,text/csv"
            required
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={error ? 'f-file-hint f-file-err' : 'f-file-hint'}
          />
          {error ? (
            <p class="field-error" id="f-file-err">
              {error}
            </p>
          ) : null}
        </div>
        <div class="form-actions">
          <button type="submit" class="primary">
            {t('import.submit')}
          </button>
        </div>
      </form>
      <h2>{t('import.recent')}</h2>
      {recent.length === 0 ? (
        <p class="muted">{t('import.none')}</p>
      ) : (
        <ul class="plain cards-list">
          {recent.map((i) => (
            <li>
              <a href={`/companies/import/${i.id}`}>{ui.fmt.dateTime(i.created_at)}</a>
              <span class="muted small">
                {' '}
                {statusText(ui, i.status)} · {t('import.progress', { done: ui.fmt.number(i.rows_done), total: ui.fmt.number(i.rows_total) })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </>,
  );
}

function ImportView({ ui, state }: { ui: Ui; state: ImportState }) {
  const { t, fmt } = ui;
  const running = state.status === 'queued' || state.status === 'running';
  const { linesDone, linesTotal } = state.progress;
  const r = state.report;
  return (
    <>
      {running ? <meta http-equiv="refresh" content={String(REFRESH_SECONDS)} /> : null}
      <p class="crumbs">
        <a href="/companies">{t('company.title')}</a> · <a href="/companies/import">{t('import.title')}</a>
      </p>
      <PageHeader title={t('import.pageTitle', { date: fmt.dateTime(state.createdAt) })} />
      <section class="panel" aria-live="polite" data-import-status={state.status}>
        <p>
          <span class={`badge import-${state.status}`}>{statusText(ui, state.status)}</span>
        </p>
        <p>
          <progress value={linesDone} max={Math.max(1, linesTotal)}>
            {linesTotal ? Math.round((100 * linesDone) / linesTotal) : 100}%
          </progress>{' '}
          {t('import.progress', { done: fmt.number(linesDone), total: fmt.number(linesTotal) })}
        </p>
        {running ? (
          <p class="muted">
            {t('import.running')} <a href={`/companies/import/${state.id}`}>{t('import.refresh')}</a>
          </p>
        ) : null}
        {state.status === 'failed' ? (
          <p class="flash error" role="alert">
            {t('import.failed')}
          </p>
        ) : null}
      </section>
      {r ? (
        <section class="panel" aria-label={t('import.report')}>
          <h2>{t('import.report')}</h2>
          <ul class="plain">
            <li>{t('import.companies', { created: fmt.number(r.companies.created), merged: fmt.number(r.companies.merged) })}</li>
            <li>{t('import.people', { created: fmt.number(r.people.created), merged: fmt.number(r.people.merged) })}</li>
            {r.unknownColumns.length ? <li>{t('import.unknownColumns', { columns: r.unknownColumns.join(', ') })}</li> : null}
          </ul>
          {r.rejected.length ? (
            <>
              <h3>{t('import.rejected', { n: r.rejected.length })}</h3>
              <div class="table-wrap">
                <table class="data">
                  <thead>
                    <tr>
                      <th scope="col">{t('import.col.line')}</th>
                      <th scope="col">{t('import.col.column')}</th>
                      <th scope="col">{t('import.col.reason')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {r.rejected.map((x) => (
                      <tr>
                        <th scope="row">{x.line}</th>
                        <td>{x.field ?? t('common.none')}</td>
                        <td>{x.reason}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          ) : null}
          <p>
            <a class="button" href="/companies">
              {t('import.toCompanies')}
            </a>
          </p>
        </section>
      ) : null}
    </>
  );
}

export const importRoutes = new Hono<PortalEnv>()
  .get('/companies/import', (c) => showForm(c))
  .post('/companies/import', async (c) => {
    const { t } = c.get('ui');
    const body = await c.req.parseBody();
    const file = body.file;
    if (!(file instanceof File) || file.size === 0) return showForm(c, t('import.error.file'));
    const state = await startCsvImport(c.get('crm'), new Uint8Array(await file.arrayBuffer()));
    return c.redirect(`/companies/import/${state.id}`, 303);
  })
  .get('/companies/import/:id', async (c) => {
    const state = await getImport(c.get('crm'), idParam(c, 'import'));
    return renderPage(c, { title: c.get('ui').t('import.title') }, <ImportView ui={c.get('ui')} state={state} />);
  });
