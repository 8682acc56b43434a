// RFC 3464 delivery status notifications: a multipart/report whose report-type is
// delivery-status carries one message/delivery-status part with a block of fields per
// recipient. `Action: failed` with a 5.x.x status is permanent; `delayed` or 4.x.x is not.

export type BounceKind = 'bounce_hard' | 'bounce_soft';

export type RecipientStatus = { recipient?: string; action: string; status?: string; diagnostic?: string };

const FIELD = /^([A-Za-z][A-Za-z0-9-]{0,60})\s*:\s*(.*)$/;
const STATUS = /\b([245])\.\d{1,3}\.\d{1,3}\b/;

/** The per-recipient blocks of a message/delivery-status body (the per-message block is skipped). */
export function readDeliveryStatus(body: string): RecipientStatus[] {
  const out: RecipientStatus[] = [];
  // fields are folded like headers: unfold, then split into blank-line separated blocks
  const blocks = body
    .replace(/\r\n?/g, '\n')
    .replace(/\n[ \t]+/g, ' ')
    .split(/\n\s*\n/);
  for (const block of blocks) {
    const fields = new Map<string, string>();
    for (const line of block.split('\n')) {
      const m = FIELD.exec(line.slice(0, 2000));
      if (m) fields.set(m[1].toLowerCase(), m[2].trim());
    }
    const action = fields.get('action');
    if (!action) continue;
    const recipient = fields
      .get('final-recipient')
      ?.replace(/^[^;]*;\s*/, '')
      .toLowerCase();
    out.push({ action: action.toLowerCase(), recipient, status: STATUS.exec(fields.get('status') ?? '')?.[0], diagnostic: fields.get('diagnostic-code') });
  }
  return out;
}

/** One recipient's verdict, or null when it was delivered, relayed or expanded. */
export function bounceOf(r: RecipientStatus): BounceKind | null {
  const cls = r.status?.[0];
  if (r.action === 'failed') return cls === '4' ? 'bounce_soft' : 'bounce_hard';
  if (r.action === 'delayed' || cls === '4') return 'bounce_soft';
  return null;
}

/** The report's verdict: hard when any recipient failed for good, soft when only delayed. */
export function bounceOfReport(statuses: RecipientStatus[]): BounceKind | null {
  const kinds = statuses.map(bounceOf);
  if (kinds.includes('bounce_hard')) return 'bounce_hard';
  return kinds.includes('bounce_soft') ? 'bounce_soft' : null;
}

export function isDeliveryReport(contentType: string): boolean {
  return /^multipart\/report\b/i.test(contentType) && /report-type\s*=\s*"?delivery-status/i.test(contentType);
}
