import { Hono, type Context } from 'hono';
import { ExportFormatSchema, exportPerson, personExportCsv } from '../../actions/access-request';
import { erasePerson, optOutPerson, OptOutRequestSchema } from '../../actions/recipient-rights';
import * as people from '../../crm/people';
import type { Person } from '../../db/schema';
import { AppError } from '../../lib/errors';
import type { PortalEnv, Ui } from '../env';
import { zodFieldErrors } from '../forms/errors';
import { idParam } from '../forms/query';
import { formStrings, type RawForm } from '../forms/values';
import { renderPage } from '../views/render';
import { Csrf, ErrorSummary, FormActions, PageHeader, TextArea, type FieldErrors, type FormValues } from '../views/ui';
import { displayName, LIST_PATH } from './people-views';

// A person's rights from their page (CNIL / GDPR): access (export JSON or CSV), objection ("Ne plus
// contacter", any member) and erasure (administrators only). Objection and erasure each go through
// a confirmation page that names the person and says what happens; the forms carry the CSRF token.

type C = Context<PortalEnv>;
const SECTION = { lead: 'leads', contact: 'contacts' } as const;

/** Erasure is for administrators: the control is not shown to members, and a forged post is refused. */
function assertAdmin(c: C) {
  if (c.get('viewer').role !== 'admin') throw new AppError('forbidden', 'admin-only');
}

function OptOutPage({ ui, csrf, person: p, values, errors }: { ui: Ui; csrf: string; person: Person; values: FormValues; errors: FieldErrors }) {
  const { t } = ui;
  const name = displayName(ui, p);
  return (
    <>
      <p class="crumbs">
        <a href={`/people/${p.id}`}>{name}</a>
      </p>
      <PageHeader title={t('people.optOut.title', { name })} />
      <ErrorSummary ui={ui} errors={errors} />
      <section class="panel">
        <p>{p.email ? t('people.optOut.body', { email: p.email }) : t('people.optOut.noEmail')}</p>
        <form method="post" action={`/people/${p.id}/opt-out`} novalidate>
          <Csrf token={csrf} />
          <TextArea values={values} errors={errors} name="reason" label={t('people.optOut.reason')} hint={t('people.optOut.reasonHint')} rows={2} />
          <FormActions ui={ui} label={t('people.optOut.confirm')} cancelHref={`/people/${p.id}`} />
        </form>
      </section>
    </>
  );
}

function ErasePage({ ui, csrf, person: p }: { ui: Ui; csrf: string; person: Person }) {
  const { t } = ui;
  const name = displayName(ui, p);
  return (
    <>
      <p class="crumbs">
        <a href={`/people/${p.id}`}>{name}</a>
      </p>
      <PageHeader title={t('people.erase.title', { name })} />
      <section class="panel">
        <p class="flash error" role="alert">
          {t('people.erase.warning')}
        </p>
        <ul>
          <li>{t('people.erase.deleted')}</li>
          <li>{t('people.erase.redacted')}</li>
          <li data-kept>{p.email ? t('people.erase.kept') : t('people.erase.keptNoEmail')}</li>
        </ul>
        <form method="post" action={`/people/${p.id}/erase`}>
          <Csrf token={csrf} />
          <input type="hidden" name="confirm" value="yes" />
          <FormActions ui={ui} label={t('people.erase.confirm')} cancelHref={`/people/${p.id}`} kind="danger" />
        </form>
      </section>
    </>
  );
}

async function showOptOut(c: C, person: Person, values: FormValues = {}, errors: FieldErrors = {}) {
  const ui = c.get('ui');
  return renderPage(
    c,
    { title: ui.t('people.optOut.title', { name: displayName(ui, person) }), section: SECTION[person.kind], status: Object.keys(errors).length ? 400 : 200 },
    <OptOutPage ui={ui} csrf={c.get('viewer').csrf} person={person} values={values} errors={errors} />,
  );
}

export const personRightsRoutes = new Hono<PortalEnv>()
  /** Access request: the download, named after the person's id (never their name). */
  .get('/people/:id/export', async (c) => {
    const id = idParam(c, 'person');
    const format = ExportFormatSchema.catch('json').parse(c.req.query('format'));
    const data = await exportPerson(c.get('crm'), id, format);
    c.header('Content-Disposition', `attachment; filename="relais-personne-${id}.${format}"`);
    c.header('Cache-Control', 'no-store');
    if (format === 'json') return c.json(data);
    c.header('Content-Type', 'text/csv; charset=utf-8');
    return c.body(personExportCsv(data, c.get('ui').lang));
  })
  .get('/people/:id/opt-out', async (c) => showOptOut(c, await people.getPerson(c.get('crm'), idParam(c, 'person'))))
  .post('/people/:id/opt-out', async (c) => {
    const ctx = c.get('crm');
    const person = await people.getPerson(ctx, idParam(c, 'person'));
    const v = formStrings((await c.req.parseBody()) as RawForm);
    const parsed = OptOutRequestSchema.safeParse({ reason: v.reason || undefined });
    if (!parsed.success) return showOptOut(c, person, v, zodFieldErrors(parsed.error, c.get('ui').t));
    await optOutPerson(ctx, person.id, parsed.data);
    return c.redirect(`/people/${person.id}?ok=optedOut`, 303);
  })
  .get('/people/:id/erase', async (c) => {
    assertAdmin(c);
    const ui = c.get('ui');
    const person = await people.getPerson(c.get('crm'), idParam(c, 'person'));
    return renderPage(
      c,
      { title: ui.t('people.erase.title', { name: displayName(ui, person) }), section: SECTION[person.kind] },
      <ErasePage ui={ui} csrf={c.get('viewer').csrf} person={person} />,
    );
  })
  .post('/people/:id/erase', async (c) => {
    assertAdmin(c);
    const ctx = c.get('crm');
    const person = await people.getPerson(ctx, idParam(c, 'person'));
    const v = formStrings((await c.req.parseBody()) as RawForm);
    // only through the confirmation page, which names the person and says what is kept
    if (v.confirm !== 'yes') return c.redirect(`/people/${person.id}/erase`, 303);
    await erasePerson(ctx, person.id);
    return c.redirect(`${LIST_PATH[person.kind]}?ok=erased`, 303);
  });
