import { Hono, type Context } from 'hono';
import { approveAction, bulkDecide, cancelAction, ignoreAction, rejectAction, resolveAction, type Resolution } from '../../actions/decide';
import { getActionDetail, listActionsPage } from '../../actions/queries';
import { hasActiveRule, listRules, ruleApprovalsSince } from '../../actions/rules';
import { currentHold, sendNow } from '../../channels/held';
import { AppError } from '../../lib/errors';
import { UUID_RE } from '../../lib/ids';
import { diffLines } from '../../lib/line-diff';
import { EditablePayloadSchema, isLibraryStatus, ShownMessageSchema } from '../data/library';
import type { PortalEnv } from '../env';
import { flashKey, idParam, listQuery } from '../forms/query';
import { formList, formStrings, formVersion, type RawForm } from '../forms/values';
import { renderPage } from '../views/render';
import type { FieldErrors, FormValues } from '../views/ui';
import { LibraryDetail, LibraryList, type DetailData, type RulesShown, type ShownHold } from './library-views';

type C = Context<PortalEnv>;
const PAGE = 25;
/** How far back the Library tells what auto-approve rules approved. */
const RULE_LOOKBACK_MS = 7 * 86_400_000;

const sendWindowOn = (c: C) => c.get('deps').config.RELAIS_SEND_WINDOW === 'on';

/** Why held emails cannot leave now (the dispatcher's own checks), as the page shows it. */
async function shownHold(c: C): Promise<ShownHold | null> {
  const hold = await currentHold(c.get('crm'), { sendWindow: sendWindowOn(c) });
  return hold ? { reason: hold.reason, until: hold.until?.toISOString() ?? null } : null;
}

/** Rule names by id (a handful per workspace). */
async function ruleNames(c: C): Promise<Map<string, string | null>> {
  return new Map((await listRules(c.get('crm'))).map((r) => [r.id, r.name || null]));
}

/** What the Library says about auto-approve rules: one in force, what they approved lately, their names. */
async function rulesShown(c: C): Promise<RulesShown> {
  const ctx = c.get('crm');
  const [active, recent, names] = await Promise.all([hasActiveRule(ctx), ruleApprovalsSince(ctx, new Date(Date.now() - RULE_LOOKBACK_MS)), ruleNames(c)]);
  return { active, recent, names };
}

async function list(c: C) {
  const ui = c.get('ui');
  const ctx = c.get('crm');
  const q = listQuery(c, ['status'] as const);
  const status = isLibraryStatus(q.status) ? q.status : 'pending_approval';
  const [page, rules, hold] = await Promise.all([
    listActionsPage(ctx, { status, cursor: q.cursor, limit: PAGE }),
    rulesShown(c),
    status === 'approved' || status === 'scheduled' ? shownHold(c) : Promise.resolve(null),
  ]);
  const bulk = /^(\d+)-(\d+)$/.exec(c.req.query('bulk') ?? '');
  const flash = flashKey(c);
  return renderPage(
    c,
    { title: ui.t('library.title'), section: 'library', attention: page.needsAttention },
    <LibraryList
      ui={ui}
      csrf={c.get('viewer').csrf}
      status={status}
      counts={page.counts}
      items={page.items}
      nextCursor={page.nextCursor}
      cursor={q.cursor}
      channelConnected={page.channelConnected}
      admin={c.get('viewer').role === 'admin'}
      rules={rules}
      hold={hold}
      flash={bulk ? ui.t('library.bulkDone', { ok: bulk[1], failed: bulk[2] }) : flash ? ui.t(flash) : null}
      error={c.req.query('err') === 'none' ? ui.t('library.bulkNone') : null}
    />,
  );
}

async function detailData(c: C, id: string): Promise<DetailData> {
  const d = await getActionDetail(c.get('crm'), id, c.get('deps').config);
  const current = EditablePayloadSchema.safeParse(d.payloads.current);
  const message = ShownMessageSchema.safeParse(d.message);
  const ruleId = d.approvedBy?.type === 'rule' ? d.approvedBy.ruleId : null;
  return {
    id: d.id,
    kind: d.kind,
    status: d.status,
    version: d.version,
    teammate: d.teammate,
    reviewer: d.reviewer,
    reason: d.reason,
    waitingReason: d.waitingReason,
    lastError: d.lastError,
    expiresAt: d.expiresAt,
    nextAttemptAt: d.status === 'approved' || d.status === 'scheduled' ? d.nextAttemptAt : null,
    rule: ruleId ? { id: ruleId, name: (await ruleNames(c)).get(ruleId) ?? null } : null,
    revisionRequestedAt: d.revisionRequestedAt,
    current: current.success ? { subject: current.data.subject ?? '', body: current.data.body } : { subject: '', body: '' },
    message: message.success ? message.data : null,
    diff: d.diff ? { subject: d.diff.subject, body: d.diff.body } : null,
    versions: d.versions,
    history: d.history,
  };
}

type Extra = {
  review?: { values: FormValues; diff: ReturnType<typeof diffLines>; subjectBefore: string; subjectAfter: string } | null;
  editErrors?: FieldErrors;
  editValues?: FormValues | null;
  rejectErrors?: FieldErrors;
  error?: string | null;
  status?: 200 | 400 | 409;
};

/** The errors a decision redirects with (?err=…), in words. */
const ERRORS = { conflict: 'library.conflict', expired: 'library.expiredApprove', held: 'library.sendNowRefused' } as const;

async function detail(c: C, id: string, extra: Extra = {}) {
  const ui = c.get('ui');
  const a = await detailData(c, id);
  const hold = a.status === 'approved' || a.status === 'scheduled' ? await shownHold(c) : null;
  const flash = flashKey(c);
  const err = c.req.query('err');
  return renderPage(
    c,
    { title: a.current.subject || ui.t('library.title'), section: 'library', status: extra.status },
    <LibraryDetail
      ui={ui}
      csrf={c.get('viewer').csrf}
      a={a}
      flash={flash ? ui.t(flash) : null}
      error={extra.error ?? (err === 'conflict' || err === 'expired' || err === 'held' ? ui.t(ERRORS[err]) : null)}
      review={extra.review ?? null}
      editErrors={extra.editErrors}
      editValues={extra.editValues ?? null}
      rejectErrors={extra.rejectErrors}
      hold={hold}
    />,
  );
}

/** A decision that lost a race (someone else decided, a new version arrived, it expired) goes back to the page. */
function raced(c: C, id: string, err: unknown) {
  if (err instanceof AppError && err.code === 'conflict') {
    const expired = (err.details as { from?: unknown } | null)?.from === 'expired';
    return c.redirect(`/library/${id}?err=${expired ? 'expired' : 'conflict'}`, 303);
  }
  throw err;
}

export const libraryRoutes = new Hono<PortalEnv>()
  .get('/library', (c) => list(c))
  .get('/library/:id', (c) => detail(c, idParam(c, 'action')))
  /**
   * Approve, or edit then approve. An edit is shown as a diff first; approving it is a second,
   * explicit click (confirm=1), so nobody approves a change they have not seen.
   */
  .post('/library/:id/approve', async (c) => {
    const ui = c.get('ui');
    const id = idParam(c, 'action');
    const v = formStrings((await c.req.parseBody()) as RawForm);
    const version = formVersion(v.version);
    const edited = v.body !== undefined;
    try {
      if (!edited) {
        await approveAction(c.get('crm'), id, { version });
        return c.redirect(`/library/${id}?ok=approved`, 303);
      }
      const a = await detailData(c, id);
      const errors: FieldErrors = {};
      if (!v.body) errors.body = ui.t('err.required');
      if (a.current.subject && !v.subject) errors.subject = ui.t('err.required');
      if (v.subject && v.subject.length > 300) errors.subject = ui.t('err.tooLong');
      if (Object.keys(errors).length) return detail(c, id, { editErrors: errors, editValues: v, status: 400 });
      const subject = a.current.subject ? v.subject : undefined;
      const changed = v.body !== a.current.body || (subject !== undefined && subject !== a.current.subject);
      if (changed && v.confirm !== '1') {
        return detail(c, id, {
          review: { values: v, diff: diffLines(a.current.body, v.body ?? ''), subjectBefore: a.current.subject, subjectAfter: subject ?? '' },
          editValues: v,
        });
      }
      await approveAction(c.get('crm'), id, { version, payload: changed ? { subject, body: v.body } : undefined });
      return c.redirect(`/library/${id}?ok=approved`, 303);
    } catch (err) {
      return raced(c, id, err);
    }
  })
  .post('/library/:id/reject', async (c) => {
    const ui = c.get('ui');
    const id = idParam(c, 'action');
    const v = formStrings((await c.req.parseBody()) as RawForm);
    if (!v.reason) return detail(c, id, { rejectErrors: { reason: ui.t('library.reasonRequired') }, status: 400 });
    if (v.reason.length > 2000) return detail(c, id, { rejectErrors: { reason: ui.t('err.tooLong') }, status: 400 });
    try {
      const r = await rejectAction(c.get('crm'), id, { reason: v.reason, sendBack: v.sendBack === 'on' });
      return c.redirect(`/library?status=pending_approval&ok=${r.status === 'draft' ? 'sentBack' : 'rejected'}`, 303);
    } catch (err) {
      return raced(c, id, err);
    }
  })
  .post('/library/:id/ignore', async (c) => {
    const id = idParam(c, 'action');
    try {
      await ignoreAction(c.get('crm'), id);
      return c.redirect('/library?status=pending_approval&ok=ignored', 303);
    } catch (err) {
      return raced(c, id, err);
    }
  })
  .post('/library/:id/resolve', async (c) => {
    const id = idParam(c, 'action');
    const v = formStrings((await c.req.parseBody()) as RawForm);
    const outcome = (['sent', 'resend', 'cancel'] as const).find((o) => o === v.outcome);
    if (!outcome) return c.redirect(`/library/${id}`, 303);
    try {
      await resolveAction(c.get('crm'), id, outcome satisfies Resolution);
      return c.redirect(`/library/${id}?ok=saved`, 303);
    } catch (err) {
      return raced(c, id, err);
    }
  })
  /** A held email leaves now when nothing holds it any more; otherwise its page says why not. */
  .post('/library/:id/send-now', async (c) => {
    const id = idParam(c, 'action');
    try {
      await sendNow(c.get('crm'), id, { sendWindow: sendWindowOn(c) });
      return c.redirect(`/library/${id}?ok=sendNow`, 303);
    } catch (err) {
      if (err instanceof AppError && err.code === 'conflict') return c.redirect(`/library/${id}?err=held`, 303);
      throw err;
    }
  })
  /** Withdraw an approved email that has not left; once sending has begun it is too late (409 → the page says it changed). */
  .post('/library/:id/cancel', async (c) => {
    const id = idParam(c, 'action');
    try {
      await cancelAction(c.get('crm'), id);
      return c.redirect(`/library/${id}?ok=cancelled`, 303);
    } catch (err) {
      return raced(c, id, err);
    }
  })
  /** Approve many at once, across teammates and runs; one result per draft. */
  .post('/library/bulk', async (c) => {
    const body = (await c.req.parseBody({ all: true })) as RawForm;
    // only UUIDs reach the database (a 36-character string of dashes is no id)
    const ids = formList(body, 'ids').filter((x) => UUID_RE.test(x));
    if (ids.length === 0) return c.redirect('/library?status=pending_approval&err=none', 303);
    const results = await bulkDecide(c.get('crm'), { op: 'approve', ids });
    const ok = results.filter((r) => r.ok).length;
    return c.redirect(`/library?status=pending_approval&bulk=${ok}-${results.length - ok}`, 303);
  });
