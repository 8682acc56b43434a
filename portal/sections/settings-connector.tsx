import { Hono, type Context } from 'hono';
import { ConnectorPatchSchema, getConnector, updateConnector } from '../../channels/connectors';
import type { ChannelRow } from '../../db/tables/approval';
import { AppError } from '../../lib/errors';
import { secretKeys } from '../../lib/secrets';
import type { PortalEnv } from '../env';
import { zodFieldErrors } from '../forms/errors';
import { idParam } from '../forms/query';
import { formStrings, orNull, type RawForm } from '../forms/values';
import { renderPage } from '../views/render';
import { Csrf, ErrorSummary, FormActions, PageHeader, TextField, type FieldErrors, type FormValues } from '../views/ui';
import { NoTlsField } from './settings-views';

// Settings → Connecteurs → Modifier (admin): a mailbox's server, account and sender. A stored
// password stays where it was typed for: a new host, port or user, or TLS dropped, needs it again.

type C = Context<PortalEnv>;

function assertAdmin(c: C) {
  if (c.get('viewer').role !== 'admin') throw new AppError('forbidden', 'admin-only');
}

const valuesOf = (k: ChannelRow): FormValues => ({
  version: String(k.version),
  host: k.settings.host,
  port: String(k.settings.port),
  user: k.settings.user ?? '',
  password: '',
  fromEmail: k.from_email,
  fromName: k.from_name,
  secure: k.settings.secure ? 'on' : '',
  noTls: k.settings.noTls ? 'on' : '',
});

function EditConnector({ c, k, values, errors, message }: { c: C; k: ChannelRow; values: FormValues; errors: FieldErrors; message: string | null }) {
  const ui = c.get('ui');
  const { t } = ui;
  const f = { values, errors };
  return (
    <>
      <PageHeader title={t('settings.smtp.editTitle')} intro={k.name || k.from_email} />
      <ErrorSummary ui={ui} errors={errors} form={message} />
      <section class="panel">
        <form method="post" action={`/settings/connectors/${k.id}`} novalidate>
          <Csrf token={c.get('viewer').csrf} />
          <input type="hidden" name="version" value={values.version} />
          <div class="grid2">
            <TextField {...f} name="host" label={t('settings.smtp.host')} required />
            <TextField {...f} name="port" type="number" label={t('settings.smtp.port')} inputmode="numeric" />
            <TextField {...f} name="user" label={t('settings.smtp.user')} autocomplete="username" />
            <TextField {...f} name="password" type="password" label={t('settings.smtp.password')} hint={t('settings.smtp.passwordAgainHelp')} autocomplete="new-password" />
            <TextField {...f} name="fromEmail" type="email" label={t('settings.smtp.fromEmail')} required />
            <TextField {...f} name="fromName" label={t('settings.smtp.fromName')} />
          </div>
          <div class="field check">
            <input id="f-secure" type="checkbox" name="secure" value="on" checked={values.secure === 'on'} />
            <label for="f-secure">{t('settings.smtp.secure')}</label>
          </div>
          <NoTlsField ui={ui} checked={values.noTls === 'on'} />
          <FormActions ui={ui} label={t('common.save')} cancelHref="/settings#connectors" />
        </form>
      </section>
    </>
  );
}

function show(c: C, k: ChannelRow, values: FormValues, errors: FieldErrors = {}, message: string | null = null) {
  const status = Object.keys(errors).length || message ? 400 : 200;
  return renderPage(
    c,
    { title: c.get('ui').t('settings.smtp.editTitle'), section: 'settings', status },
    <EditConnector c={c} k={k} values={values} errors={errors} message={message} />,
  );
}

const int = (s: string | undefined) => (s && /^\d+$/.test(s) ? Number(s) : Number.NaN);

export const connectorEditRoutes = new Hono<PortalEnv>()
  .get('/settings/connectors/:id', async (c) => {
    assertAdmin(c);
    const k = await getConnector(c.get('crm'), idParam(c, 'connector'));
    return show(c, k, valuesOf(k));
  })
  .post('/settings/connectors/:id', async (c) => {
    assertAdmin(c);
    const ui = c.get('ui');
    const k = await getConnector(c.get('crm'), idParam(c, 'connector'));
    const v = formStrings((await c.req.parseBody()) as RawForm);
    const values = { ...v, password: '' };
    const user = orNull(v.user);
    const parsed = ConnectorPatchSchema.safeParse({
      version: int(v.version),
      host: v.host ?? '',
      port: int(v.port),
      secure: v.secure === 'on',
      noTls: v.noTls === 'on',
      user,
      // empty keeps the stored password; no account, no password to keep
      password: user === null ? null : v.password ? v.password : undefined,
      fromEmail: v.fromEmail ?? '',
      fromName: v.fromName ?? '',
    });
    if (!parsed.success) return show(c, k, values, zodFieldErrors(parsed.error, ui.t));
    try {
      await updateConnector(c.get('crm'), secretKeys(c.get('deps').config), k.id, parsed.data);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      if (err.code === 'validation_failed' && /^password:/.test(err.message)) return show(c, k, values, { password: ui.t('err.passwordAgain') });
      if (err.code === 'conflict') return show(c, k, { ...valuesOf(await getConnector(c.get('crm'), k.id)) }, {}, ui.t('error.conflict'));
      throw err;
    }
    return c.redirect('/settings?ok=channel#connectors', 303);
  });
