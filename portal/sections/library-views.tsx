import type { DiffLine } from '../../lib/line-diff';
import type { Ui } from '../env';
import { LIBRARY_TABS, reasonKey, type LibraryStatus, type ShownMessage } from '../data/library';
import { hasKey, type MessageKey } from '../i18n';
import { Csrf, Empty, ErrorSummary, Flash, PageHeader, Pager, type FieldErrors, type FormValues } from '../views/ui';

export type LibraryRow = {
  id: string;
  kind: string;
  status: string;
  to: { email?: string; name?: string } | null;
  subject: string | null;
  snippet: string | null;
  teammate: string | null;
  reviewerVerdict: string | null;
  reason: string | null;
  waitingReason: string | null;
  revisionRequested: boolean;
  updatedAt: string | null;
  expiresAt: string | null;
  /** the auto-approve rule that approved it */
  ruleId: string | null;
  /** when a held email is due to leave */
  nextAttemptAt: string | null;
};

/** Why the workspace's held emails cannot leave now (channels/held.ts), as the page shows it. */
export type ShownHold = { reason: string; until: string | null };
/** The auto-approve rules as the Library tells them: one in force, what they approved lately, their names. */
export type RulesShown = { active: boolean; recent: { ruleId: string; ruleName: string | null; approved: number; sent: number }[]; names: Map<string, string | null> };

const HELD_STATUSES = ['approved', 'scheduled'];

export const statusLabel = (ui: Ui, s: string) => ui.t(`library.status.${s}` as MessageKey);

/** A teammate's role in words when the Portal knows it, its id otherwise. */
export function teammateLabel(ui: Ui, id: string): string {
  const k = `teammate.${id}`;
  return hasKey(k) ? ui.t(k) : id;
}

/** A reason in words: the gate's known reasons translated, anything else as written. */
export function reasonText(ui: Ui, reason: string | null): string | null {
  const key = reasonKey(reason);
  return key ? ui.t(key) : reason;
}

const recipient = (to: LibraryRow['to']) => (to ? (to.name ? `${to.name} <${to.email ?? ''}>` : (to.email ?? '')) : '');

function Flag({ ui, verdict }: { ui: Ui; verdict: string | null }) {
  if (!verdict || verdict === 'passed') return null;
  return <span class="badge warn">{ui.t('library.flagged')}</span>;
}

/** An email a rule approved says so, with the rule's name: nobody approved it by hand. */
function ByRule({ ui, ruleId, names }: { ui: Ui; ruleId: string | null; names: Map<string, string | null> }) {
  if (!ruleId) return null;
  const name = names.get(ruleId);
  return (
    <span class="badge" data-by-rule={ruleId}>
      {name ? ui.t('library.byRule', { rule: ui.quote(name) }) : ui.t('library.byRuleUnnamed')}
    </span>
  );
}

/** What a held email waits for, in words, when "send now" cannot work; null when it can. */
function blockedText(ui: Ui, hold: ShownHold | null): string | null {
  if (!hold) return null;
  const why = reasonText(ui, hold.reason) ?? hold.reason;
  return hold.until ? ui.t('library.sendNowBlockedUntil', { why, date: ui.fmt.dateTime(hold.until) }) : ui.t('library.sendNowBlocked', { why });
}

/** When a held email leaves: its next attempt when one is set ahead, else at once unless something holds it. */
function leavesText(ui: Ui, nextAttemptAt: string | null, hold: ShownHold | null): string | null {
  if (nextAttemptAt && new Date(nextAttemptAt).getTime() > Date.now()) return ui.t('library.leavesAt', { date: ui.fmt.dateTime(nextAttemptAt) });
  return hold ? null : ui.t('library.leavesSoon');
}

/** A message waits for a messaging channel whatever the workspace's mailbox does. */
const holdOf = (kind: string, hold: ShownHold | null): ShownHold | null => (kind === 'message' ? { reason: 'no channel connected for messages', until: null } : hold);

/**
 * A held email in the list: when it leaves, "send now" (inside the send window and the rest; else
 * the button is off and says why) and "cancel". Buttons of the list's form, posting elsewhere.
 */
function HeldRow({ ui, a, hold }: { ui: Ui; a: LibraryRow; hold: ShownHold | null }) {
  const { t } = ui;
  const held = holdOf(a.kind, hold);
  const blocked = blockedText(ui, held);
  const leaves = leavesText(ui, a.nextAttemptAt, held);
  return (
    <div class="held small" data-held={a.id}>
      {leaves ? <p class="leaves">{leaves}</p> : null}
      <p class="row">
        <button type="submit" formaction={`/library/${a.id}/send-now`} disabled={Boolean(blocked)} aria-describedby={blocked ? `blocked-${a.id}` : undefined} data-send-now>
          {t('library.sendNow')}
        </button>{' '}
        <button type="submit" formaction={`/library/${a.id}/cancel`} class="quiet" data-cancel>
          {t('library.cancelSend')}
        </button>
      </p>
      {blocked ? (
        <p class="muted" id={`blocked-${a.id}`} data-send-now-blocked>
          {blocked}
        </p>
      ) : null}
    </div>
  );
}

type ListProps = {
  ui: Ui;
  csrf: string;
  status: LibraryStatus;
  counts: Record<string, number>;
  items: LibraryRow[];
  nextCursor: string | null;
  cursor: string | undefined;
  channelConnected: boolean;
  admin: boolean;
  rules: RulesShown;
  /** computed on the tabs of held emails (approved, scheduled) */
  hold: ShownHold | null;
  flash: string | null;
  error: string | null;
};

export function LibraryList(p: ListProps) {
  const { ui, status } = p;
  const { t } = ui;
  const total = Object.values(p.counts).reduce((s, n) => s + n, 0);
  const tabs = LIBRARY_TABS.filter((s) => s === 'pending_approval' || s === status || (p.counts[s] ?? 0) > 0);
  const selectable = status === 'pending_approval' && p.items.length > 0;
  return (
    <>
      <PageHeader title={t('library.title')} intro={t(p.rules.active ? 'library.introRules' : 'library.intro')} />
      <Flash text={p.flash} />
      <Flash kind="error" text={p.error} />
      {p.rules.recent.map((r) => (
        <p class="flash warn" data-rule-approvals={r.ruleId}>
          {r.ruleName
            ? t('library.rules.recent', { n: ui.fmt.number(r.approved), sent: ui.fmt.number(r.sent), rule: ui.quote(r.ruleName) })
            : t('library.rules.recentUnnamed', { n: ui.fmt.number(r.approved), sent: ui.fmt.number(r.sent) })}{' '}
          {p.admin ? <a href="/settings#rules">{t('library.rules.manage')}</a> : null}
        </p>
      ))}
      {!p.channelConnected && total > 0 ? (
        <p class="flash warn">
          {t('settings.connectors.none')} {p.admin ? <a href="/settings#connectors">{t('library.connect')}</a> : t('library.askAdmin')}
        </p>
      ) : null}
      <nav class="tabs" aria-label={t('library.byStatus')}>
        <ul>
          {tabs.map((s) => (
            <li>
              <a href={`/library?status=${s}`} aria-current={s === status ? 'page' : undefined} data-status={s}>
                {statusLabel(ui, s)} <span class="count">{ui.fmt.number(p.counts[s] ?? 0)}</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {total === 0 ? (
        <Empty title={t('library.empty.title')}>
          <p>{t('library.empty.body')}</p>
          <p>
            <a class="button primary" href="/chat">
              {t('dash.empty.cta')}
            </a>
          </p>
        </Empty>
      ) : p.items.length === 0 ? (
        <p class="muted">{t('library.emptyStatus', { status: statusLabel(ui, status) })}</p>
      ) : (
        <form method="post" action="/library/bulk" class="library-list">
          <Csrf token={p.csrf} />
          {selectable ? (
            <div class="bulk-bar">
              <label class="check-all">
                <input type="checkbox" data-select-all /> {t('library.selectAll')}
              </label>
              <span class="muted" aria-live="polite">
                {t('library.selected')} <strong data-selected-count>0</strong>
              </span>
              <button type="submit" name="op" value="approve" class="primary" data-bulk-submit>
                {t('library.bulkApprove')}
              </button>
            </div>
          ) : null}
          <ul class="drafts">
            {p.items.map((a) => {
              const why = reasonText(
                ui,
                a.waitingReason ?? (a.status === 'failed' || a.status === 'delivery_unknown' || a.status === 'cancelled' || a.status === 'expired' ? a.reason : null),
              );
              return (
                <li class="draft" data-action-row={a.id}>
                  {selectable ? <input type="checkbox" name="ids" value={a.id} id={`sel-${a.id}`} aria-label={t('library.select', { subject: a.subject ?? '' })} /> : null}
                  <div class="draft-main">
                    <p class="draft-head">
                      <a href={`/library/${a.id}`} class="draft-subject">
                        {a.subject || t('library.noSubject')}
                      </a>{' '}
                      <Flag ui={ui} verdict={a.reviewerVerdict} /> <ByRule ui={ui} ruleId={a.ruleId} names={p.rules.names} />
                      {a.revisionRequested ? <span class="badge">{t('library.revisionRequested')}</span> : null}
                    </p>
                    <p class="draft-meta muted small">
                      {t('library.to')} {recipient(a.to)}
                      {a.teammate ? ` · ${t('library.col.teammate')}${ui.colon} ${teammateLabel(ui, a.teammate)}` : ''}
                      {a.updatedAt ? ` · ${ui.fmt.dateTime(a.updatedAt)}` : ''}
                    </p>
                    {a.snippet ? <p class="snippet">{a.snippet}…</p> : null}
                    {why ? (
                      <p class="why small">
                        <strong>{`${t('library.why')}${ui.colon}`}</strong> {why}
                      </p>
                    ) : null}
                    {HELD_STATUSES.includes(a.status) ? <HeldRow ui={ui} a={a} hold={p.hold} /> : null}
                  </div>
                </li>
              );
            })}
          </ul>
        </form>
      )}
      <Pager ui={ui} path="/library" query={{ status, cursor: p.cursor }} nextCursor={p.nextCursor} />
    </>
  );
}

export type HistoryEntry = { at: string; action: string; actor: { type: string; id: string | null }; from: string | null; to: string | null; data: unknown };
export type VersionEntry = { version: number; author: { type: string; id: string | null }; note: string; createdAt: string | null };

export type DetailData = {
  id: string;
  kind: string;
  status: string;
  version: number;
  teammate: string | null;
  reviewer: { verdict: string; notes: string[] } | null;
  reason: string | null;
  waitingReason: string | null;
  lastError: string | null;
  expiresAt: string | null;
  nextAttemptAt: string | null;
  /** the auto-approve rule that approved it, and its name (null: unnamed or deleted) */
  rule: { id: string; name: string | null } | null;
  revisionRequestedAt: string | null;
  current: { subject: string; body: string };
  message: ShownMessage | null;
  diff: { subject: { before: string | null; after: string | null } | null; body: DiffLine[] } | null;
  versions: VersionEntry[];
  history: HistoryEntry[];
};

type DetailProps = {
  ui: Ui;
  csrf: string;
  a: DetailData;
  flash: string | null;
  error: string | null;
  /** an edit awaiting confirmation: what changed, shown before approving */
  review?: { values: FormValues; diff: DiffLine[]; subjectBefore: string; subjectAfter: string } | null;
  editErrors?: FieldErrors;
  editValues?: FormValues | null;
  rejectErrors?: FieldErrors;
  /** why held emails cannot leave now, for an approved or scheduled action */
  hold?: ShownHold | null;
};

/** Links in the rendered text (the opt-out link) become clickable; everything stays escaped. */
function Linked({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/[^\s<>"]+)/g);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <a href={part} rel="noopener noreferrer">
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </>
  );
}

export function DiffView({ ui, lines, subject }: { ui: Ui; lines: DiffLine[]; subject?: { before: string | null; after: string | null } | null }) {
  const { t } = ui;
  return (
    <div class="diff" role="group" aria-label={t('library.diff')}>
      {subject && subject.before !== subject.after ? (
        <p class="diff-subject">
          <strong>{`${t('library.subject')}${ui.colon}`}</strong> <del>{subject.before ?? ''}</del> <ins>{subject.after ?? ''}</ins>
        </p>
      ) : null}
      <pre class="diff-body">
        {lines.map((l) =>
          l.op === 'equal' ? (
            <span class="eq">{`  ${l.text}\n`}</span>
          ) : l.op === 'remove' ? (
            <del>
              <span class="sr-only">{t('library.removed')} </span>
              {`- ${l.text}\n`}
            </del>
          ) : (
            <ins>
              <span class="sr-only">{t('library.added')} </span>
              {`+ ${l.text}\n`}
            </ins>
          ),
        )}
      </pre>
    </div>
  );
}

/** A held email on its own page: when it leaves, "send now" when nothing holds it (else why not), "cancel". */
function Departure({ ui, csrf, a, hold }: { ui: Ui; csrf: string; a: DetailData; hold: ShownHold | null }) {
  const { t } = ui;
  const held = holdOf(a.kind, hold);
  const blocked = blockedText(ui, held);
  const leaves = leavesText(ui, a.nextAttemptAt, held);
  return (
    <section class="panel" aria-labelledby="departure-h" data-held={a.id}>
      <h2 id="departure-h">{t('library.departure')}</h2>
      {leaves ? <p class="leaves">{leaves}</p> : null}
      <form method="post" action={`/library/${a.id}/send-now`} class="inline">
        <Csrf token={csrf} />
        <button type="submit" class="primary" disabled={Boolean(blocked)} aria-describedby={blocked ? 'send-now-blocked' : undefined} data-send-now>
          {t('library.sendNow')}
        </button>
      </form>{' '}
      <form method="post" action={`/library/${a.id}/cancel`} class="inline">
        <Csrf token={csrf} />
        <button type="submit" data-cancel>
          {t('library.cancelSend')}
        </button>
      </form>
      {blocked ? (
        <p class="muted small" id="send-now-blocked" data-send-now-blocked>
          {blocked}
        </p>
      ) : null}
    </section>
  );
}

export function LibraryDetail({ ui, csrf, a, flash, error, review, editErrors, editValues, rejectErrors, hold }: DetailProps) {
  const { t } = ui;
  const m = a.message;
  const pending = a.status === 'pending_approval';
  const why = reasonText(ui, a.waitingReason ?? (['failed', 'delivery_unknown', 'cancelled', 'expired', 'scheduled'].includes(a.status) ? a.reason : null));
  const edit = editValues ?? { subject: a.current.subject, body: a.current.body };
  return (
    <>
      <p class="crumbs">
        <a href={`/library?status=${a.status}`}>
          {t('nav.library')} · {statusLabel(ui, a.status)}
        </a>
      </p>
      <PageHeader
        title={a.current.subject || m?.subject || t('library.noSubject')}
        intro={m ? `${t('library.to')} ${m.to.name ? `${m.to.name} <${m.to.email}>` : m.to.email}` : undefined}
      />
      <p>
        <span class={`badge status-${a.status}`} data-status={a.status}>
          {statusLabel(ui, a.status)}
        </span>{' '}
        <Flag ui={ui} verdict={a.reviewer?.verdict ?? null} /> {a.rule ? <ByRule ui={ui} ruleId={a.rule.id} names={new Map([[a.rule.id, a.rule.name]])} /> : null}{' '}
        <span class="muted small">{t('library.version', { n: a.version })}</span>
        {pending && a.expiresAt ? <span class="muted small"> · {t('library.expires', { date: ui.fmt.dateTime(a.expiresAt) })}</span> : null}
      </p>
      <Flash text={flash} />
      <Flash kind="error" text={error} />
      {why ? (
        <p class="flash warn" data-why>
          <strong>{`${t('library.why')}${ui.colon}`}</strong> {why}
        </p>
      ) : null}
      {a.lastError ? <p class="muted small">{t('library.lastError', { error: a.lastError })}</p> : null}
      {a.revisionRequestedAt ? <p class="flash">{t('library.revisionRequested')}</p> : null}

      {review ? (
        <section class="panel review" aria-labelledby="review-h">
          <h2 id="review-h">{t('library.reviewEdit')}</h2>
          <DiffView ui={ui} lines={review.diff} subject={{ before: review.subjectBefore, after: review.subjectAfter }} />
          <form method="post" action={`/library/${a.id}/approve`} class="row">
            <Csrf token={csrf} />
            <input type="hidden" name="version" value={String(a.version)} />
            <input type="hidden" name="subject" value={review.values.subject ?? ''} />
            <input type="hidden" name="body" value={review.values.body ?? ''} />
            <input type="hidden" name="confirm" value="1" />
            <button type="submit" class="primary">
              {t('library.confirmApprove')}
            </button>
            <a class="button quiet" href={`/library/${a.id}`}>
              {t('common.cancel')}
            </a>
          </form>
        </section>
      ) : null}

      <div class="split library-detail">
        <section class="panel" aria-labelledby="preview-h">
          <h2 id="preview-h">{t('library.preview')}</h2>
          {m ? (
            <div class="email">
              <dl class="email-head">
                <div>
                  <dt>{t('library.from')}</dt>
                  <dd>{m.from ? (m.from.name ? `${m.from.name} <${m.from.email}>` : m.from.email) : t('library.noSender')}</dd>
                </div>
                <div>
                  <dt>{t('library.to')}</dt>
                  <dd>{m.to.name ? `${m.to.name} <${m.to.email}>` : m.to.email}</dd>
                </div>
                {m.subject ? (
                  <div>
                    <dt>{t('library.subject')}</dt>
                    <dd>{m.subject}</dd>
                  </div>
                ) : null}
              </dl>
              <pre class="email-body" data-email-body>
                <Linked text={m.text} />
              </pre>
            </div>
          ) : (
            <pre class="email-body">{a.current.body}</pre>
          )}
          {a.diff ? (
            <>
              <h3>{t('library.changes')}</h3>
              <DiffView ui={ui} lines={a.diff.body} subject={a.diff.subject} />
            </>
          ) : null}
        </section>

        <div>
          <section class="panel" aria-labelledby="notes-h">
            <h2 id="notes-h">{t('library.reviewerNotes')}</h2>
            {a.reviewer && a.reviewer.notes.length > 0 ? (
              <>
                <p>
                  <strong>{t(`library.verdict.${a.reviewer.verdict === 'passed' ? 'passed' : a.reviewer.verdict === 'failed' ? 'failed' : 'needs_attention'}`)}</strong>
                </p>
                <ul class="notes">
                  {a.reviewer.notes.map((n) => (
                    <li>{n}</li>
                  ))}
                </ul>
              </>
            ) : (
              <p class="muted">{a.reviewer ? t(`library.verdict.${a.reviewer.verdict === 'passed' ? 'passed' : 'needs_attention'}`) : t('library.noNotes')}</p>
            )}
          </section>

          {pending ? (
            <section class="panel decide" aria-labelledby="decide-h">
              <h2 id="decide-h">{t('library.decide')}</h2>
              <form method="post" action={`/library/${a.id}/approve`} class="inline">
                <Csrf token={csrf} />
                <input type="hidden" name="version" value={String(a.version)} />
                <button type="submit" class="primary" data-approve>
                  {t('library.approve')}
                </button>
              </form>{' '}
              <form method="post" action={`/library/${a.id}/ignore`} class="inline">
                <Csrf token={csrf} />
                <button type="submit">{t('library.ignore')}</button>
              </form>
              <details class="edit" open={Boolean(editErrors && Object.keys(editErrors).length)}>
                <summary>{t('library.editApprove')}</summary>
                <ErrorSummary ui={ui} errors={editErrors ?? {}} />
                <form method="post" action={`/library/${a.id}/approve`} novalidate>
                  <Csrf token={csrf} />
                  <input type="hidden" name="version" value={String(a.version)} />
                  <div class={`field${editErrors?.subject ? ' invalid' : ''}`}>
                    <label for="f-subject">{t('library.subject')}</label>
                    <input id="f-subject" name="subject" type="text" value={edit.subject ?? ''} aria-invalid={editErrors?.subject ? 'true' : undefined} />
                    {editErrors?.subject ? (
                      <p class="field-error" id="f-subject-err">
                        {editErrors.subject}
                      </p>
                    ) : null}
                  </div>
                  <div class={`field${editErrors?.body ? ' invalid' : ''}`}>
                    <label for="f-body">{t('library.body')}</label>
                    <textarea id="f-body" name="body" rows={14} aria-invalid={editErrors?.body ? 'true' : undefined}>
                      {edit.body ?? ''}
                    </textarea>
                    {editErrors?.body ? (
                      <p class="field-error" id="f-body-err">
                        {editErrors.body}
                      </p>
                    ) : null}
                  </div>
                  <p class="hint">{t('library.editHint')}</p>
                  <button type="submit">{t('library.seeChanges')}</button>
                </form>
              </details>
              <details class="reject" open={Boolean(rejectErrors && Object.keys(rejectErrors).length)}>
                <summary>{t('library.reject')}</summary>
                <form method="post" action={`/library/${a.id}/reject`} novalidate>
                  <Csrf token={csrf} />
                  <div class={`field${rejectErrors?.reason ? ' invalid' : ''}`}>
                    <label for="f-reason">{t('library.rejectReason')}</label>
                    <textarea
                      id="f-reason"
                      name="reason"
                      rows={3}
                      aria-invalid={rejectErrors?.reason ? 'true' : undefined}
                      aria-describedby={rejectErrors?.reason ? 'f-reason-err' : undefined}
                    ></textarea>
                    {rejectErrors?.reason ? (
                      <p class="field-error" id="f-reason-err">
                        {rejectErrors.reason}
                      </p>
                    ) : null}
                  </div>
                  {a.teammate ? (
                    <div class="field check">
                      <input id="f-sendBack" type="checkbox" name="sendBack" value="on" checked />
                      <label for="f-sendBack">{t('library.sendBack')}</label>
                    </div>
                  ) : null}
                  <button type="submit" class="danger">
                    {t('library.reject')}
                  </button>
                </form>
              </details>
            </section>
          ) : null}

          {HELD_STATUSES.includes(a.status) ? <Departure ui={ui} csrf={csrf} a={a} hold={hold ?? null} /> : null}

          {a.status === 'delivery_unknown' || a.status === 'failed' ? (
            <section class="panel" aria-labelledby="resolve-h">
              <h2 id="resolve-h">{t('library.resolve')}</h2>
              {(a.status === 'delivery_unknown' ? (['sent', 'resend', 'cancel'] as const) : (['resend', 'cancel'] as const)).map((o) => (
                <form method="post" action={`/library/${a.id}/resolve`} class="inline">
                  <Csrf token={csrf} />
                  <input type="hidden" name="outcome" value={o} />
                  <button type="submit">{t(`library.resolve.${o}`)}</button>{' '}
                </form>
              ))}
            </section>
          ) : null}

          <section class="panel" aria-labelledby="hist-h">
            <h2 id="hist-h">{t('library.history')}</h2>
            <ol class="timeline compact">
              {a.history.map((h) => (
                <li>
                  <time datetime={h.at}>{ui.fmt.dateTime(h.at)}</time>
                  <div>
                    {h.from && h.to ? `${statusLabel(ui, h.from)} → ${statusLabel(ui, h.to)}` : h.to ? statusLabel(ui, h.to) : h.action}
                    <span class="actor"> · {ui.t(`actor.${h.actor.type === 'teammate' || h.actor.type === 'system' || h.actor.type === 'rule' ? h.actor.type : 'user'}`)}</span>
                    {typeof (h.data as { reason?: unknown } | null)?.reason === 'string' && (h.data as { reason: string }).reason ? (
                      <span class="what"> — {ui.quote((h.data as { reason: string }).reason)}</span>
                    ) : null}
                  </div>
                </li>
              ))}
            </ol>
            {a.versions.length > 1 ? <p class="muted small">{a.versions.map((v) => t('library.version', { n: v.version })).join(' · ')}</p> : null}
          </section>
        </div>
      </div>
    </>
  );
}
