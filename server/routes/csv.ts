import { createRoute } from '@hono/zod-openapi';
import { stream } from 'hono/streaming';
import { z } from 'zod';
import { exportCsv } from '../../crm/csv/export';
import { importCsv, ImportReportSchema } from '../../crm/csv/import';
import { responses, router, security } from '../openapi';

const tags = ['Import / export'];
const ImportQuery = z.object({ dryRun: z.enum(['true', 'false']).default('false') }).strict();
// the file name is the parameter: Hono's router has no literal suffix after a parameter
const ExportParams = z.object({ file: z.enum(['companies.csv', 'people.csv', 'deals.csv']) });
const ExportQuery = z.object({ kind: z.enum(['lead', 'contact']).optional() }).strict();

export const csvRoutes = router()
  .openapi(
    createRoute({
      method: 'post',
      path: '/import/csv',
      tags,
      security,
      description: 'Body: the CSV file as is (`;` or `,`, UTF-8 with or without BOM, or Windows-1252). `dryRun=true` reports without writing.',
      request: { query: ImportQuery },
      responses: responses({ 200: 'what was (or would be) created, merged or rejected, by line' }, ImportReportSchema),
    }),
    async (c) => {
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      return c.json(await importCsv(c.get('crm'), bytes, { dryRun: c.req.valid('query').dryRun === 'true' }), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/export/{file}',
      tags,
      security,
      request: { params: ExportParams, query: ExportQuery },
      responses: responses({ 200: { description: 'CSV for French spreadsheets', mediaType: 'text/csv', schema: z.string() } }),
    }),
    (c) => {
      const entity = c.req.valid('param').file.replace('.csv', '') as 'companies' | 'people' | 'deals';
      c.header('Content-Type', 'text/csv; charset=utf-8');
      c.header('Content-Disposition', `attachment; filename="relais-${entity}.csv"`);
      return stream(c, async (s) => {
        for await (const chunk of exportCsv(c.get('crm'), entity, c.req.valid('query'))) await s.write(chunk);
      });
    },
  );
