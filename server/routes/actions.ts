import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { approveAction, BULK_MAX, bulkDecide, cancelAction, ignoreAction, rejectAction, resolveAction } from '../../actions/decide';
import { ActionDetailDtoSchema, ActionDtoSchema, actionDto, ActionPageSchema, BulkDecisionDtoSchema, ProposedActionDtoSchema } from '../../actions/dto';
import { ApiProposalSchema, PayloadEditSchema } from '../../actions/payload';
import { proposeOutbound } from '../../actions/propose';
import { sendNow } from '../../channels/held';
import { ActionListQuery, getActionDetail, listActionsPage } from '../../actions/queries';
import { UuidSchema, VersionSchema } from '../../crm/schemas';
import { findAction, statusCounts } from '../../db/repositories/actions';
import { notFound } from '../../lib/errors';
import { IdParam, jsonBody, responses, router, security } from '../openapi';
import type { CrmCtx } from '../../crm/context';

// The Library API: the same gate as the teammates (POST proposes, never sends), human
// decisions one by one or in bulk, and the full story of each action.
const tags = ['Library'];
const optionalBody = <T extends z.ZodType>(schema: T) => ({ required: false, content: { 'application/json': { schema } } });

const ApproveSchema = z.object({ payload: PayloadEditSchema.optional(), version: VersionSchema.optional() }).strict();
const RejectSchema = z.object({ reason: z.string().trim().min(1, 'is required').max(2000), sendBack: z.boolean().default(false) }).strict();
const CancelSchema = z.object({ reason: z.string().trim().min(1).max(2000).optional() }).strict();
const ResolveSchema = z.object({ outcome: z.enum(['sent', 'resend', 'cancel']) }).strict();
const BulkSchema = z
  .object({
    op: z.enum(['approve', 'reject', 'ignore']),
    ids: z.array(UuidSchema).min(1, 'must name at least one action').max(BULK_MAX, `at most ${BULK_MAX} actions per call`),
    reason: z.string().trim().min(1).max(2000).optional(),
    sendBack: z.boolean().optional(),
  })
  .strict()
  .refine((b) => b.op !== 'reject' || Boolean(b.reason), { message: 'is required to reject', path: ['reason'] });

async function actionBody(ctx: CrmCtx, id: string) {
  const [a, { hasChannel }] = await Promise.all([findAction(ctx.db, ctx.workspaceId, id), statusCounts(ctx.db, ctx.workspaceId)]);
  if (!a) throw notFound('action');
  return actionDto(a, hasChannel);
}

export const actionsRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/actions',
      tags,
      security,
      request: { query: ActionListQuery },
      responses: responses({ 200: 'a page of actions with counts per status' }, ActionPageSchema),
    }),
    async (c) => c.json(await listActionsPage(c.get('crm'), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/actions',
      tags,
      security,
      description: 'Propose an outbound action (it waits for approval; nothing is sent). An Idempotency-Key header makes retries return the same action.',
      request: { body: jsonBody(ApiProposalSchema) },
      responses: responses({ 201: 'proposed', 200: 'the same action (idempotent retry)', 409: 'the recipient opted out' }, ProposedActionDtoSchema),
    }),
    async (c) => {
      const crm = c.get('crm');
      const body = c.req.valid('json');
      const header = c.req.header('idempotency-key');
      const r = await proposeOutbound(crm, { ...body, idempotencyKey: body.idempotencyKey ?? (header ? header.slice(0, 200) : undefined) });
      return c.json({ ...(await actionBody(crm, r.actionId)), created: r.created }, r.created ? 201 : 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/actions/bulk',
      tags,
      security,
      description: `Approve, reject or ignore up to ${BULK_MAX} actions; approving more than 50 at once is admin-only.`,
      request: { body: jsonBody(BulkSchema) },
      responses: responses({ 200: 'one result per id', 403: 'admin-only above 50 approvals' }, BulkDecisionDtoSchema),
    }),
    async (c) => {
      const results = await bulkDecide(c.get('crm'), c.req.valid('json'));
      const ok = results.filter((r) => r.ok).length;
      return c.json({ results, summary: { ok, failed: results.length - ok } }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/actions/{id}',
      tags,
      security,
      request: { params: IdParam },
      responses: responses({ 200: 'the action, its rendered message, versions, diff and history' }, ActionDetailDtoSchema),
    }),
    async (c) => c.json(await getActionDetail(c.get('crm'), c.req.valid('param').id, c.get('deps').config), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/actions/{id}/approve',
      tags,
      security,
      description:
        'Approve; with `payload` = edit and approve (a new version; proposed and approved payloads are both kept). `version` guards against approving a draft that changed.',
      request: { params: IdParam, body: optionalBody(ApproveSchema) },
      responses: responses({ 200: 'approved', 409: 'not pending approval, or changed since read' }, ActionDtoSchema),
    }),
    async (c) => {
      const crm = c.get('crm');
      const id = c.req.valid('param').id;
      const body = c.req.valid('json') as z.infer<typeof ApproveSchema>;
      await approveAction(crm, id, { payload: body.payload, version: body.version });
      return c.json(await actionBody(crm, id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/actions/{id}/reject',
      tags,
      security,
      description: 'Reject; with `sendBack: true` the reason goes to the drafting teammate, who makes a new version of the same action.',
      request: { params: IdParam, body: jsonBody(RejectSchema) },
      responses: responses({ 200: 'rejected or sent back', 409: 'not pending approval' }, ActionDtoSchema),
    }),
    async (c) => {
      const crm = c.get('crm');
      const id = c.req.valid('param').id;
      await rejectAction(crm, id, c.req.valid('json'));
      return c.json(await actionBody(crm, id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/actions/{id}/ignore',
      tags,
      security,
      request: { params: IdParam },
      responses: responses({ 200: 'ignored', 409: 'not pending approval' }, ActionDtoSchema),
    }),
    async (c) => {
      const crm = c.get('crm');
      const id = c.req.valid('param').id;
      await ignoreAction(crm, id);
      return c.json(await actionBody(crm, id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/actions/{id}/cancel',
      tags,
      security,
      description: 'Withdraw an action that has not been handed to a channel yet.',
      request: { params: IdParam, body: optionalBody(CancelSchema) },
      responses: responses({ 200: 'cancelled', 409: 'already sent or being sent' }, ActionDtoSchema),
    }),
    async (c) => {
      const crm = c.get('crm');
      const id = c.req.valid('param').id;
      await cancelAction(crm, id, (c.req.valid('json') as z.infer<typeof CancelSchema>).reason);
      return c.json(await actionBody(crm, id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/actions/{id}/send-now',
      tags,
      security,
      description:
        'Send a held email (approved, or scheduled by the send window, the daily cap, a missing channel or sender identity) at once. Only when nothing holds it any more: 409 says why otherwise. No check is bypassed; the dispatcher checks everything again when it sends.',
      request: { params: IdParam },
      responses: responses(
        { 200: 'due now: the dispatcher sends it within seconds', 409: 'still held (the message says why and until when), or not a held email' },
        ActionDtoSchema,
      ),
    }),
    async (c) => {
      const crm = c.get('crm');
      const id = c.req.valid('param').id;
      await sendNow(crm, id, { sendWindow: c.get('deps').config.RELAIS_SEND_WINDOW === 'on' });
      return c.json(await actionBody(crm, id), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/actions/{id}/resolve',
      tags,
      security,
      description: 'Decide a delivery_unknown (or failed) action: it was sent, send it again, or cancel it.',
      request: { params: IdParam, body: jsonBody(ResolveSchema) },
      responses: responses({ 200: 'resolved', 409: 'nothing to resolve' }, ActionDtoSchema),
    }),
    async (c) => {
      const crm = c.get('crm');
      const id = c.req.valid('param').id;
      await resolveAction(crm, id, c.req.valid('json').outcome);
      return c.json(await actionBody(crm, id), 200);
    },
  );
