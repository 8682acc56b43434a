import type { Workspace } from '../../db/schema';
import type { Member } from '../../identity/members';
import type { Ui, Viewer } from '../env';
import type { ConnectorsView, RuleItem } from '../data/connectors';
import { CheckboxField, Csrf, DefinitionList, ErrorSummary, Flash, PageHeader, SelectField, TextArea, TextField, type FieldErrors, type FormValues } from '../views/ui';
import type { BackgroundFailure } from '../../graph/store/failures';
import type { MessageKey } from '../i18n';
import { PrivacySection } from './privacy-views';
import type { TokenDto } from '../../identity/tokens';
import { AccessTokens, InviteMember, RemoveMember, type Reveal } from './settings-access';
import { Section } from './settings-section';

/** What the gate applies when a workspace has not chosen (shown so nobody has to guess). */
export const SENDING_DEFAULTS = { days: [1, 2, 3, 4, 5], start: '09:00', end: '18:00', dailyCap: 50, pendingExpiryDays: 14 } as const;

export type SettingsForm = 'identity' | 'voice' | 'sending' | 'language' | 'smtp' | 'rule' | 'token' | 'invite';

/** A refused role change, said in the Members section next to the person it concerns. */
export type MemberError = { userId: string; text: string };

export type SettingsProps = {
  ui: Ui;
  viewer: Viewer;
  ws: Workspace;
  members: Member[] | null;
  connectors: ConnectorsView;
  rules: RuleItem[] | null;
  /** what failed in the background for this workspace (admins) */
  failures: BackgroundFailure[] | null;
  /** the form that was just posted, with what was typed and what is wrong with it */
  posted?: { form: SettingsForm; values: FormValues; errors: FieldErrors; message?: string | null } | null;
  flash: string | null;
  notice?: { kind: 'ok' | 'error'; text: string } | null;
  memberError?: MemberError | null;
  /** the viewer's tokens (an administrator: the workspace's) */
  tokens: TokenDto[];
  /** a token or an invitation link just made, shown this once */
  reveal?: Reveal | null;
};

function Actions({ ui }: { ui: Ui }) {
  return (
    <div class="form-actions">
      <button type="submit" class="primary">
        {ui.t('common.save')}
      </button>
    </div>
  );
}

function identityValues(ws: Workspace): FormValues {
  return { name: ws.name, legalName: ws.legal_name, address: ws.address, siret: ws.siret ?? '', vatNumber: ws.vat_number ?? '', defaultLanguage: ws.default_language };
}

function voiceValues(ws: Workspace): FormValues {
  const v = ws.settings.voice ?? {};
  return { tone: v.tone ?? '', signature: v.signature ?? '', offer: v.offer ?? '', formality: v.formality ?? 'vous' };
}

function sendingValues(ws: Workspace): FormValues {
  const w = ws.settings.sendWindow ?? SENDING_DEFAULTS;
  return {
    days: w.days.join(','),
    start: w.start,
    end: w.end,
    dailyCap: String(ws.settings.dailyCap ?? SENDING_DEFAULTS.dailyCap),
    pendingExpiryDays: String(ws.settings.pendingExpiryDays ?? SENDING_DEFAULTS.pendingExpiryDays),
  };
}

export function SettingsPage(p: SettingsProps) {
  const { ui, viewer, ws, posted } = p;
  const { t } = ui;
  const admin = viewer.role === 'admin';
  const pick = (form: SettingsForm, initial: FormValues) => ({
    values: posted?.form === form ? posted.values : initial,
    errors: posted?.form === form ? posted.errors : {},
  });
  const identity = pick('identity', identityValues(ws));
  const voice = pick('voice', voiceValues(ws));
  const sending = pick('sending', sendingValues(ws));
  const days = new Set(sending.values.days.split(',').filter(Boolean));
  const sections: [string, string][] = [
    ['identity', t('settings.identity')],
    ['voice', t('settings.voice')],
    ['sending', t('settings.sending')],
    ...(admin
      ? ([
          ['connectors', t('settings.connectors')],
          ['rules', t('settings.rules')],
          ['members', t('settings.members')],
          ['background', t('settings.background')],
        ] as [string, string][])
      : []),
    ['tokens', t('settings.tokens')],
    ['privacy', t('settings.privacy')],
    ['language', t('settings.language')],
  ];
  return (
    <>
      <PageHeader title={t('settings.title')} intro={t('settings.intro')} />
      <Flash text={p.flash} />
      {p.notice ? <Flash kind={p.notice.kind} text={p.notice.text} /> : null}
      <nav class="subnav" aria-label={t('settings.title')}>
        <ul>
          {sections.map(([id, label]) => (
            <li>
              <a href={`#${id}`}>{label}</a>
            </li>
          ))}
        </ul>
      </nav>
      {posted ? <ErrorSummary ui={ui} errors={posted.errors} form={posted.message ?? null} /> : null}

      <Section id="identity" title={t('settings.identity')} help={t('settings.identity.help')}>
        {admin ? (
          <form method="post" action="/settings/identity" novalidate>
            <Csrf token={viewer.csrf} />
            <div class="grid2">
              <TextField {...identity} name="name" label={t('settings.field.name')} required />
              <TextField {...identity} name="legalName" label={t('settings.field.legalName')} required />
              <TextField {...identity} name="siret" label={t('settings.field.siret')} inputmode="numeric" />
              <TextField {...identity} name="vatNumber" label={t('settings.field.vatNumber')} placeholder="FR00123456789" />
            </div>
            <TextArea {...identity} name="address" label={t('settings.field.address')} rows={2} />
            <SelectField
              {...identity}
              name="defaultLanguage"
              label={t('settings.field.defaultLanguage')}
              options={[
                { value: 'fr', label: t('app.lang.fr') },
                { value: 'en', label: t('app.lang.en') },
              ]}
            />
            <Actions ui={ui} />
          </form>
        ) : (
          <>
            <DefinitionList
              items={[
                [t('settings.field.name'), ws.name],
                [t('settings.field.legalName'), ws.legal_name],
                [t('settings.field.address'), ws.address || null],
                [t('settings.field.siret'), ws.siret],
                [t('settings.field.vatNumber'), ws.vat_number],
              ]}
            />
            <p class="muted">{t('settings.adminOnly')}</p>
          </>
        )}
      </Section>

      <Section id="voice" title={t('settings.voice')} help={t('settings.voice.help')}>
        {admin ? (
          <form method="post" action="/settings/voice" novalidate>
            <Csrf token={viewer.csrf} />
            <TextField {...voice} name="tone" label={t('settings.field.tone')} placeholder={t('settings.field.tonePlaceholder')} />
            <SelectField
              {...voice}
              name="formality"
              label={t('settings.field.formality')}
              options={[
                { value: 'vous', label: t('settings.formality.vous') },
                { value: 'tu', label: t('settings.formality.tu') },
              ]}
            />
            <TextArea {...voice} name="offer" label={t('settings.field.offer')} rows={3} />
            <TextArea {...voice} name="signature" label={t('settings.field.signature')} rows={3} />
            <Actions ui={ui} />
          </form>
        ) : (
          <>
            <DefinitionList
              items={[
                [t('settings.field.tone'), voice.values.tone || null],
                [t('settings.field.formality'), t(`settings.formality.${voice.values.formality === 'tu' ? 'tu' : 'vous'}`)],
                [t('settings.field.offer'), voice.values.offer || null],
                [t('settings.field.signature'), voice.values.signature ? <pre class="signature">{voice.values.signature}</pre> : null],
              ]}
            />
            <p class="muted">{t('settings.adminOnly')}</p>
          </>
        )}
      </Section>

      <Section id="sending" title={t('settings.sending')} help={t('settings.sending.help')}>
        {admin ? (
          <form method="post" action="/settings/sending" novalidate>
            <Csrf token={viewer.csrf} />
            <fieldset class={`days${sending.errors.days ? ' invalid' : ''}`} id="f-days" aria-describedby={sending.errors.days ? 'f-days-err' : undefined}>
              <legend>{t('settings.field.days')}</legend>
              {[1, 2, 3, 4, 5, 6, 7].map((d) => (
                <label class="day">
                  <input type="checkbox" name="days" value={String(d)} checked={days.has(String(d))} /> {ui.fmt.weekday(d)}
                </label>
              ))}
              {sending.errors.days ? (
                <p class="field-error" id="f-days-err">
                  {sending.errors.days}
                </p>
              ) : null}
            </fieldset>
            <div class="grid2">
              <TextField {...sending} name="start" type="time" label={t('settings.field.start')} />
              <TextField {...sending} name="end" type="time" label={t('settings.field.end')} />
              <TextField {...sending} name="dailyCap" type="number" label={t('settings.field.dailyCap')} inputmode="numeric" />
              <TextField {...sending} name="pendingExpiryDays" type="number" label={t('settings.field.pendingExpiryDays')} inputmode="numeric" />
            </div>
            <p class="hint">{t('settings.defaults')}</p>
            <Actions ui={ui} />
          </form>
        ) : (
          <>
            <DefinitionList
              items={[
                [t('settings.field.days'), [...days].map((d) => ui.fmt.weekday(Number(d))).join(', ')],
                [`${t('settings.field.start')} – ${t('settings.field.end')}`, `${sending.values.start} – ${sending.values.end}`],
                [t('settings.field.dailyCap'), sending.values.dailyCap],
                [t('settings.field.pendingExpiryDays'), sending.values.pendingExpiryDays],
              ]}
            />
            <p class="muted">{t('settings.adminOnly')}</p>
          </>
        )}
      </Section>

      {admin ? <Connectors {...p} /> : null}

      {admin ? <Rules {...p} /> : null}

      {admin && p.members ? <Members {...p} members={p.members} /> : null}
      {admin && p.failures ? <Background {...p} failures={p.failures} /> : null}
      <AccessTokens ui={ui} viewer={viewer} tokens={p.tokens} posted={posted ?? null} reveal={p.reveal ?? null} />

      <PrivacySection ui={ui} />

      <Section id="language" title={t('settings.language')} help={t('settings.language.help')}>
        <form method="post" action="/settings/language" class="row">
          <Csrf token={viewer.csrf} />
          <fieldset class="radios">
            <legend class="sr-only">{t('settings.language')}</legend>
            {(['fr', 'en'] as const).map((l) => (
              <label>
                <input type="radio" name="language" value={l} checked={ui.lang === l} /> {t(`app.lang.${l}`)}
              </label>
            ))}
          </fieldset>
          <button type="submit">{t('common.save')}</button>
        </form>
      </Section>
    </>
  );
}

/**
 * Membres et rôles (admin): each person's role, and one button to make them an administrator or a
 * member. A refused change (the last administrator) is said here, next to that person.
 */
const JOB_LABELS: Record<string, MessageKey> = {
  'action.sent-back': 'settings.background.job.sentBack',
  'action.approved': 'settings.background.job.approved',
};

/** What failed in the background (a teammate run, a hand-over job), with its reason: nothing is dropped silently. */
function Background(p: SettingsProps & { failures: BackgroundFailure[] }) {
  const { ui, failures } = p;
  const { t } = ui;
  return (
    <Section id="background" title={t('settings.background')} help={t('settings.background.help')}>
      {failures.length === 0 ? (
        <p class="muted">{t('settings.background.none')}</p>
      ) : (
        <div class="table-wrap">
          <table class="data background-failures">
            <thead>
              <tr>
                <th scope="col">{t('settings.background.col.when')}</th>
                <th scope="col">{t('settings.background.col.what')}</th>
                <th scope="col">{t('settings.background.col.why')}</th>
                <th scope="col">{t('settings.background.col.attempts')}</th>
              </tr>
            </thead>
            <tbody>
              {failures.map((f) => (
                <tr data-failure={f.kind}>
                  <td>{ui.fmt.dateTime(f.at)}</td>
                  <td>
                    {f.kind === 'run' ? (
                      <a href={`/chat?thread=${f.threadId}`}>{t(f.run === 'revise' ? 'settings.background.run.revise' : 'settings.background.run.chat')}</a>
                    ) : (
                      t(JOB_LABELS[f.job] ?? 'settings.background.job.other')
                    )}
                  </td>
                  <td class="small">{f.error}</td>
                  <td>{f.attempts}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Section>
  );
}

function Members(p: SettingsProps & { members: Member[] }) {
  const { ui, viewer, members, memberError } = p;
  const { t } = ui;
  return (
    <Section id="members" title={t('settings.members')} help={t('settings.members.help')}>
      {memberError ? (
        <p class="flash error" id="members-err" role="alert" tabindex={-1} data-error-summary>
          {memberError.text}
        </p>
      ) : null}
      <div class="table-wrap">
        <table class="data members">
          <thead>
            <tr>
              <th scope="col">{t('settings.members.col.name')}</th>
              <th scope="col">{t('settings.members.col.role')}</th>
              <th scope="col">{t('settings.members.col.since')}</th>
              <th scope="col">{t('settings.members.col.change')}</th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => {
              const target = m.role === 'admin' ? 'member' : 'admin';
              const self = m.id === viewer.userId;
              const refused = memberError?.userId === m.id;
              return (
                <tr data-member={m.id} class={refused ? 'invalid' : undefined}>
                  <th scope="row">
                    {m.display_name} {self ? <span class="muted">{t('settings.members.you')}</span> : null}
                    {m.email ? <span class="muted small"> · {m.email}</span> : null}
                  </th>
                  <td>
                    <span class={`badge${m.role === 'admin' ? ' ok' : ''}`} data-role={m.role}>
                      {t(m.role === 'admin' ? 'role.admin' : 'role.member')}
                    </span>
                  </td>
                  <td>{ui.fmt.date(m.created_at)}</td>
                  <td>
                    <form method="post" action={`/settings/members/${m.id}/role#members`} class="inline">
                      <Csrf token={viewer.csrf} />
                      <input type="hidden" name="role" value={target} />
                      <button type="submit" class="quiet" aria-describedby={refused ? 'members-err' : self && target === 'member' ? `self-${m.id}` : undefined}>
                        {t(target === 'admin' ? 'settings.members.makeAdmin' : 'settings.members.makeMember')}
                        <span class="sr-only"> — {m.display_name}</span>
                      </button>
                    </form>
                    {self && target === 'member' ? (
                      <p class="hint small" id={`self-${m.id}`}>
                        {t('settings.members.selfDemoteHint')}
                      </p>
                    ) : null}
                    <RemoveMember ui={ui} viewer={viewer} member={m} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <InviteMember ui={ui} viewer={viewer} posted={p.posted ?? null} reveal={p.reveal ?? null} />
    </Section>
  );
}

/** Connecteurs: the SMTP form and its test, once the approval gate's channel functions exist. */
function Connectors(p: SettingsProps) {
  const { ui, viewer, connectors, posted } = p;
  const { t } = ui;
  if (!connectors.available) {
    return (
      <Section id="connectors" title={t('settings.connectors')} help={t('settings.connectors.help')}>
        <p class="flash warn" data-slot="connectors">
          {t('settings.connectors.pending')}
        </p>
      </Section>
    );
  }
  const smtp = {
    values: posted?.form === 'smtp' ? posted.values : { port: '587', secure: '' },
    errors: posted?.form === 'smtp' ? posted.errors : {},
  };
  return (
    <Section id="connectors" title={t('settings.connectors')} help={t('settings.connectors.help')}>
      {connectors.items.length === 0 ? (
        <p class="flash warn">{t('settings.connectors.none')}</p>
      ) : (
        <ul class="plain connectors">
          {connectors.items.map((k) => (
            <li data-connector={k.id}>
              <strong>{k.label}</strong> <span class={`badge ${k.enabled ? 'ok' : ''}`}>{k.enabled ? t('settings.smtp.enabled') : t('settings.smtp.disabled')}</span>
              {k.noTls ? <span class="badge warn"> {t('settings.smtp.noTlsBadge')}</span> : null}
              {k.lastTest ? (
                <span class="muted small">
                  {' '}
                  · {t('settings.smtp.lastTest', { date: ui.fmt.dateTime(k.lastTest.at), result: k.lastTest.ok ? t('settings.smtp.ok') : t('settings.smtp.failed') })}
                </span>
              ) : null}
              <div class="row">
                <form method="post" action={`/settings/connectors/${k.id}/test`} class="inline">
                  <Csrf token={viewer.csrf} />
                  <button type="submit">{t('settings.smtp.test')}</button>
                </form>
                <form method="post" action={`/settings/connectors/${k.id}/toggle`} class="inline">
                  <Csrf token={viewer.csrf} />
                  <input type="hidden" name="version" value={String(k.version)} />
                  <input type="hidden" name="enabled" value={k.enabled ? 'off' : 'on'} />
                  <button type="submit" class="quiet">
                    {k.enabled ? t('settings.smtp.disable') : t('settings.smtp.enable')}
                  </button>
                </form>
                <a class="button quiet" href={`/settings/connectors/${k.id}`}>
                  {t('settings.smtp.edit')}
                </a>
              </div>
            </li>
          ))}
        </ul>
      )}
      <h3>{t('settings.smtp')}</h3>
      <form method="post" action="/settings/connectors/smtp" novalidate>
        <Csrf token={viewer.csrf} />
        <div class="grid2">
          <TextField {...smtp} name="host" label={t('settings.smtp.host')} required placeholder="smtp.exemple.fr" />
          <TextField {...smtp} name="port" type="number" label={t('settings.smtp.port')} inputmode="numeric" />
          <TextField {...smtp} name="user" label={t('settings.smtp.user')} autocomplete="username" />
          <TextField {...smtp} name="password" type="password" label={t('settings.smtp.password')} hint={t('settings.smtp.passwordHelp')} autocomplete="new-password" />
          <TextField {...smtp} name="fromEmail" type="email" label={t('settings.smtp.fromEmail')} required />
          <TextField {...smtp} name="fromName" label={t('settings.smtp.fromName')} />
        </div>
        <div class="field check">
          <input id="f-secure" type="checkbox" name="secure" value="on" checked={smtp.values.secure === 'on'} />
          <label for="f-secure">{t('settings.smtp.secure')}</label>
        </div>
        <NoTlsField ui={ui} checked={smtp.values.noTls === 'on'} />
        <div class="form-actions">
          <button type="submit" class="primary">
            {t('settings.smtp.connect')}
          </button>
        </div>
      </form>
    </Section>
  );
}

/** "No TLS (local relay)": off unless ticked, with what it means said next to it. */
export function NoTlsField({ ui, checked }: { ui: Ui; checked: boolean }) {
  return (
    <div class="field check">
      <input id="f-noTls" type="checkbox" name="noTls" value="on" checked={checked} aria-describedby="f-noTls-hint" />
      <label for="f-noTls">{ui.t('settings.smtp.noTls')}</label>
      <p class="hint warn" id="f-noTls-hint">
        {ui.t('settings.smtp.noTlsWarning')}
      </p>
    </div>
  );
}

/** Auto-approve rules: none by default; each one scoped, expiring, and audited when it approves. */
function Rules(p: SettingsProps) {
  const { ui, viewer, posted } = p;
  const { t } = ui;
  const rules = p.rules;
  const f = {
    values: posted?.form === 'rule' ? posted.values : { reviewerPassed: 'on', kind: 'email' },
    errors: posted?.form === 'rule' ? posted.errors : {},
  };
  return (
    <Section id="rules" title={t('settings.rules')} help={t('settings.rules.help')}>
      {rules === null ? (
        <p class="muted" data-slot="auto-approve-rules">
          {t('settings.rules.pending')}
        </p>
      ) : (
        <>
          {rules.length === 0 ? (
            <p class="muted">{t('settings.rules.none')}</p>
          ) : (
            <ul class="plain rules">
              {rules.map((r) => (
                <li>
                  <strong>{r.name || t(r.kind ? (`kind.${r.kind}` as 'kind.email') : 'settings.rules.kindAny')}</strong>{' '}
                  <span class={`badge ${r.active ? 'ok' : ''}`}>
                    {r.active ? t('settings.rules.activeUntil', { date: ui.fmt.date(r.expiresAt) }) : t('settings.rules.inactive')}
                  </span>
                  <span class="muted small">
                    {' '}
                    · {r.kind ? t(`kind.${r.kind}` as 'kind.email') : t('settings.rules.kindAny')}
                    {r.teammate ? ` · ${r.teammate}` : ''}
                    {r.reviewerPassed ? ` · ${t('settings.rules.reviewerPassed')}` : ''}
                    {r.recipientApprovedBefore ? ` · ${t('settings.rules.recipientApprovedBefore')}` : ''}
                  </span>
                  {r.active ? (
                    <form method="post" action={`/settings/rules/${r.id}/disable`} class="inline">
                      <Csrf token={viewer.csrf} />
                      <input type="hidden" name="version" value={String(r.version)} />{' '}
                      <button type="submit" class="quiet">
                        {t('settings.rules.disable')}
                      </button>
                    </form>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          <details class="new-rule" open={posted?.form === 'rule'}>
            <summary>{t('settings.rules.new')}</summary>
            <form method="post" action="/settings/rules" novalidate>
              <Csrf token={viewer.csrf} />
              <div class="grid2">
                <TextField {...f} name="name" label={t('settings.rules.name')} />
                <SelectField
                  {...f}
                  name="kind"
                  label={t('settings.rules.kind')}
                  options={[
                    { value: '', label: t('settings.rules.kindAny') },
                    { value: 'email', label: t('kind.email') },
                    { value: 'message', label: t('kind.message') },
                    { value: 'meeting', label: t('kind.meeting') },
                  ]}
                />
                <TextField {...f} name="teammate" label={t('settings.rules.teammate')} hint={t('settings.rules.teammateHint')} />
                <TextField {...f} name="expiresAt" type="date" label={t('settings.rules.expiresAt')} hint={t('settings.rules.expiresHint')} required />
              </div>
              <fieldset>
                <legend>{t('settings.rules.conditions')}</legend>
                <CheckboxField {...f} name="reviewerPassed" label={t('settings.rules.reviewerPassed')} />
                <CheckboxField {...f} name="recipientApprovedBefore" label={t('settings.rules.recipientApprovedBefore')} />
              </fieldset>
              <div class="form-actions">
                <button type="submit">{t('settings.rules.create')}</button>
              </div>
            </form>
          </details>
        </>
      )}
    </Section>
  );
}
