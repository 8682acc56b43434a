import { createRoute } from '@hono/zod-openapi';
import {
  ConversationDetailSchema,
  ConversationDtoSchema,
  ConversationListQuery,
  ConversationMarkSchema,
  getConversation,
  listConversations,
  markConversation,
} from '../../crm/conversations';
import { pageSchema } from '../../crm/dto';
import { IdParam, jsonBody, responses, router, security } from '../openapi';

// Conversations: the replies that came back, threaded with what Relais sent. Members read them
// and mark them handled; answering one is a draft, which waits in the Library like any other.
const tags = ['Conversations'];

export const conversationsRoutes = router()
  .openapi(
    createRoute({
      method: 'get',
      path: '/conversations',
      tags,
      security,
      description: 'Threads, latest activity first; filter by category, by "needs a human" or by person.',
      request: { query: ConversationListQuery },
      responses: responses({ 200: 'a page of threads' }, pageSchema(ConversationDtoSchema)),
    }),
    async (c) => c.json(await listConversations(c.get('crm'), c.req.valid('query')), 200),
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/conversations/{id}',
      tags,
      security,
      description: 'A thread: messages in (`direction: in`, with their category) and the emails Relais sent (`out`), in time order.',
      request: { params: IdParam },
      responses: responses({ 200: 'the thread' }, ConversationDetailSchema),
    }),
    async (c) => c.json(await getConversation(c.get('crm'), c.req.valid('param').id), 200),
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/conversations/{id}/mark',
      tags,
      security,
      description: 'Mark a thread read, or handled ("traité": it leaves "needs a human").',
      request: { params: IdParam, body: jsonBody(ConversationMarkSchema) },
      responses: responses({ 200: 'marked', 409: 'stale version' }, ConversationDtoSchema),
    }),
    async (c) => c.json(await markConversation(c.get('crm'), c.req.valid('param').id, c.req.valid('json')), 200),
  );
