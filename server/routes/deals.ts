import { createRoute } from '@hono/zod-openapi';
import * as deals from '../../crm/deals';
import { DealDtoSchema, dealDto, listSchema, pageSchema, StageDtoSchema, stageDto } from '../../crm/dto';
import { DealCreateSchema, DealListQuery, DealMoveSchema, DealPatchSchema } from '../../crm/schemas';
import { IdParam, jsonBody, responses, router, security } from '../openapi';

const tags = ['Deals'];
const out = (d: deals.DealWithStage) => dealDto(d.deal, d.stage);

export const dealsRoutes = router()
  .openapi(createRoute({ method: 'get', path: '/stages', tags, security, responses: responses({ 200: 'pipeline stages in order' }, listSchema(StageDtoSchema)) }), async (c) =>
    c.json({ items: (await deals.getStages(c.get('crm'))).map(stageDto) }, 200),
  )
  .openapi(
    createRoute({ method: 'get', path: '/deals', tags, security, request: { query: DealListQuery }, responses: responses({ 200: 'a page of deals' }, pageSchema(DealDtoSchema)) }),
    async (c) => {
      const page = await deals.listDeals(c.get('crm'), c.req.valid('query'));
      return c.json({ items: page.items.map(out), nextCursor: page.nextCursor }, 200);
    },
  )
  .openapi(
    createRoute({ method: 'post', path: '/deals', tags, security, request: { body: jsonBody(DealCreateSchema) }, responses: responses({ 201: 'created' }, DealDtoSchema) }),
    async (c) => c.json(out(await deals.createDeal(c.get('crm'), c.req.valid('json'))), 201),
  )
  .openapi(createRoute({ method: 'get', path: '/deals/{id}', tags, security, request: { params: IdParam }, responses: responses({ 200: 'the deal' }, DealDtoSchema) }), async (c) =>
    c.json(out(await deals.getDeal(c.get('crm'), c.req.valid('param').id)), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/deals/{id}',
      tags,
      security,
      request: { params: IdParam, body: jsonBody(DealPatchSchema) },
      responses: responses({ 200: 'updated', 409: 'stale version' }, DealDtoSchema),
    }),
    async (c) => c.json(out(await deals.updateDeal(c.get('crm'), c.req.valid('param').id, c.req.valid('json'))), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/deals/{id}/move',
      tags,
      security,
      request: { params: IdParam, body: jsonBody(DealMoveSchema) },
      responses: responses({ 200: 'moved to the stage', 409: 'stale version' }, DealDtoSchema),
    }),
    async (c) => c.json(out(await deals.updateDeal(c.get('crm'), c.req.valid('param').id, c.req.valid('json'))), 200),
  )
  .openapi(createRoute({ method: 'delete', path: '/deals/{id}', tags, security, request: { params: IdParam }, responses: responses({ 204: 'deleted' }) }), async (c) => {
    await deals.deleteDeal(c.get('crm'), c.req.valid('param').id);
    return c.body(null, 204);
  });
