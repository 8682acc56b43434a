import { z } from 'zod';
import { UuidSchema } from '../crm/schemas';
import { defineOutboundTool } from './registry';

// The outbound tools. Calling any of them from a graph, the API or the CLI records an action
// (status pending_approval by default) and returns { actionId, status }; it never sends.
const target = {
  personId: UuidSchema.describe('the recipient (a lead or contact with an email address)'),
  companyId: UuidSchema.optional(),
  dealId: UuidSchema.optional(),
  language: z.enum(['fr', 'en']).optional(),
  sequenceStep: z.number().int().min(1).max(100).optional(),
};

export const sendEmail = defineOutboundTool({
  name: 'send_email',
  description: 'Propose an email to a person. A human approves it before anything is sent.',
  input: z.object({ ...target, subject: z.string().min(1).max(300), body: z.string().min(1).max(20_000) }).strict(),
  toProposal: (i) => ({ kind: 'email', ...i }),
});

export const sendMessage = defineOutboundTool({
  name: 'send_message',
  description: 'Propose a short message to a person (sent once a messaging channel is connected and a human approves).',
  input: z.object({ ...target, body: z.string().min(1).max(5_000) }).strict(),
  toProposal: (i) => ({ kind: 'message', ...i }),
});

export const bookMeeting = defineOutboundTool({
  name: 'book_meeting',
  description: 'Propose a meeting: an email carrying an ICS invitation, sent after a human approves.',
  input: z
    .object({
      ...target,
      subject: z.string().min(1).max(300),
      body: z.string().min(1).max(20_000),
      startsAt: z.iso.datetime({ offset: true }),
      durationMinutes: z.number().int().min(5).max(480),
      location: z.string().max(300).optional(),
    })
    .strict(),
  toProposal: (i) => ({ kind: 'meeting', ...i }),
});
