import { Hono } from 'hono';
import { listActivities } from '../../crm/activities';
import type { Activity } from '../../db/schema';
import { actionCountsByStatus, FLAGGED_CAP, type ActionCounts } from '../../actions/counts';
import type { ActionSummaryRow } from '../../actions/dto';
import { recentActions } from '../../actions/queries';
import { NEEDS_ATTENTION } from '../../actions/states';
import { subjectNames, type NameMap } from '../../crm/names';
import { pipelineFigures, totals, type PipelineTotals, type StageFigures } from '../../crm/pipeline';
import type { PortalEnv, Ui } from '../env';
import { activityLabel, stageKeyLabel, stageLabel } from '../views/labels';
import { renderPage } from '../views/render';
import { PageHeader } from '../views/ui';

const SUBJECT_PATH = { company: '/companies/', person: '/people/', deal: '/deals/' } as const;

function Card({ title, value, sub, href, link }: { title: string; value: string; sub?: string; href?: string; link?: string }) {
  return (
    <section class="card stat" aria-label={title}>
      <h2>{title}</h2>
      <p class="value">{value}</p>
      {sub ? <p class="sub">{sub}</p> : null}
      {href && link ? (
        <p>
          <a href={href}>{link}</a>
        </p>
      ) : null}
    </section>
  );
}

function Attention({ ui, counts }: { ui: Ui; counts: ActionCounts | null }) {
  const { t } = ui;
  if (!counts) {
    return (
      <section class="card" aria-label={t('dash.attention')}>
        <h2>{t('dash.attention')}</h2>
        <p class="muted">{t('dash.gateMissing')}</p>
      </section>
    );
  }
  const rows = [
    ['expired', 'dash.attention.expired'],
    ['delivery_unknown', 'dash.attention.deliveryUnknown'],
    ['failed', 'dash.attention.failed'],
    ['flagged', 'dash.attention.flagged'],
  ] as const;
  const present = rows.filter(([status]) => (counts[status] ?? 0) > 0);
  return (
    <section class="card" aria-label={t('dash.attention')}>
      <h2>{t('dash.attention')}</h2>
      {present.length === 0 ? (
        <p class="muted">{t('dash.attention.none')}</p>
      ) : (
        <ul class="counts">
          {present.map(([status, key]) => (
            <li>
              <a href={`/library?status=${status === 'flagged' ? 'pending_approval' : status}`}>{t(key)}</a>
              <span class="badge warn">{status === 'flagged' && (counts.flagged ?? 0) >= FLAGGED_CAP ? `${FLAGGED_CAP}+` : ui.fmt.number(counts[status] ?? 0)}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Recent({ ui, items, names }: { ui: Ui; items: Activity[]; names: NameMap }) {
  const { t } = ui;
  return (
    <section class="panel" aria-labelledby="recent-h">
      <h2 id="recent-h">{t('dash.recent')}</h2>
      {items.length === 0 ? (
        <p class="muted">{t('dash.recentEmpty')}</p>
      ) : (
        <ol class="timeline compact">
          {items.map((a) => {
            const data = a.data as { from?: unknown; to?: unknown };
            const detail =
              a.kind === 'stage_changed' && typeof data.from === 'string' && typeof data.to === 'string'
                ? `${stageKeyLabel(ui, data.from)} → ${stageKeyLabel(ui, data.to)}`
                : a.kind === 'created' || a.kind === 'updated'
                  ? ''
                  : a.summary;
            return (
              <li>
                <time datetime={a.occurred_at.toISOString()}>{ui.fmt.dateTime(a.occurred_at)}</time>
                <div>
                  <strong>{activityLabel(ui, a.kind)}</strong>
                  {' · '}
                  <a href={`${SUBJECT_PATH[a.subject_type]}${a.subject_id}`}>{names.get(a.subject_id) || t(`subject.${a.subject_type}`)}</a>
                  {detail ? <span class="what"> — {detail}</span> : null}
                  <span class="actor"> · {t(`actor.${a.actor_type}`)}</span>
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

function Outreach({ ui, items }: { ui: Ui; items: ActionSummaryRow[] }) {
  const { t } = ui;
  return (
    <section class="panel" aria-labelledby="outreach-h">
      <h2 id="outreach-h">{t('dash.outreach')}</h2>
      {items.length === 0 ? (
        <p class="muted">{t('dash.outreachEmpty')}</p>
      ) : (
        <ul class="outreach">
          {items.map((a) => (
            <li>
              <a href={`/library/${a.id}`}>{a.subject || t('library.noSubject')}</a>{' '}
              <span class="muted small">
                {t('dash.outreachTo', { name: a.to?.name || a.to?.email || '' })}
                {a.sent_at ? ` · ${ui.fmt.dateTime(a.sent_at)}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Pipeline({ ui, figures, sum }: { ui: Ui; figures: StageFigures[]; sum: PipelineTotals }) {
  const { t } = ui;
  const max = Math.max(1, ...figures.map((f) => f.amountCents));
  return (
    <section class="panel" aria-labelledby="pipe-h">
      <h2 id="pipe-h">{t('dash.pipeline')}</h2>
      {sum.total === 0 ? (
        <p class="muted">{t('reports.empty')}</p>
      ) : (
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
                  <td class="bar-col">
                    <meter min={0} max={max} value={f.amountCents} aria-hidden="true"></meter>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export const dashboardRoutes = new Hono<PortalEnv>().get('/', async (c) => {
  const ui = c.get('ui');
  const { t } = ui;
  const ctx = c.get('crm');
  const [figures, recent, counts] = await Promise.all([pipelineFigures(ctx), listActivities(ctx, { limit: 8 }), actionCountsByStatus(ctx)]);
  const [names, sent] = await Promise.all([
    subjectNames(ctx, recent.items),
    counts && (counts.sent ?? 0) > 0 ? recentActions(ctx, 'sent', 5) : Promise.resolve({ items: [] as ActionSummaryRow[] }),
  ]);
  const sum = totals(figures);
  const waiting = counts?.pending_approval ?? 0;
  const actionsTotal = counts ? Object.entries(counts).reduce((n, [k, v]) => (k === 'flagged' ? n : n + v), 0) : 0;
  const nothingYet = sum.total === 0 && recent.items.length === 0 && actionsTotal === 0;
  const attention = counts ? NEEDS_ATTENTION.reduce((n, s) => n + (counts[s] ?? 0), 0) : null;
  return renderPage(
    c,
    { title: t('dash.title'), section: 'dashboard', attention },
    <>
      <PageHeader title={t('dash.title')} intro={t('dash.intro')} />
      {nothingYet ? (
        <section class="empty welcome" aria-labelledby="welcome-h">
          <h2 id="welcome-h">{t('dash.empty.title')}</h2>
          <p>{t('dash.empty.body')}</p>
          <p>{t('dash.empty.ask')}</p>
          <p>
            <a class="button primary" href="/chat">
              {t('dash.empty.cta')}
            </a>
          </p>
        </section>
      ) : null}
      <div class="cards">
        <Card
          title={t('dash.openDeals')}
          value={ui.fmt.money(sum.openCents)}
          sub={t('dash.openDealsCount', { n: ui.fmt.number(sum.openCount) })}
          href="/deals"
          link={t('dash.openDealsLink')}
        />
        <Card title={t('dash.wonMonth')} value={ui.fmt.money(sum.wonMonthCents)} sub={t('dash.wonCount', { n: ui.fmt.number(sum.wonMonthCount) })} />
        <Card
          title={t('dash.waiting')}
          value={counts ? ui.fmt.number(waiting) : '–'}
          sub={counts ? (waiting > 0 ? t('dash.waitingCount', { n: ui.fmt.number(waiting) }) : t('dash.waitingEmpty')) : t('dash.gateMissing')}
          href={waiting > 0 ? '/library?status=pending_approval' : undefined}
          link={t('dash.waitingLink')}
        />
        <Attention ui={ui} counts={counts} />
      </div>
      <div class="split">
        <div>
          <Recent ui={ui} items={recent.items} names={names} />
          {counts ? <Outreach ui={ui} items={sent.items} /> : null}
        </div>
        <Pipeline ui={ui} figures={figures} sum={sum} />
      </div>
    </>,
  );
});
