import type { Kysely } from 'kysely';
import { payloadSchemaFor, type ActionPayload } from '../actions/payload';
import { renderEmail, type RenderedEmail } from '../actions/render-email';
import { unsubscribeToken, unsubscribeUrl } from '../actions/unsubscribe-token';
import { dispatchContext, reserveDailySends, type DispatchWorkspace } from '../db/repositories/channels';
import { transitionActions } from '../actions/transition';
import type { PerRowValues, TransitionedRow } from '../db/repositories/actions';
import type { Database } from '../db/schema';
import type { ActionKind, ChannelRow, SmtpSettings } from '../db/tables/approval';
import { payloadHash } from '../lib/canonical-hash';
import type { Logger } from '../lib/log';
import type { SecretKeys } from '../lib/secrets';
import { capFreesAt, capReason, dailyCapOf, workspaceHold } from './held';
import { localDay } from './send-window';

/**
 * ApprovedSend: the only thing a channel accepts. It can only be minted here, by `claimBatch`,
 * after the action row moved approved → sending under this worker's lease and passed every
 * send-time check. The brand makes a forged value a type error; the WeakSet makes it a runtime
 * refusal too (a cast or a structural copy is not in the set).
 */
declare const approvedSendBrand: unique symbol;

export type ChannelCredentials = Readonly<SmtpSettings & { id: string; version: number; password: string | null; fromEmail: string; fromName: string }>;

export type ApprovedSend = Readonly<{
  actionId: string;
  workspaceId: string;
  personId: string | null;
  kind: ActionKind;
  attempt: number;
  leaseOwner: string;
  approvedHash: string;
  /** the approved payload exactly as stored and hash-checked */
  payload: Readonly<Record<string, unknown>>;
  channel: ChannelCredentials;
  message: Readonly<RenderedEmail>;
  /** the SMTP timeouts' cap: well inside the lease the claim took */
  sendTimeoutMs: number;
}> & { readonly [approvedSendBrand]: true };

/** half the lease, at most 60 s (nodemailer's default); at least 1 s, which a local relay always answers within */
export const sendTimeoutMs = (leaseMs: number) => Math.min(60_000, Math.max(1000, Math.floor(leaseMs / 2)));

const minted = new WeakSet<object>();

function mint(fields: Omit<ApprovedSend, typeof approvedSendBrand>): ApprovedSend {
  const send = Object.freeze({ ...fields, payload: Object.freeze({ ...fields.payload }), message: Object.freeze({ ...fields.message }) }) as ApprovedSend;
  minted.add(send);
  return send;
}

export function assertApprovedSend(value: unknown): asserts value is ApprovedSend {
  if (typeof value !== 'object' || value === null || !minted.has(value)) {
    throw new Error('refusing to send: this is not an approved send claimed by the dispatcher');
  }
}

export type ClaimOptions = {
  owner: string;
  batchSize: number;
  leaseMs: number;
  /** false when RELAIS_SEND_WINDOW=off */
  sendWindow: boolean;
  keys: SecretKeys;
  publicUrl: string;
  logger: Logger;
};

export type ClaimResult = { sends: ApprovedSend[]; refused: number; deferred: number };

// Kinds a connected SMTP channel can carry; messages wait until a messaging channel exists.
const SMTP_KINDS: ActionKind[] = ['email', 'meeting'];

/** Decrypted credentials stay inside the dispatcher module, cached per channel version. */
const credentials = new Map<string, ChannelCredentials>();
function channelCredentials(c: ChannelRow, keys: SecretKeys): ChannelCredentials {
  const key = `${c.id}:${c.version}`;
  let creds = credentials.get(key);
  if (!creds) {
    creds = Object.freeze({ ...c.settings, id: c.id, version: c.version, password: c.secret ? keys.open(c.secret) : null, fromEmail: c.from_email, fromName: c.from_name });
    credentials.set(key, creds);
  }
  return creds;
}

/** sha256 checks: what is about to be sent is exactly what was approved. */
function integrityProblem(row: TransitionedRow): { detail: string; actualHash: string | null } | null {
  if (!row.approved_payload || !row.approved_hash) return { detail: 'no approved payload', actualHash: null };
  const approvedActual = payloadHash(row.approved_payload);
  if (approvedActual !== row.approved_hash) return { detail: 'the approved payload does not match its approved hash', actualHash: approvedActual };
  if (row.payload_hash !== row.approved_hash) return { detail: 'the current payload hash differs from the approved hash', actualHash: row.payload_hash };
  const currentActual = payloadHash(row.current_payload);
  if (currentActual !== row.payload_hash) return { detail: 'the current payload does not match its hash', actualHash: currentActual };
  return null;
}

const RECHECK_MS = 60_000;

/** A claimed row going back to wait: why, until when, and its attempt given back (waiting is not trying). */
function held(row: TransitionedRow, reason: string, at: Date, audit: Record<string, unknown>): PerRowValues {
  return { id: row.id, reason, next_attempt_at: at, attempts: Math.max(0, row.attempts - 1), audit };
}

type Decision =
  | { kind: 'send'; row: TransitionedRow; payload: ActionPayload; channel: ChannelRow; ws: DispatchWorkspace }
  | { kind: 'fail'; values: PerRowValues }
  | { kind: 'cancel'; values: PerRowValues }
  | { kind: 'defer'; values: PerRowValues };

/**
 * Claims up to `batchSize` due approved actions (FOR UPDATE SKIP LOCKED, one statement: the rows
 * become `sending` under a lease), then re-checks each at send time: payload hashes, channel
 * enabled, recipient not suppressed, sender identity, send window, daily cap (channels/held.ts).
 * Those that fail a check leave `sending` at once (failed / cancelled / scheduled, audited); the
 * rest become ApprovedSends.
 */
export async function claimBatch(db: Kysely<Database>, opts: ClaimOptions): Promise<ClaimResult> {
  const actor = { type: 'system' as const, id: `dispatcher:${opts.owner}` };
  const claimed = await transitionActions(db, {
    to: 'sending',
    actor,
    from: ['approved', 'scheduled'],
    due: true,
    kinds: SMTP_KINDS,
    withEnabledChannel: 'smtp',
    orderBy: 'next_attempt_at',
    limit: opts.batchSize,
    skipLocked: true,
    set: { lease: { owner: opts.owner, ms: opts.leaseMs }, incrementAttempts: true },
    auditAction: 'action.claimed',
  });
  if (claimed.length === 0) return { sends: [], refused: 0, deferred: 0 };

  const ctx = await dispatchContext(
    db,
    [...new Set(claimed.map((r) => r.workspace_id))],
    [...new Set(claimed.map((r) => r.recipient_hash).filter((h): h is string => h !== null))],
  );
  const now = new Date();
  const decisions: Decision[] = claimed.map((row): Decision => {
    const problem = integrityProblem(row);
    if (problem) {
      opts.logger.warn({ actionId: row.id, detail: problem.detail }, 'dispatcher refused a tampered action');
      return {
        kind: 'fail',
        values: {
          id: row.id,
          reason: 'refused: the payload no longer matches what was approved',
          last_error: problem.detail,
          audit: { refused: 'payload_hash_mismatch', detail: problem.detail, expectedHash: row.approved_hash, actualHash: problem.actualHash },
        },
      };
    }
    const parsed = payloadSchemaFor(row.kind).safeParse(row.approved_payload);
    if (!parsed.success) {
      return {
        kind: 'fail',
        values: {
          id: row.id,
          reason: 'refused: the approved payload is not valid',
          last_error: parsed.error.issues[0]?.message ?? 'invalid',
          audit: { refused: 'invalid_payload' },
        },
      };
    }
    if (row.recipient_hash && ctx.suppressed.has(`${row.workspace_id}:${row.recipient_hash}`)) {
      return { kind: 'cancel', values: { id: row.id, reason: 'the recipient opted out', audit: { refused: 'recipient_suppressed' } } };
    }
    const ws = ctx.workspaces.get(row.workspace_id);
    const channel = ctx.channelByWorkspace.get(row.workspace_id);
    const hold = workspaceHold(ws, channel, now, opts.sendWindow);
    if (hold || !ws || !channel) {
      const why = hold ?? { code: 'no_channel', reason: 'no channel connected', until: null };
      // a hold with no known end is looked at again in a minute; a change of its cause re-queues it sooner
      const at = why.until ?? new Date(now.getTime() + RECHECK_MS);
      return { kind: 'defer', values: held(row, why.reason, at, { deferred: why.code, ...(why.until ? { until: at.toISOString() } : {}) }) };
    }
    return { kind: 'send', row, payload: parsed.data, channel, ws };
  });

  // Per-mailbox daily cap, reserved atomically so concurrent workers never overshoot it.
  const byChannel = new Map<string, Extract<Decision, { kind: 'send' }>[]>();
  for (const d of decisions) if (d.kind === 'send') byChannel.set(d.channel.id, [...(byChannel.get(d.channel.id) ?? []), d]);
  const sendable: Extract<Decision, { kind: 'send' }>[] = [];
  const overCap: PerRowValues[] = [];
  for (const group of byChannel.values()) {
    const { channel, ws } = group[0];
    const cap = dailyCapOf(ws, channel);
    const granted = await reserveDailySends(db, channel.id, localDay(now, ws.timezone), group.length, cap);
    sendable.push(...group.slice(0, granted));
    if (granted < group.length) {
      const at = capFreesAt(ws, now, opts.sendWindow);
      for (const d of group.slice(granted)) overCap.push(held(d.row, capReason(cap), at, { deferred: 'daily_cap', cap }));
    }
  }

  const release = { lease: null };
  const pick = (k: Decision['kind']) => decisions.flatMap((d) => (d.kind === k && d.kind !== 'send' ? [d.values] : []));
  const failed = pick('fail');
  const cancelled = pick('cancel');
  const deferred = [...pick('defer'), ...overCap];
  if (failed.length) await transitionActions(db, { to: 'failed', actor, from: ['sending'], leaseOwner: opts.owner, perRow: failed, set: release, auditAction: 'action.refused' });
  if (cancelled.length)
    await transitionActions(db, { to: 'cancelled', actor, from: ['sending'], leaseOwner: opts.owner, perRow: cancelled, set: release, auditAction: 'action.refused' });
  if (deferred.length)
    await transitionActions(db, { to: 'scheduled', actor, from: ['sending'], leaseOwner: opts.owner, perRow: deferred, set: release, auditAction: 'action.deferred' });

  const sends = sendable.map(({ row, payload, channel, ws }) => {
    const creds = channelCredentials(channel, opts.keys);
    const sender = { email: creds.fromEmail, name: creds.fromName };
    const message = renderEmail({
      actionId: row.id,
      kind: row.kind,
      payload,
      workspace: { legalName: ws.legal_name, address: ws.address, siret: ws.siret },
      sender,
      unsubscribeUrl: unsubscribeUrl(opts.publicUrl, unsubscribeToken(opts.keys, row.workspace_id, row.id)),
      stampAt: row.approved_at ?? now,
    });
    return mint({
      actionId: row.id,
      workspaceId: row.workspace_id,
      personId: row.person_id,
      kind: row.kind,
      attempt: row.attempts,
      leaseOwner: opts.owner,
      approvedHash: row.approved_hash!,
      payload: row.approved_payload!,
      channel: creds,
      message,
      sendTimeoutMs: sendTimeoutMs(opts.leaseMs),
    });
  });
  return { sends, refused: failed.length + cancelled.length, deferred: deferred.length };
}
