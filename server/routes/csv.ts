import { createRoute } from '@hono/zod-openapi';
import { stream } from 'hono/streaming';
import { z } from 'zod';
import { exportCsv } from '../../crm/csv/export';
import { getImport, ImportReportSchema, ImportStateSchema, previewCsvImport, startCsvImport } from '../../crm/csv/import';
import { IdParam, responses, router, security } from '../openapi';

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
      description:
        'Body: the CSV file as is (`;` or `,`, UTF-8 with or without BOM, or Windows-1252). `dryRun=true` reports at once without writing; otherwise the import runs in the background, in chunks: follow it at `/imports/{id}`.',
      request: { query: ImportQuery },
      responses: responses({
        200: { description: 'dry run: what would be created, merged or rejected, by line', schema: ImportReportSchema },
        202: { description: 'accepted: the import goes on in the background (done at once when the file has nothing to import)', schema: ImportStateSchema },
      }),
    }),
    async (c) => {
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      if (c.req.valid('query').dryRun === 'true') return c.json(await previewCsvImport(c.get('crm'), bytes), 200);
      return c.json(await startCsvImport(c.get('crm'), bytes), 202);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/imports/{id}',
      tags,
      security,
      request: { params: IdParam },
      responses: responses({ 200: 'an import: its status, its progress in lines, and its report once done' }, ImportStateSchema),
    }),
    async (c) => c.json(await getImport(c.get('crm'), c.req.valid('param').id), 200),
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
