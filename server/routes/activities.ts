import { createRoute } from '@hono/zod-openapi';
import * as activities from '../../crm/activities';
import { ActivityDtoSchema, activityDto, pageSchema } from '../../crm/dto';
import { ActivityCreateSchema, ActivityListQuery } from '../../crm/schemas';
import { jsonBody, responses, router, security } from '../openapi';

const tags = ['Activities'];
export const activitiesRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/activities',
      tags,
      security,
      request: { query: ActivityListQuery },
      responses: responses({ 200: 'timeline, newest first' }, pageSchema(ActivityDtoSchema)),
    }),
    async (c) => {
      const page = await activities.listActivities(c.get('crm'), c.req.valid('query'));
      return c.json({ items: page.items.map(activityDto), nextCursor: page.nextCursor }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/activities',
      tags,
      security,
      request: { body: jsonBody(ActivityCreateSchema) },
      responses: responses({ 201: 'logged' }, ActivityDtoSchema),
    }),
    async (c) => c.json(activityDto(await activities.logActivity(c.get('crm'), c.req.valid('json'))), 201),
  );
