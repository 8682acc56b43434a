import { createRoute } from '@hono/zod-openapi';
import * as people from '../../crm/people';
import { pageSchema, PersonDtoSchema, personDto } from '../../crm/dto';
import { PersonCreateSchema, PersonListQuery, PersonPatchSchema, PromoteSchema } from '../../crm/schemas';
import { IdParam, jsonBody, responses, router, security } from '../openapi';

const tags = ['People'];
export const peopleRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/people',
      tags,
      security,
      request: { query: PersonListQuery },
      responses: responses({ 200: 'a page of people' }, pageSchema(PersonDtoSchema)),
    }),
    async (c) => {
      const page = await people.listPeople(c.get('crm'), c.req.valid('query'));
      return c.json({ items: page.items.map(personDto), nextCursor: page.nextCursor }, 200);
    },
  )
  .openapi(
    createRoute({ method: 'post', path: '/people', tags, security, request: { body: jsonBody(PersonCreateSchema) }, responses: responses({ 201: 'created' }, PersonDtoSchema) }),
    async (c) => c.json(personDto(await people.createPerson(c.get('crm'), c.req.valid('json'))), 201),
  )
  .openapi(
    createRoute({ method: 'get', path: '/people/{id}', tags, security, request: { params: IdParam }, responses: responses({ 200: 'the person' }, PersonDtoSchema) }),
    async (c) => c.json(personDto(await people.getPerson(c.get('crm'), c.req.valid('param').id)), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/people/{id}',
      tags,
      security,
      request: { params: IdParam, body: jsonBody(PersonPatchSchema) },
      responses: responses({ 200: 'updated', 409: 'stale version' }, PersonDtoSchema),
    }),
    async (c) => c.json(personDto(await people.updatePerson(c.get('crm'), c.req.valid('param').id, c.req.valid('json'))), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/people/{id}/promote',
      tags,
      security,
      request: { params: IdParam, body: jsonBody(PromoteSchema) },
      responses: responses({ 200: 'the lead is now a contact', 409: 'stale version' }, PersonDtoSchema),
    }),
    async (c) => c.json(personDto(await people.promotePerson(c.get('crm'), c.req.valid('param').id, c.req.valid('json').version)), 200),
  )
  .openapi(createRoute({ method: 'delete', path: '/people/{id}', tags, security, request: { params: IdParam }, responses: responses({ 204: 'deleted' }) }), async (c) => {
    await people.deletePerson(c.get('crm'), c.req.valid('param').id);
    return c.body(null, 204);
  });
