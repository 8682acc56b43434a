import { replies, type RunSummary } from '../../../prompts';
import { ruleApprovalsAmong } from '../../../actions/rules';
import type { RunScope, TeammateDeps } from '../../../graph/deps';
import type { SupervisorStateType, SupervisorUpdate } from '../state';

/**
 * The teammate's answer in Chat: what was found, drafted, flagged, failed — or the answer. Drafts
 * an auto-approve rule approved are told apart: they do not wait for anyone's approval.
 */
export function respondNode(deps: TeammateDeps, run: RunScope) {
  return async (s: SupervisorStateType): Promise<SupervisorUpdate> => {
    const plan = s.plan;
    if (!plan) return {};
    const say = replies(plan.replyLanguage);
    let content: string;
    if (plan.route === 'ask') {
      content = s.answer ?? say.ask.unknown;
    } else if (plan.route === 'prospect' || plan.route === 'draft') {
      const outcomes = s.outcomes.filter((o) => o.requestId === s.request.requestId);
      const failed = outcomes.filter((o) => o.status === 'failed');
      const ids = outcomes.flatMap((o) => (o.actionId ? [o.actionId] : []));
      const byRule = await ruleApprovalsAmong({ db: deps.db.kysely, workspaceId: s.workspaceId }, ids);
      const ruled = new Set(byRule.flatMap((r) => r.actionIds));
      const waiting = outcomes.filter((o) => !o.actionId || !ruled.has(o.actionId));
      const summary: RunSummary = {
        mode: run.mode,
        query: plan.query,
        found: s.leads?.found ?? 0,
        created: s.leads?.created ?? 0,
        known: s.leads?.known ?? 0,
        optedOut: (s.leads?.optedOut ?? 0) + outcomes.filter((o) => o.status === 'skipped').length,
        alreadyDrafted: s.leads?.alreadyDrafted ?? 0,
        noEmail: outcomes.filter((o) => o.status === 'no_email').length,
        queued: waiting.filter((o) => o.status === 'queued').length,
        needsAttention: waiting.filter((o) => o.status === 'needs_attention').length,
        failed: failed.length,
        failures: [...new Set(failed.map((o) => o.error ?? '?'))].slice(0, 3),
        draftRequested: plan.route === 'draft' || plan.draft,
        // drafts written without the owner's offer or signature read generic: say where to add them
        voiceIncomplete: !s.profile?.offer?.trim() || !s.profile?.signature?.trim(),
        autoApproved: byRule.map((r) => ({ rule: r.ruleName, count: r.approved })),
      };
      content = plan.route === 'prospect' ? say.prospect(summary) : say.segment(summary);
      await run.emit('drafts_queued', { queued: summary.queued, needsAttention: summary.needsAttention, failed: summary.failed, autoApproved: ruled.size });
    } else {
      content = plan.question;
    }
    return { messages: [{ role: 'assistant', content }], answer: content };
  };
}
