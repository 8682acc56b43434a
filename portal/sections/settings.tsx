import { Hono, type Context } from 'hono';
import { getWorkspace, updateWorkspace, WorkspacePatchSchema } from '../../identity/workspace';
import { recentBackgroundFailures } from '../../graph/store/failures';
import { changeMemberRole, inviteMember, isLastAdminError, listMembers, MemberInviteSchema, removeMember, RoleSchema } from '../../identity/members';
import { createApiToken, listTokens, revokeToken, TokenCreateSchema } from '../../identity/tokens';
import { AppError } from '../../lib/errors';
import { connectorsView, rulesView } from '../data/connectors';
import { createConnector, SmtpConnectorCreateSchema, testConnector, updateConnector } from '../../channels/connectors';
import { secretKeys } from '../../lib/secrets';
import { createRule, RuleCreateSchema, updateRule } from '../../actions/rules';
import { idParam } from '../forms/query';
import { setUserLanguage } from '../../identity/sessions';
import type { PortalEnv } from '../env';
import { domainErrors, zodFieldErrors } from '../forms/errors';
import { flashKey } from '../forms/query';
import { formList, formStrings, formVersion, orNull, type RawForm } from '../forms/values';
import { isLanguage } from '../../lib/language';
import { endOfDayParis } from '../i18n/format';
import { uiFor } from '../i18n/ui';
import { writeLangCookie } from '../session/cookies';
import { renderPage } from '../views/render';
import type { FieldErrors, FormValues } from '../views/ui';
import { SettingsPage, type MemberError, type SettingsForm } from './settings-views';
import type { Reveal } from './settings-access';

type C = Context<PortalEnv>;

async function show(
  c: C,
  posted?: { form: SettingsForm; values: FormValues; errors: FieldErrors; message?: string | null },
  notice?: { kind: 'ok' | 'error'; text: string },
  memberError?: MemberError & { status: 400 | 409 },
  reveal?: Reveal,
) {
  const ui = c.get('ui');
  const viewer = c.get('viewer');
  const ctx = c.get('crm');
  const admin = viewer.role === 'admin';
  const [ws, members, connectors, rules, failures] = await Promise.all([
    getWorkspace(ctx),
    admin ? listMembers(ctx) : Promise.resolve(null),
    admin ? connectorsView(ctx) : Promise.resolve({ available: false } as const),
    admin ? rulesView(ctx) : Promise.resolve(null),
    admin ? recentBackgroundFailures(ctx) : Promise.resolve(null),
  ]);
  const tokens = await listTokens(ctx, admin ? 'workspace' : 'mine');
  const flash = flashKey(c);
  return renderPage(
    c,
    // a notice reports an outcome (an SMTP test the server refused): the request itself was fine, 200
    { title: ui.t('settings.title'), section: 'settings', status: memberError?.status ?? (posted ? 400 : reveal ? 201 : 200) },
    <SettingsPage
      ui={ui}
      viewer={viewer}
      ws={ws}
      members={members}
      connectors={connectors}
      rules={rules}
      failures={failures}
      posted={posted ?? null}
      flash={flash ? ui.t(flash) : null}
      notice={notice ?? null}
      memberError={memberError ?? null}
      tokens={tokens}
      reveal={reveal ?? null}
    />,
  );
}

/** Workspace settings change what every email says and when it leaves: administrators only. */
function assertAdmin(c: C) {
  if (c.get('viewer').role !== 'admin') throw new AppError('forbidden', 'admin-only');
}

async function save(c: C, form: SettingsForm, values: FormValues, patch: unknown, extraErrors: FieldErrors = {}) {
  const ui = c.get('ui');
  const parsed = WorkspacePatchSchema.safeParse(patch);
  const errors = { ...(parsed.success ? {} : zodFieldErrors(parsed.error, ui.t)), ...extraErrors };
  if (!parsed.success || Object.keys(errors).length) return show(c, { form, values, errors });
  try {
    await updateWorkspace(c.get('crm'), parsed.data);
  } catch (err) {
    const known = domainErrors(err, ui.t);
    if (!known) throw err;
    return show(c, { form, values, errors: known.fields, message: known.form });
  }
  return c.redirect(`/settings?ok=saved#${form}`, 303);
}

/** Schema paths → this page's field names (several forms share the page, their ids must not clash). */
function renamed(errors: FieldErrors, names: Record<string, string>): FieldErrors {
  const out: FieldErrors = {};
  for (const [k, msg] of Object.entries(errors)) out[names[k] ?? k] = msg;
  return out;
}

const int = (s: string | undefined) => (s && /^\d+$/.test(s) ? Number(s) : Number.NaN);

export const settingsRoutes = new Hono<PortalEnv>()
  .get('/settings', (c) => show(c))
  .post('/settings/identity', async (c) => {
    assertAdmin(c);
    const v = formStrings((await c.req.parseBody()) as RawForm);
    return save(c, 'identity', v, {
      name: v.name ?? '',
      legalName: v.legalName ?? '',
      address: v.address ?? '',
      siret: orNull(v.siret),
      vatNumber: orNull(v.vatNumber?.replace(/\s/g, '').toUpperCase()),
      defaultLanguage: v.defaultLanguage,
    });
  })
  .post('/settings/voice', async (c) => {
    assertAdmin(c);
    const v = formStrings((await c.req.parseBody()) as RawForm);
    return save(c, 'voice', v, { settings: { voice: { tone: v.tone ?? '', signature: v.signature ?? '', offer: v.offer ?? '', formality: v.formality } } });
  })
  .post('/settings/sending', async (c) => {
    assertAdmin(c);
    const body = (await c.req.parseBody({ all: true })) as RawForm;
    const v = formStrings(body);
    const days = formList(body, 'days').map(Number);
    const values = { ...v, days: days.join(',') };
    const extra: FieldErrors = {};
    if (v.start && v.end && /^\d\d:\d\d$/.test(v.start) && /^\d\d:\d\d$/.test(v.end) && v.end <= v.start) extra.end = c.get('ui').t('err.timeOrder');
    return save(
      c,
      'sending',
      values,
      { settings: { sendWindow: { days, start: v.start ?? '', end: v.end ?? '' }, dailyCap: int(v.dailyCap), pendingExpiryDays: int(v.pendingExpiryDays) } },
      extra,
    );
  })
  /** Connect a mailbox (admin): the password is sealed by the gate before it is stored. */
  .post('/settings/connectors/smtp', async (c) => {
    assertAdmin(c);
    const ui = c.get('ui');
    const v = formStrings((await c.req.parseBody()) as RawForm);
    const parsed = SmtpConnectorCreateSchema.safeParse({
      type: 'smtp',
      host: v.host ?? '',
      port: int(v.port),
      secure: v.secure === 'on',
      noTls: v.noTls === 'on',
      user: orNull(v.user),
      password: orNull(v.password),
      fromEmail: v.fromEmail ?? '',
      fromName: v.fromName ?? '',
    });
    const values = { ...v, password: '' };
    if (!parsed.success) return show(c, { form: 'smtp', values, errors: zodFieldErrors(parsed.error, ui.t) });
    await createConnector(c.get('crm'), secretKeys(c.get('deps').config), parsed.data);
    return c.redirect('/settings?ok=smtp#connectors', 303);
  })
  /** "Tester la connexion": an SMTP verify with the stored credentials, answered on the page. */
  .post('/settings/connectors/:id/test', async (c) => {
    assertAdmin(c);
    const ui = c.get('ui');
    const r = await testConnector(c.get('crm'), secretKeys(c.get('deps').config), idParam(c, 'connector'));
    return show(c, undefined, r.ok ? { kind: 'ok', text: ui.t('settings.smtp.testOk') } : { kind: 'error', text: ui.t('settings.smtp.testFailed', { reason: r.error }) });
  })
  .post('/settings/connectors/:id/toggle', async (c) => {
    assertAdmin(c);
    const v = formStrings((await c.req.parseBody()) as RawForm);
    const version = formVersion(v.version, true);
    try {
      await updateConnector(c.get('crm'), secretKeys(c.get('deps').config), idParam(c, 'connector'), { version, enabled: v.enabled === 'on' });
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'conflict')) throw err;
    }
    return c.redirect('/settings?ok=channel#connectors', 303);
  })
  /** An auto-approve rule (admin): a scope, conditions and a required expiry (end of that day, Paris). */
  .post('/settings/rules', async (c) => {
    assertAdmin(c);
    const ui = c.get('ui');
    const v = formStrings((await c.req.parseBody()) as RawForm);
    const expires = /^\d{4}-\d{2}-\d{2}$/.test(v.expiresAt ?? '') ? endOfDayParis(v.expiresAt!) : '';
    const parsed = RuleCreateSchema.safeParse({
      name: v.name || undefined,
      scope: { kind: v.kind || undefined, teammate: v.teammate || undefined },
      conditions: { reviewerPassed: v.reviewerPassed === 'on', recipientApprovedBefore: v.recipientApprovedBefore === 'on' },
      expiresAt: expires,
    });
    if (!parsed.success) return show(c, { form: 'rule', values: v, errors: zodFieldErrors(parsed.error, ui.t) });
    try {
      await createRule(c.get('crm'), parsed.data);
    } catch (err) {
      const known = domainErrors(err, ui.t);
      if (!known) throw err;
      return show(c, { form: 'rule', values: v, errors: known.fields, message: known.form });
    }
    return c.redirect('/settings?ok=rule#rules', 303);
  })
  .post('/settings/rules/:id/disable', async (c) => {
    assertAdmin(c);
    const v = formStrings((await c.req.parseBody()) as RawForm);
    const version = formVersion(v.version, true);
    try {
      await updateRule(c.get('crm'), idParam(c, 'rule'), { version, enabled: false });
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'conflict')) throw err;
    }
    return c.redirect('/settings?ok=saved#rules', 303);
  })
  /** Members and roles (admin): make someone an administrator or a member; the last admin stays. */
  .post('/settings/members/:id/role', async (c) => {
    assertAdmin(c);
    const ui = c.get('ui');
    const userId = idParam(c, 'member');
    const v = formStrings((await c.req.parseBody()) as RawForm);
    const role = RoleSchema.safeParse(v.role);
    if (!role.success) return show(c, undefined, undefined, { userId, text: ui.t('settings.members.badRole'), status: 400 });
    try {
      await changeMemberRole(c.get('crm'), userId, role.data);
    } catch (err) {
      if (!isLastAdminError(err)) throw err;
      const name = (await listMembers(c.get('crm'))).find((m) => m.id === userId)?.display_name ?? '';
      return show(c, undefined, undefined, { userId, text: ui.t('settings.members.lastAdmin', { name }), status: 409 });
    }
    return c.redirect('/settings?ok=role#members', 303);
  })
  /** Remove someone from the workspace (admin): their tokens and sessions end; the last admin stays. */
  .post('/settings/members/:id/remove', async (c) => {
    assertAdmin(c);
    const ui = c.get('ui');
    const userId = idParam(c, 'member');
    try {
      await removeMember(c.get('crm'), userId);
    } catch (err) {
      if (!isLastAdminError(err)) throw err;
      const name = (await listMembers(c.get('crm'))).find((m) => m.id === userId)?.display_name ?? '';
      return show(c, undefined, undefined, { userId, text: ui.t('settings.members.lastAdmin', { name }), status: 409 });
    }
    return c.redirect('/settings?ok=memberRemoved#members', 303);
  })
  /** Invite someone (admin): the one-time sign-in link is shown on this answer only. */
  .post('/settings/members/invite', async (c) => {
    assertAdmin(c);
    const ui = c.get('ui');
    const v = formStrings((await c.req.parseBody()) as RawForm);
    const parsed = MemberInviteSchema.safeParse({ displayName: v.inviteName ?? '', email: orNull(v.inviteEmail), role: v.inviteRole });
    if (!parsed.success) {
      const e = zodFieldErrors(parsed.error, ui.t);
      const errors = renamed(e, { displayName: 'inviteName', email: 'inviteEmail', role: 'inviteRole' });
      if (e.email) errors.inviteEmail = ui.t('err.email');
      return show(c, { form: 'invite', values: v, errors });
    }
    const inv = await inviteMember(c.get('crm'), parsed.data, c.get('deps').config.publicUrl);
    return show(c, undefined, undefined, undefined, { kind: 'invite', name: inv.member.displayName, role: inv.member.role, url: inv.loginUrl, expiresAt: inv.expiresAt });
  })
  /** An API token for the viewer, with an optional last day (Paris): shown on this answer only. */
  .post('/settings/tokens', async (c) => {
    const ui = c.get('ui');
    const v = formStrings((await c.req.parseBody()) as RawForm);
    const day = v.tokenExpiresAt ?? '';
    const expiresAt = day === '' ? null : /^\d{4}-\d{2}-\d{2}$/.test(day) ? endOfDayParis(day) : 'invalid';
    const parsed = TokenCreateSchema.safeParse({ name: v.tokenName ?? '', expiresAt });
    const errors: FieldErrors = parsed.success ? {} : renamed(zodFieldErrors(parsed.error, ui.t), { name: 'tokenName', expiresAt: 'tokenExpiresAt' });
    if (errors.tokenExpiresAt || (expiresAt && new Date(expiresAt).getTime() <= Date.now())) errors.tokenExpiresAt = ui.t('err.futureDate');
    if (!parsed.success || Object.keys(errors).length) return show(c, { form: 'token', values: v, errors });
    const made = await createApiToken(c.get('crm'), parsed.data);
    return show(c, undefined, undefined, undefined, { kind: 'token', name: made.name, token: made.token });
  })
  /** Revoke a token: one's own, or any of the workspace's for an administrator. */
  .post('/settings/tokens/:id/revoke', async (c) => {
    await revokeToken(c.get('crm'), idParam(c, 'token'));
    return c.redirect('/settings?ok=tokenRevoked#tokens', 303);
  })
  .post('/settings/language', async (c) => {
    const v = formStrings((await c.req.parseBody()) as RawForm);
    if (isLanguage(v.language)) {
      await setUserLanguage(c.get('deps').db, c.get('viewer').userId, v.language);
      writeLangCookie(c, v.language);
      c.set('ui', uiFor(v.language));
    }
    return c.redirect('/settings?ok=saved#language', 303);
  });
