import type { CrmCtx } from '../crm/context';
import { findAction, markActionDueNow } from '../db/repositories/actions';
import { appendAudit } from '../db/repositories/audit';
import { dailySendsOf, dispatchContext, type DispatchWorkspace } from '../db/repositories/channels';
import type { ActionStatus, ChannelRow } from '../db/tables/approval';
import { senderIdentityGap } from '../identity/profile';
import { AppError, conflict, notFound } from '../lib/errors';
import { DEFAULT_DAILY_CAP, DEFAULT_WINDOW, isOpen, localDay, nextLocalDay, nextOpening } from './send-window';

// Held emails: approved, but waiting for something of the workspace's (a connected channel, the
// sender's legal identity, the send window, the mailbox's daily cap). The dispatcher checks these
// when it claims (dispatcher-claim.ts); the Library asks the same questions to say why an email
// waits and whether "send now" can work; a change of any cause re-queues the held emails at once
// (requeueHeldActions, in the transaction of the change).

export type HoldCode = 'no_channel' | 'sender_identity' | 'send_window' | 'daily_cap';
/** Why the workspace's emails cannot leave now; `until` when it is known (the window opens, the cap resets). */
export type Hold = { code: HoldCode; reason: string; until: Date | null };

/** The workspace-wide checks, in the dispatcher's order (the daily cap is reserved per batch at claim). */
export function workspaceHold(ws: DispatchWorkspace | undefined, channel: ChannelRow | undefined, now: Date, sendWindow: boolean): Hold | null {
  if (!ws || !channel) return { code: 'no_channel', reason: 'no channel connected', until: null };
  // the law (LCEN, CPCE L34-5) wants every prospecting email to say who sends it: the workspace's
  // legal name and address, in the footer. Until they are filled in, it waits.
  const gap = senderIdentityGap({ legalName: ws.legal_name, address: ws.address });
  if (gap) {
    const reason =
      gap === 'placeholder'
        ? 'sender identity incomplete: the legal name is still the first-start placeholder; enter yours in Settings'
        : 'sender identity incomplete: add the legal name and address in Settings';
    return { code: 'sender_identity', reason, until: null };
  }
  if (sendWindow) {
    const window = ws.settings.sendWindow ?? DEFAULT_WINDOW;
    if (!isOpen(window, ws.timezone, now)) {
      return { code: 'send_window', reason: 'outside the send window', until: nextOpening(window, ws.timezone, now) ?? new Date(now.getTime() + 86_400_000) };
    }
  }
  return null;
}

export const dailyCapOf = (ws: DispatchWorkspace, channel: ChannelRow) => channel.daily_cap ?? ws.settings.dailyCap ?? DEFAULT_DAILY_CAP;

/** A full daily cap frees up on the next local day, at the window's opening when the window applies. */
export function capFreesAt(ws: DispatchWorkspace, now: Date, sendWindow: boolean): Date {
  const tomorrow = nextLocalDay(now, ws.timezone);
  return sendWindow ? (nextOpening(ws.settings.sendWindow ?? DEFAULT_WINDOW, ws.timezone, tomorrow) ?? tomorrow) : tomorrow;
}

export const capReason = (cap: number) => `daily cap of ${cap} emails reached for this mailbox`;

/** Whether the workspace's held emails could leave right now, the daily cap included: null, or why not. */
export async function currentHold(ctx: CrmCtx, opts: { sendWindow: boolean; now?: Date }): Promise<Hold | null> {
  const now = opts.now ?? new Date();
  const dc = await dispatchContext(ctx.db, [ctx.workspaceId], []);
  const ws = dc.workspaces.get(ctx.workspaceId);
  const channel = dc.channelByWorkspace.get(ctx.workspaceId);
  const hold = workspaceHold(ws, channel, now, opts.sendWindow);
  if (hold || !ws || !channel) return hold;
  const cap = dailyCapOf(ws, channel);
  if ((await dailySendsOf(ctx.db, channel.id, localDay(now, ws.timezone))) >= cap)
    return { code: 'daily_cap', reason: capReason(cap), until: capFreesAt(ws, now, opts.sendWindow) };
  return null;
}

/** Statuses "send now" applies to: approved (not claimed yet) or scheduled (held). */
const HELD: readonly ActionStatus[] = ['approved', 'scheduled'];

export type SendNowResult = { id: string; status: ActionStatus; version: number };

/**
 * "Send now": a held email is due at once, when nothing of the workspace's holds it any more
 * (409 saying why otherwise: outside the send window, cap reached, no channel, identity missing).
 * It changes no status and bypasses no check: the dispatcher claims it within a second and checks
 * everything again.
 */
export async function sendNow(ctx: CrmCtx, id: string, opts: { sendWindow: boolean }): Promise<SendNowResult> {
  if (ctx.actor.type !== 'user') throw new AppError('forbidden', 'only a person can send a held email now');
  const a = await findAction(ctx.db, ctx.workspaceId, id);
  if (!a) throw notFound('action');
  if (!HELD.includes(a.status)) throw conflict(`this action is ${a.status}: only an approved email that has not left yet can be sent now`, { status: a.status });
  if (a.kind === 'message') throw conflict('no channel connected for messages: it cannot be sent now', { hold: 'no_channel' });
  const hold = await currentHold(ctx, opts);
  if (hold) {
    const until = hold.until ? ` (until ${hold.until.toISOString()})` : '';
    throw conflict(`it cannot be sent now: ${hold.reason}${until}`, { hold: hold.code, until: hold.until?.toISOString() ?? null });
  }
  const row = await ctx.db.transaction().execute(async (tx) => {
    const due = await markActionDueNow(tx, ctx.workspaceId, id);
    if (due) {
      await appendAudit(tx, {
        workspaceId: ctx.workspaceId,
        actor: ctx.actor,
        action: 'action.send_now',
        subjectType: 'action',
        subjectId: id,
        data: { status: due.status, heldUntil: a.next_attempt_at?.toISOString() ?? null, heldBecause: a.reason },
      });
    }
    return due;
  });
  if (!row) {
    const now = await findAction(ctx.db, ctx.workspaceId, id);
    throw conflict(`this action is ${now?.status ?? 'gone'}: it left the queue meanwhile`, { status: now?.status ?? null });
  }
  return { id, status: row.status, version: row.version };
}
