import { createRoute } from '@hono/zod-openapi';
import * as companies from '../../crm/companies';
import { CompanyDtoSchema, companyDto, pageSchema } from '../../crm/dto';
import { CompanyCreateSchema, CompanyListQuery, CompanyPatchSchema } from '../../crm/schemas';
import { IdParam, jsonBody, responses, router, security } from '../openapi';

const tags = ['Companies'];
export const companiesRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/companies',
      tags,
      security,
      request: { query: CompanyListQuery },
      responses: responses({ 200: 'a page of companies' }, pageSchema(CompanyDtoSchema)),
    }),
    async (c) => {
      const page = await companies.listCompanies(c.get('crm'), c.req.valid('query'));
      return c.json({ items: page.items.map(companyDto), nextCursor: page.nextCursor }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/companies',
      tags,
      security,
      request: { body: jsonBody(CompanyCreateSchema) },
      responses: responses({ 201: 'created' }, CompanyDtoSchema),
    }),
    async (c) => c.json(companyDto(await companies.createCompany(c.get('crm'), c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({ method: 'get', path: '/companies/{id}', tags, security, request: { params: IdParam }, responses: responses({ 200: 'the company' }, CompanyDtoSchema) }),
    async (c) => c.json(companyDto(await companies.getCompany(c.get('crm'), c.req.valid('param').id)), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/companies/{id}',
      tags,
      security,
      request: { params: IdParam, body: jsonBody(CompanyPatchSchema) },
      responses: responses({ 200: 'updated', 409: 'stale version' }, CompanyDtoSchema),
    }),
    async (c) => c.json(companyDto(await companies.updateCompany(c.get('crm'), c.req.valid('param').id, c.req.valid('json'))), 200),
  )
  .openapi(createRoute({ method: 'delete', path: '/companies/{id}', tags, security, request: { params: IdParam }, responses: responses({ 204: 'deleted' }) }), async (c) => {
    await companies.deleteCompany(c.get('crm'), c.req.valid('param').id);
    return c.body(null, 204);
  });
