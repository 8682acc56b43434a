import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { ExportFormatSchema, exportPerson, personExportCsv, PersonExportSchema } from '../../actions/access-request';
import { erasePerson, EraseResultSchema, optOutPerson, OptOutRequestSchema, OptOutResultSchema } from '../../actions/recipient-rights';
import { LanguageSchema } from '../../lib/language';
import { requireAdmin } from '../middleware/auth';
import { IdParam, responses, router, security } from '../openapi';

// Access, objection and erasure requests about a person (CNIL / GDPR).
const tags = ['People'];

const ExportQuery = z.object({ format: ExportFormatSchema.default('json'), lang: LanguageSchema.default('fr') }).strict();
// one 200, two media types: the JSON document, or the same content as CSV
const exportResponses = responses({ 200: { description: 'everything held about the person', schema: PersonExportSchema } });
const exportOk = {
  ...exportResponses,
  200: { description: exportResponses[200].description, content: { ...exportResponses[200].content, 'text/csv': { schema: z.string() } } },
};

export const recipientRightsRoutes = router()
  .openapi(
    createRoute({
      method: 'post',
      path: '/people/{id}/opt-out',
      tags,
      security,
      description:
        'Record an objection: the address joins the suppression list for good and pending actions to it are cancelled. Optional body: `reason` (what the person said; kept on their timeline).',
      request: { params: IdParam, body: { required: false, content: { 'application/json': { schema: OptOutRequestSchema } } } },
      responses: responses({ 200: 'the address is suppressed; the people with it and the pending actions cancelled' }, OptOutResultSchema),
    }),
    async (c) => c.json(await optOutPerson(c.get('crm'), c.req.valid('param').id, c.req.valid('json')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/people/{id}/export',
      tags,
      security,
      description:
        'Access request: the record and the origin of its data, the company, every message to the person (payloads as proposed, approved and sent, versions), the decisions, drafts, timeline, notes, tasks and audit entries. `format=csv` gives the same content one value a line (`lang` names its columns). Any member may export (they can read all of it already); each export is audited.',
      request: { params: IdParam, query: ExportQuery },
      responses: exportOk,
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { format, lang } = c.req.valid('query');
      const data = await exportPerson(c.get('crm'), id, format);
      c.header('Content-Disposition', `attachment; filename="relais-personne-${id}.${format}"`);
      if (format === 'json') return c.json(data, 200);
      c.header('Content-Type', 'text/csv; charset=utf-8');
      return c.body(personExportCsv(data, lang), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/people/{id}/erase',
      tags,
      security,
      middleware: [requireAdmin] as const,
      description: 'Erasure: deletes the person and their timeline, cancels unsent actions, redacts payloads; the address hash stays suppressed.',
      request: { params: IdParam },
      responses: responses({ 200: 'erased; the actions cancelled and redacted', 403: 'admin-only' }, EraseResultSchema),
    }),
    async (c) => c.json(await erasePerson(c.get('crm'), c.req.valid('param').id), 200),
  );
