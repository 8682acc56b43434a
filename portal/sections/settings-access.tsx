import type { Role } from '../../db/schema';
import type { Member } from '../../identity/members';
import type { TokenDto } from '../../identity/tokens';
import type { Ui, Viewer } from '../env';
import { Csrf, SelectField, TextField, type FieldErrors, type FormValues } from '../views/ui';
import { Section } from './settings-section';

// Settings: who can get in. Access tokens (everyone their own, administrators the workspace's),
// invitations (a one-time sign-in link to hand over) and removing a member.

/** A secret shown once, right after it was made (never in a URL, never again). */
export type Reveal = { kind: 'token'; name: string; token: string } | { kind: 'invite'; name: string; role: Role; url: string; expiresAt: string };

type Posted = { form: string; values: FormValues; errors: FieldErrors } | null;

const formOf = (posted: Posted, form: string, initial: FormValues) => ({
  values: posted?.form === form ? posted.values : initial,
  errors: posted?.form === form ? posted.errors : {},
});

export function AccessTokens({ ui, viewer, tokens, posted, reveal }: { ui: Ui; viewer: Viewer; tokens: TokenDto[]; posted: Posted; reveal: Reveal | null }) {
  const { t } = ui;
  const admin = viewer.role === 'admin';
  const f = formOf(posted, 'token', {});
  return (
    <Section id="tokens" title={t('settings.tokens')} help={t(admin ? 'settings.tokens.helpAdmin' : 'settings.tokens.help')}>
      {reveal?.kind === 'token' ? (
        <div class="flash ok" role="status">
          <p>{t('settings.tokens.created', { name: ui.quote(reveal.name) })}</p>
          <p>
            <code class="secret" data-new-token>
              {reveal.token}
            </code>
          </p>
        </div>
      ) : null}
      {tokens.length === 0 ? (
        <p class="muted">{t('settings.tokens.none')}</p>
      ) : (
        <div class="table-wrap">
          <table class="data tokens">
            <thead>
              <tr>
                <th scope="col">{t('settings.tokens.col.name')}</th>
                <th scope="col">{t('settings.tokens.col.kind')}</th>
                {admin ? <th scope="col">{t('settings.tokens.col.holder')}</th> : null}
                <th scope="col">{t('settings.tokens.col.created')}</th>
                <th scope="col">{t('settings.tokens.col.lastUsed')}</th>
                <th scope="col">{t('settings.tokens.col.expires')}</th>
                <th scope="col">{t('settings.tokens.col.action')}</th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((k) => (
                <tr data-token={k.id}>
                  <th scope="row">{k.name || '—'}</th>
                  <td>{t(k.kind === 'api' ? 'settings.tokens.kind.api' : 'settings.tokens.kind.login')}</td>
                  {admin ? <td>{k.holder}</td> : null}
                  <td>{ui.fmt.date(k.createdAt)}</td>
                  <td>{k.lastUsedAt ? ui.fmt.dateTime(k.lastUsedAt) : t('settings.tokens.never')}</td>
                  <td>
                    {k.expiresAt ? ui.fmt.dateTime(k.expiresAt) : t('settings.tokens.noExpiry')}
                    {k.active ? null : <span class="badge warn"> {t('settings.tokens.expired')}</span>}
                  </td>
                  <td>
                    <form method="post" action={`/settings/tokens/${k.id}/revoke`} class="inline">
                      <Csrf token={viewer.csrf} />
                      <button type="submit" class="quiet">
                        {t('settings.tokens.revoke')}
                        <span class="sr-only"> — {k.name}</span>
                      </button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <details class="new-token" open={posted?.form === 'token'}>
        <summary>{t('settings.tokens.new')}</summary>
        <form method="post" action="/settings/tokens#tokens" novalidate>
          <Csrf token={viewer.csrf} />
          <div class="grid2">
            <TextField {...f} name="tokenName" label={t('settings.tokens.name')} required />
            <TextField {...f} name="tokenExpiresAt" type="date" label={t('settings.tokens.expiresAt')} hint={t('settings.tokens.expiresHint')} />
          </div>
          <div class="form-actions">
            <button type="submit">{t('settings.tokens.create')}</button>
          </div>
        </form>
      </details>
    </Section>
  );
}

/** Under the members table (administrators): invite someone, and the link to hand over, once. */
export function InviteMember({ ui, viewer, posted, reveal }: { ui: Ui; viewer: Viewer; posted: Posted; reveal: Reveal | null }) {
  const { t } = ui;
  const f = formOf(posted, 'invite', { inviteRole: 'member' });
  return (
    <>
      {reveal?.kind === 'invite' ? (
        <div class="flash ok" role="status">
          <p>{t('settings.members.invited', { name: reveal.name, date: ui.fmt.dateTime(reveal.expiresAt) })}</p>
          <p>
            <code class="secret" data-invite-link>
              {reveal.url}
            </code>
          </p>
        </div>
      ) : null}
      <details class="invite" open={posted?.form === 'invite'}>
        <summary>{t('settings.members.invite')}</summary>
        <form method="post" action="/settings/members/invite#members" novalidate>
          <Csrf token={viewer.csrf} />
          <div class="grid2">
            <TextField {...f} name="inviteName" label={t('settings.members.invite.name')} required />
            <TextField {...f} name="inviteEmail" type="email" label={t('settings.members.invite.email')} />
            <SelectField
              {...f}
              name="inviteRole"
              label={t('settings.members.invite.role')}
              options={[
                { value: 'member', label: t('role.member') },
                { value: 'admin', label: t('role.admin') },
              ]}
            />
          </div>
          <div class="form-actions">
            <button type="submit">{t('settings.members.invite.submit')}</button>
          </div>
        </form>
      </details>
    </>
  );
}

/** In a member's row: removing them takes a second, explicit click. */
export function RemoveMember({ ui, viewer, member }: { ui: Ui; viewer: Viewer; member: Member }) {
  const { t } = ui;
  return (
    <details class="remove-member">
      <summary>{t('settings.members.remove')}</summary>
      <form method="post" action={`/settings/members/${member.id}/remove#members`} class="inline">
        <Csrf token={viewer.csrf} />
        <p class="hint small">{t('settings.members.removeConfirm', { name: member.display_name })}</p>
        <button type="submit" class="danger">
          {t('settings.members.removeButton')}
          <span class="sr-only"> — {member.display_name}</span>
        </button>
      </form>
    </details>
  );
}
