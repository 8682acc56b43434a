import { createRoute } from '@hono/zod-openapi';
import { createRule, deleteRule, listRules, RuleCreateSchema, RuleDtoSchema, ruleDto, RulePatchSchema, updateRule } from '../../actions/rules';
import { listSchema } from '../../crm/dto';
import { requireAdmin } from '../middleware/auth';
import { IdParam, jsonBody, responses, router, security } from '../openapi';

const tags = ['Auto-approve rules'];

export const autoApproveRulesRoutes = router()
  .openapi(
    createRoute({ method: 'get', path: '/auto-approve-rules', tags, security, responses: responses({ 200: 'the rules (none by default)' }, listSchema(RuleDtoSchema)) }),
    async (c) => c.json({ items: (await listRules(c.get('crm'))).map(ruleDto) }, 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/auto-approve-rules',
      tags,
      security,
      middleware: [requireAdmin] as const,
      description: 'A scoped, expiring rule; every approval it makes is audited with its id.',
      request: { body: jsonBody(RuleCreateSchema) },
      responses: responses({ 201: 'created', 403: 'admin-only' }, RuleDtoSchema),
    }),
    async (c) => c.json(ruleDto(await createRule(c.get('crm'), c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/auto-approve-rules/{id}',
      tags,
      security,
      middleware: [requireAdmin] as const,
      request: { params: IdParam, body: jsonBody(RulePatchSchema) },
      responses: responses({ 200: 'updated', 403: 'admin-only', 409: 'stale version' }, RuleDtoSchema),
    }),
    async (c) => c.json(ruleDto(await updateRule(c.get('crm'), c.req.valid('param').id, c.req.valid('json'))), 200),
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/auto-approve-rules/{id}',
      tags,
      security,
      middleware: [requireAdmin] as const,
      request: { params: IdParam },
      responses: responses({ 204: 'deleted', 403: 'admin-only' }),
    }),
    async (c) => {
      await deleteRule(c.get('crm'), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
