import { listConnectors } from '../../channels/connectors';
import { listRules } from '../../actions/rules';
import type { CrmCtx } from '../../crm/context';

// Settings → Connecteurs and auto-approve rules, read through the approval gate's own functions
// (channels/connectors.ts, actions/rules.ts). Secrets never come this way: only what is shown.
export type ConnectorItem = {
  id: string;
  version: number;
  label: string;
  fromEmail: string;
  enabled: boolean;
  /** "no TLS (local relay)": its password may travel in clear, said next to it */
  noTls: boolean;
  lastTest: { at: Date; ok: boolean; error: string | null } | null;
};
export type ConnectorsView = { available: false } | { available: true; items: ConnectorItem[] };

export async function connectorsView(ctx: CrmCtx): Promise<ConnectorsView> {
  const rows = await listConnectors(ctx);
  return {
    available: true,
    items: rows.map((c) => ({
      id: c.id,
      version: c.version,
      label: `${c.name || c.from_email} — ${c.settings.host}:${c.settings.port}`,
      fromEmail: c.from_email,
      enabled: c.enabled,
      noTls: c.settings.noTls === true,
      lastTest: c.last_test_at ? { at: c.last_test_at, ok: Boolean(c.last_test_ok), error: c.last_test_error } : null,
    })),
  };
}

export type RuleItem = {
  id: string;
  version: number;
  name: string;
  kind: string | null;
  teammate: string | null;
  reviewerPassed: boolean;
  recipientApprovedBefore: boolean;
  expiresAt: Date;
  active: boolean;
};

export async function rulesView(ctx: CrmCtx): Promise<RuleItem[]> {
  const rows = await listRules(ctx);
  const now = Date.now();
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    name: r.name,
    kind: r.kind,
    teammate: r.teammate,
    reviewerPassed: r.require_reviewer_passed,
    recipientApprovedBefore: r.require_recipient_approved_before,
    expiresAt: r.expires_at,
    active: r.enabled && r.expires_at.getTime() > now,
  }));
}
