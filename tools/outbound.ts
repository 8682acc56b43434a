import { ApiProposalSchema } from '../actions/payload';
import { defineOutboundTool } from './registry';

// The outbound tool. Calling it records an action (pending approval) and returns
// { actionId, status }; it never sends. Its input is the approval gate's own email proposal
// (actions/payload.ts), so a tool call and an API proposal are validated by one schema.
const EmailProposal = ApiProposalSchema.options[0].omit({ kind: true, idempotencyKey: true });

export const sendEmail = defineOutboundTool({
  name: 'send_email',
  description: 'Propose an email to a person. A human approves it before anything is sent.',
  input: EmailProposal,
  toProposal: (i) => ({ kind: 'email', ...i }),
});
