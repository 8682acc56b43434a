import { Hono, type Context } from 'hono';
import { listActivities } from '../../crm/activities';
import * as deals from '../../crm/deals';
import { DealCreateSchema, DealPatchSchema } from '../../crm/schemas';
import { AppError } from '../../lib/errors';
import type { Deal, Stage } from '../../db/schema';
import { companyChoices, personChoices } from '../../crm/choices';
import { companyNames, personNames } from '../../crm/names';
import { pipelineFigures } from '../../crm/pipeline';
import type { PortalEnv, Ui } from '../env';
import { domainErrors, zodFieldErrors } from '../forms/errors';
import { flashKey, idParam, listQuery } from '../forms/query';
import { formStrings, formVersion, orNull, orUndefined, type RawForm } from '../forms/values';
import { parseEuros } from '../i18n/format';
import { stageLabel } from '../views/labels';
import { renderPage } from '../views/render';
import type { FieldErrors, FormValues } from '../views/ui';
import { DealDetail, DealForm, DealsBoard, DealsList } from './deals-views';

type C = Context<PortalEnv>;
/** Cards shown per column; the rest is one click away in the list view. */
const COLUMN_LIMIT = 30;

function valuesOf(d: Deal, s: Stage): FormValues {
  return {
    title: d.title,
    amount: d.amount_cents ? (d.amount_cents / 100).toFixed(2).replace('.', ',') : '',
    stage: s.key,
    companyId: d.company_id ?? '',
    personId: d.person_id ?? '',
    probabilityOverride: d.probability_override === null ? '' : String(d.probability_override),
    expectedCloseDate: d.expected_close_date ?? '',
    version: String(d.version),
  };
}

/** Amount and probability come as text; what cannot be read is reported on its own field. */
function numbers(v: FormValues, ui: Ui) {
  const errors: FieldErrors = {};
  const amountCents = v.amount ? parseEuros(v.amount) : undefined;
  if (amountCents === null) errors.amount = ui.t('err.amount');
  let probability: number | null | undefined;
  if (v.probabilityOverride) {
    const n = Number(v.probabilityOverride.replace('%', '').trim());
    if (!Number.isInteger(n) || n < 0 || n > 100) errors.probabilityOverride = ui.t('err.probability');
    else probability = n;
  }
  return { errors, amountCents: amountCents ?? undefined, probability };
}

async function showForm(c: C, o: { action: string; title: string; values: FormValues; errors?: FieldErrors; formError?: string | null; cancel: string; status?: 200 | 400 | 409 }) {
  const ctx = c.get('crm');
  const [stages, companies, people] = await Promise.all([deals.getStages(ctx), companyChoices(ctx, o.values.companyId || null), personChoices(ctx, o.values.personId || null)]);
  return renderPage(
    c,
    { title: o.title, section: 'deals', status: o.status },
    <DealForm
      ui={c.get('ui')}
      csrf={c.get('viewer').csrf}
      action={o.action}
      title={o.title}
      values={o.values}
      errors={o.errors ?? {}}
      formError={o.formError ?? null}
      stages={stages}
      companies={companies}
      people={people}
      cancel={o.cancel}
    />,
  );
}

async function board(c: C) {
  const ui = c.get('ui');
  const ctx = c.get('crm');
  const figures = await pipelineFigures(ctx);
  const lists = await Promise.all(figures.map((f) => (f.count > 0 ? deals.listDealRows(ctx, { stageId: f.stage.id, limit: COLUMN_LIMIT }) : { items: [] as Deal[] })));
  const columns = new Map(figures.map((f, i) => [f.stage.id, lists[i].items]));
  const companies = await companyNames(
    ctx,
    lists.flatMap((l) => l.items.map((d) => d.company_id)),
  );
  const flash = flashKey(c);
  const moved = figures.find((f) => f.stage.key === c.req.query('moved'));
  return renderPage(
    c,
    { title: ui.t('deals.title'), section: 'deals' },
    <DealsBoard
      ui={ui}
      csrf={c.get('viewer').csrf}
      figures={figures}
      columns={columns}
      companies={companies}
      flash={moved ? ui.t('deals.moved', { stage: stageLabel(ui, moved.stage) }) : flash ? ui.t(flash) : null}
      error={c.req.query('err') === 'conflict' ? ui.t('error.conflict') : null}
    />,
  );
}

async function list(c: C) {
  const ui = c.get('ui');
  const ctx = c.get('crm');
  const query = listQuery(c, ['stage'] as const);
  const stages = await deals.getStages(ctx);
  const stage = stages.find((s) => s.key === query.stage);
  const page = await deals.listDealRows(ctx, { q: query.q, stageId: stage?.id, cursor: query.cursor, limit: 25 });
  const companies = await companyNames(
    ctx,
    page.items.map((d) => d.company_id),
  );
  return renderPage(
    c,
    { title: ui.t('deals.title'), section: 'deals' },
    <DealsList ui={ui} stages={stages} items={page.items} companies={companies} query={{ ...query, stage: stage?.key }} nextCursor={page.nextCursor} />,
  );
}

export const dealRoutes = new Hono<PortalEnv>()
  .get('/deals', (c) => (c.req.query('view') === 'list' ? list(c) : board(c)))
  .get('/deals/new', (c) =>
    showForm(c, {
      action: '/deals',
      title: c.get('ui').t('deals.new'),
      values: { stage: 'nouveau', companyId: c.req.query('companyId') ?? '', personId: c.req.query('personId') ?? '' },
      cancel: '/deals',
    }),
  )
  .post('/deals', async (c) => {
    const ui = c.get('ui');
    const v = formStrings((await c.req.parseBody()) as RawForm);
    const again = (errors: FieldErrors, formError: string | null = null) =>
      showForm(c, { action: '/deals', title: ui.t('deals.new'), values: v, errors, formError, cancel: '/deals', status: 400 });
    const n = numbers(v, ui);
    const parsed = DealCreateSchema.safeParse({
      title: v.title ?? '',
      amountCents: n.amountCents,
      stage: orUndefined(v.stage),
      companyId: orUndefined(v.companyId),
      personId: orUndefined(v.personId),
      probabilityOverride: n.probability,
      expectedCloseDate: orUndefined(v.expectedCloseDate),
    });
    const errors = { ...(parsed.success ? {} : zodFieldErrors(parsed.error, ui.t)), ...n.errors };
    if (!parsed.success || Object.keys(errors).length) return again(errors);
    try {
      const created = await deals.createDeal(c.get('crm'), parsed.data);
      return c.redirect(`/deals/${created.deal.id}?ok=created`, 303);
    } catch (err) {
      const known = domainErrors(err, ui.t);
      if (!known) throw err;
      return again(known.fields, known.form);
    }
  })
  .get('/deals/:id', async (c) => {
    const ui = c.get('ui');
    const ctx = c.get('crm');
    const { deal, stage } = await deals.getDeal(ctx, idParam(c, 'deal'));
    const [stages, companies, people, timeline] = await Promise.all([
      deals.getStages(ctx),
      companyNames(ctx, [deal.company_id]),
      personNames(ctx, [deal.person_id]),
      listActivities(ctx, { subjectType: 'deal', subjectId: deal.id, limit: 50 }),
    ]);
    const flash = flashKey(c);
    const moved = stages.find((s) => s.key === c.req.query('moved'));
    return renderPage(
      c,
      { title: deal.title, section: 'deals' },
      <DealDetail
        ui={ui}
        csrf={c.get('viewer').csrf}
        deal={deal}
        stage={stage}
        stages={stages}
        companyName={deal.company_id ? (companies.get(deal.company_id) ?? null) : null}
        personName={deal.person_id ? (people.get(deal.person_id) ?? null) : null}
        timeline={timeline.items}
        flash={moved ? ui.t('deals.moved', { stage: stageLabel(ui, moved) }) : flash ? ui.t(flash) : null}
        error={c.req.query('err') === 'conflict' ? ui.t('error.conflict') : null}
      />,
    );
  })
  .get('/deals/:id/edit', async (c) => {
    const ui = c.get('ui');
    const { deal, stage } = await deals.getDeal(c.get('crm'), idParam(c, 'deal'));
    return showForm(c, { action: `/deals/${deal.id}`, title: ui.t('deals.edit.title', { title: deal.title }), values: valuesOf(deal, stage), cancel: `/deals/${deal.id}` });
  })
  .post('/deals/:id', async (c) => {
    const ui = c.get('ui');
    const ctx = c.get('crm');
    const { deal } = await deals.getDeal(ctx, idParam(c, 'deal'));
    const v = formStrings((await c.req.parseBody()) as RawForm);
    const title = ui.t('deals.edit.title', { title: deal.title });
    const again = (errors: FieldErrors, formError: string | null = null, status: 400 | 409 = 400) =>
      showForm(c, { action: `/deals/${deal.id}`, title, values: v, errors, formError, cancel: `/deals/${deal.id}`, status });
    const n = numbers(v, ui);
    const parsed = DealPatchSchema.safeParse({
      title: v.title ?? '',
      amountCents: n.amountCents ?? 0,
      stage: orUndefined(v.stage),
      companyId: orNull(v.companyId),
      personId: orNull(v.personId),
      probabilityOverride: n.probability ?? null,
      expectedCloseDate: orNull(v.expectedCloseDate),
      version: Number(v.version),
    });
    const errors = { ...(parsed.success ? {} : zodFieldErrors(parsed.error, ui.t)), ...n.errors };
    if (!parsed.success || Object.keys(errors).length) return again(errors);
    try {
      await deals.updateDeal(ctx, deal.id, parsed.data);
      return c.redirect(`/deals/${deal.id}?ok=saved`, 303);
    } catch (err) {
      const known = domainErrors(err, ui.t);
      if (!known) throw err;
      return again(known.fields, known.form, known.form ? 409 : 400);
    }
  })
  /**
   * A stage move: a plain form post (the ← → buttons, the detail page) answers with a redirect;
   * the drag-and-drop script asks for JSON so the board updates in place.
   */
  .post('/deals/:id/move', async (c) => {
    const ui = c.get('ui');
    const id = idParam(c, 'deal');
    const v = formStrings((await c.req.parseBody()) as RawForm);
    const wantsJson = (c.req.header('accept') ?? '').includes('application/json');
    const back = v.back === 'detail' ? `/deals/${id}` : '/deals';
    const version = formVersion(v.version, true);
    try {
      const moved = await deals.updateDeal(c.get('crm'), id, { stage: v.stage ?? '', version });
      if (wantsJson) return c.json({ ok: true, version: moved.deal.version, stage: moved.stage.key, message: ui.t('deals.moved', { stage: stageLabel(ui, moved.stage) }) });
      return c.redirect(`${back}?moved=${encodeURIComponent(moved.stage.key)}`, 303);
    } catch (err) {
      if (!(err instanceof AppError) || err.code === 'not_found') throw err;
      const message = err.code === 'conflict' ? ui.t('error.conflict') : ui.t('err.stage');
      if (wantsJson) return c.json({ ok: false, message }, err.code === 'conflict' ? 409 : 400);
      return c.redirect(`${back}?err=conflict`, 303);
    }
  });
