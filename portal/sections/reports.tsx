import { Hono } from 'hono';
import { forecastByMonth, pipelineFigures, totals } from '../../crm/pipeline';
import type { PortalEnv } from '../env';
import { stageLabel } from '../views/labels';
import { renderPage } from '../views/render';
import { Empty, PageHeader } from '../views/ui';

export const reportRoutes = new Hono<PortalEnv>()
  .get('/reports', async (c) => {
    const ui = c.get('ui');
    const { t } = ui;
    const figures = await pipelineFigures(c.get('crm'));
    const sum = totals(figures);
    const amountAll = figures.reduce((s, f) => s + f.amountCents, 0);
    const won = figures.filter((f) => f.stage.outcome === 'won').reduce((s, f) => s + f.count, 0);
    const lost = figures.filter((f) => f.stage.outcome === 'lost').reduce((s, f) => s + f.count, 0);
    return renderPage(
      c,
      { title: t('reports.title'), section: 'reports' },
      <>
        <PageHeader title={t('reports.title')} intro={t('reports.intro')} />
        {sum.total === 0 ? (
          <Empty title={t('reports.title')}>
            <p>{t('reports.empty')}</p>
          </Empty>
        ) : (
          <>
            <div class="table-wrap">
              <table class="data">
                <thead>
                  <tr>
                    <th scope="col">{t('reports.col.stage')}</th>
                    <th scope="col" class="num">
                      {t('reports.col.count')}
                    </th>
                    <th scope="col" class="num">
                      {t('reports.col.amount')}
                    </th>
                    <th scope="col" class="num">
                      {t('reports.col.share')}
                    </th>
                    <th scope="col" class="bar-col">
                      <span class="sr-only">{t('reports.col.share')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {figures.map((f) => (
                    <tr>
                      <th scope="row">
                        <a href={`/deals?view=list&stage=${encodeURIComponent(f.stage.key)}`}>{stageLabel(ui, f.stage)}</a>
                      </th>
                      <td class="num">{ui.fmt.number(f.count)}</td>
                      <td class="num">{ui.fmt.money(f.amountCents)}</td>
                      <td class="num">{ui.fmt.percent(amountAll ? f.amountCents / amountAll : 0)}</td>
                      <td class="bar-col">
                        <meter min={0} max={Math.max(1, amountAll)} value={f.amountCents} aria-hidden="true"></meter>
                      </td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">{t('common.total')}</th>
                    <td class="num">{ui.fmt.number(sum.total)}</td>
                    <td class="num">{ui.fmt.money(amountAll)}</td>
                    <td></td>
                    <td></td>
                  </tr>
                </tfoot>
              </table>
            </div>
            {won + lost > 0 ? (
              <p class="kpi">
                <span>{t('reports.winRate')}</span> <strong>{ui.fmt.percent(won / (won + lost))}</strong>
              </p>
            ) : null}
          </>
        )}
      </>,
    );
  })
  .get('/forecasts', async (c) => {
    const ui = c.get('ui');
    const { t } = ui;
    const [figures, months] = await Promise.all([pipelineFigures(c.get('crm')), forecastByMonth(c.get('crm'))]);
    const open = figures.filter((f) => f.stage.outcome === 'open');
    const amount = open.reduce((s, f) => s + f.amountCents, 0);
    const weighted = open.reduce((s, f) => s + f.weightedCents, 0);
    const monthLabel = (m: string) =>
      m
        ? new Intl.DateTimeFormat(ui.lang === 'fr' ? 'fr-FR' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${m}-15T00:00:00Z`))
        : t('common.none');
    return renderPage(
      c,
      { title: t('forecasts.title'), section: 'forecasts' },
      <>
        <PageHeader title={t('forecasts.title')} intro={t('forecasts.intro')} />
        {open.every((f) => f.count === 0) ? (
          <Empty title={t('forecasts.title')}>
            <p>{t('forecasts.empty')}</p>
          </Empty>
        ) : (
          <>
            <p class="kpi">
              <span>{t('forecasts.total')}</span> <strong class="big-amount">{ui.fmt.money(weighted)}</strong>
            </p>
            <div class="table-wrap">
              <table class="data">
                <thead>
                  <tr>
                    <th scope="col">{t('forecasts.col.stage')}</th>
                    <th scope="col" class="num">
                      {t('forecasts.col.probability')}
                    </th>
                    <th scope="col" class="num">
                      {t('forecasts.col.amount')}
                    </th>
                    <th scope="col" class="num">
                      {t('forecasts.col.weighted')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {open.map((f) => (
                    <tr>
                      <th scope="row">{stageLabel(ui, f.stage)}</th>
                      <td class="num">{ui.fmt.percent(f.stage.probability / 100)}</td>
                      <td class="num">{ui.fmt.money(f.amountCents)}</td>
                      <td class="num">{ui.fmt.money(f.weightedCents)}</td>
                    </tr>
                  ))}
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">{t('common.total')}</th>
                    <td></td>
                    <td class="num">{ui.fmt.money(amount)}</td>
                    <td class="num">{ui.fmt.money(weighted)}</td>
                  </tr>
                </tfoot>
              </table>
            </div>
            <h2>{t('forecasts.byMonth')}</h2>
            <div class="table-wrap">
              <table class="data">
                <thead>
                  <tr>
                    <th scope="col">{t('deals.col.close')}</th>
                    <th scope="col" class="num">
                      {t('reports.col.count')}
                    </th>
                    <th scope="col" class="num">
                      {t('forecasts.col.amount')}
                    </th>
                    <th scope="col" class="num">
                      {t('forecasts.col.weighted')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {months.map((m) => (
                    <tr>
                      <th scope="row">{monthLabel(m.month)}</th>
                      <td class="num">{ui.fmt.number(m.count)}</td>
                      <td class="num">{ui.fmt.money(m.amountCents)}</td>
                      <td class="num">{ui.fmt.money(m.weightedCents)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p class="hint">{t('forecasts.note')}</p>
          </>
        )}
      </>,
    );
  });
