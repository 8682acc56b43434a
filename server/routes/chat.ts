import { createRoute, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import type { TeammateDeps } from '../../graph/deps';
import { startChat } from '../../agents/supervisor/chat';
import { followThread } from '../../graph/store/follow-thread';
import { latestRun } from '../../graph/store/runs';
import { findThread, listMessages } from '../../graph/store/threads';
import { notFound } from '../../lib/errors';
import { validationError } from '../../lib/validation';
import { jsonBody, responses, router, security } from '../openapi';

// Chat with the teammates: POST a message (the run goes on in the background), follow its
// progress over SSE, read the conversation. Every thread belongs to one workspace: another
// workspace's thread id answers 404.

export const ChatRequestSchema = z
  .object({
    message: z.string().trim().min(1, 'is required').max(4000),
    threadId: z.uuid({ message: 'must be a UUID' }).optional(),
  })
  .strict();
const ThreadParam = z.object({ threadId: z.uuid({ message: 'must be a UUID' }) });
const EventsQuery = z.object({ after: z.coerce.number().int().min(0).optional() }).strict();

const tags = ['Chat'];

export function chatRoutes(deps: TeammateDeps) {
  const app = router();
  app
    .openapi(
      createRoute({
        method: 'post',
        path: '/chat',
        tags,
        security,
        summary: 'Send a message to the teammates; answers at once with the thread and run ids',
        request: { body: jsonBody(ChatRequestSchema), headers: z.object({ 'idempotency-key': z.string().max(200).optional() }) },
        responses: responses(
          { 202: 'accepted: the run goes on; follow /chat/{threadId}/events', 409: 'a run is already in progress on this thread' },
          z.object({ threadId: z.string(), runId: z.string() }),
        ),
      }),
      async (c) => {
        const crm = c.get('crm');
        const body = c.req.valid('json');
        const principal = c.get('principal');
        const started = await startChat(deps, {
          workspaceId: crm.workspaceId,
          userId: principal.userId,
          message: body.message,
          threadId: body.threadId,
          threadKey: c.req.header('idempotency-key'),
        });
        return c.json({ threadId: started.threadId, runId: started.runId }, 202);
      },
    )
    .openapi(
      createRoute({ method: 'get', path: '/chat/{threadId}', tags, security, request: { params: ThreadParam }, responses: responses({ 200: 'the conversation' }) }),
      async (c) => {
        const crm = c.get('crm');
        const { threadId } = c.req.valid('param');
        const thread = await findThread(crm.db, crm.workspaceId, threadId);
        if (!thread) throw notFound('thread');
        const [messages, run] = await Promise.all([listMessages(crm.db, crm.workspaceId, threadId), latestRun(crm.db, crm.workspaceId, threadId)]);
        return c.json(
          {
            threadId,
            title: thread.title,
            messages: messages.map((m) => ({ id: m.id, role: m.role, content: m.content, runId: m.run_id, data: m.data, createdAt: m.created_at.toISOString() })),
            run: run
              ? {
                  id: run.id,
                  status: run.status,
                  mode: run.mode,
                  model: run.model,
                  durationMs: run.duration_ms,
                  modelCalls: run.model_calls,
                  tokensIn: run.tokens_in,
                  tokensOut: run.tokens_out,
                  costUsd: run.cost_usd,
                  error: run.error,
                }
              : null,
          },
          200,
        );
      },
    );
  // SSE: documented by its summary only (zod-openapi has no event-stream response type)
  app.get('/chat/:threadId/events', async (c) => {
    const params = ThreadParam.safeParse({ threadId: c.req.param('threadId') });
    if (!params.success) throw validationError(params.error);
    const query = EventsQuery.safeParse(c.req.query());
    if (!query.success) throw validationError(query.error);
    const crm = c.get('crm');
    const { threadId } = params.data;
    if (!(await findThread(crm.db, crm.workspaceId, threadId))) throw notFound('thread');
    const lastHeader = Number(c.req.header('last-event-id'));
    const after = query.data.after ?? (Number.isFinite(lastHeader) ? lastHeader : 0);
    return streamSSE(c, async (stream) => {
      await followThread(
        crm.db,
        { workspaceId: crm.workspaceId, threadId, after },
        {
          send: (e) => stream.writeSSE({ id: String(e.id), event: e.kind, data: JSON.stringify({ runId: e.runId, at: e.at, ...e.data }) }),
          aborted: () => stream.aborted,
        },
      );
    });
  });
  return app;
}
