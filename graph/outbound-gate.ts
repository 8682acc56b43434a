import { findToolCallAction } from '../actions/propose';
import { reviseAction } from '../actions/revise';
import { runTool, toolRegistry, type ToolContext } from '../tools';
import { OutboundResultSchema } from '../tools/registry';
import type { OutboundGate, ReviewerVerdict } from './outbound';

// The Approval gate as the teammates' outbound port. A final draft is the `send_email` tool
// of the registry, called with the run's origin and the reviewer's verdict: the tool is
// intercepted into an action (proposeOutbound), it never sends. A draft that failed its
// review rounds is pending approval too, flagged needs_attention with the notes.

const verdictOf = (r: ReviewerVerdict) => ({ verdict: r.verdict === 'pass' ? ('passed' as const) : ('needs_attention' as const), notes: r.notes });

export const approvalGate: OutboundGate = {
  async findQueued(ctx, origin) {
    const row = await findToolCallAction(ctx, origin.teammate, origin);
    if (!row) return null;
    const text = (v: unknown) => (typeof v === 'string' ? v : '');
    return {
      actionId: row.id,
      status: row.status,
      subject: text(row.current_payload.subject),
      body: text(row.current_payload.body),
      passed: row.reviewer?.verdict === 'passed',
      notes: row.reviewer?.notes ?? [],
    };
  },
  async proposeEmail(ctx, p) {
    const toolCtx: ToolContext = { crm: ctx, origin: p.origin, reviewer: verdictOf(p.reviewer), initialStatus: 'pending_approval' };
    const out = OutboundResultSchema.parse(await runTool(toolRegistry, toolCtx, 'send_email', { personId: p.personId, subject: p.subject, body: p.body, language: p.language }));
    return { actionId: out.actionId, status: out.status };
  },
  async reviseEmail(ctx, actionId, p) {
    const reviewer = verdictOf(p.reviewer);
    const r = await reviseAction(ctx, actionId, {
      subject: p.subject,
      body: p.body,
      reviewer: { verdict: reviewer.verdict, notes: [...p.humanNotes.map((n) => `owner: ${n}`), ...reviewer.notes] },
      status: 'pending_approval',
    });
    return { actionId: r.actionId, status: r.status };
  },
};
