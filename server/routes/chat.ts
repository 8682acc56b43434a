import { createRoute, z } from '@hono/zod-openapi';
import { streamSSE } from 'hono/streaming';
import type { TeammateDeps } from '../../graph/deps';
import type { ChatRole, RunStatus, TeammateMode } from '../../db/tables/teammates';
import { startChat } from '../../agents/supervisor/chat';
import { followThread } from '../../graph/store/follow-thread';
import { latestRun } from '../../graph/store/runs';
import { findThread, listMessages } from '../../graph/store/threads';
import { notFound } from '../../lib/errors';
import { DateTimeSchema, UuidSchema } from '../../crm/schemas';
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

const ChatStartedSchema = z.object({ threadId: UuidSchema, runId: UuidSchema });
/** A thread: its messages, oldest first, and its latest run (null before the first). */
const ChatThreadSchema = z.object({
  threadId: UuidSchema,
  title: z.string(),
  messages: z.array(
    z.object({
      id: UuidSchema,
      role: z.enum(['user', 'assistant'] as const satisfies readonly ChatRole[]),
      content: z.string(),
      runId: UuidSchema.nullable(),
      data: z.record(z.string(), z.unknown()),
      createdAt: DateTimeSchema,
    }),
  ),
  run: z
    .object({
      id: UuidSchema,
      status: z.enum(['running', 'succeeded', 'failed', 'awaiting_reply'] as const satisfies readonly RunStatus[]),
      mode: z.enum(['offline', 'model'] as const satisfies readonly TeammateMode[]),
      model: z.string().nullable(),
      durationMs: z.number().int().nullable(),
      modelCalls: z.number().int(),
      tokensIn: z.number().int(),
      tokensOut: z.number().int(),
      costUsd: z.number(),
      error: z.string().nullable(),
    })
    .nullable(),
});

export function chatRoutes(deps: TeammateDeps) {
  return router()
    .openapi(
      createRoute({
        method: 'post',
        path: '/chat',
        tags,
        security,
        summary: 'Send a message to the teammates; answers at once with the thread and run ids',
        request: { body: jsonBody(ChatRequestSchema), headers: z.object({ 'idempotency-key': z.string().max(200).optional() }) },
        responses: responses({ 202: 'accepted: the run goes on; follow /chat/{threadId}/events', 409: 'a run is already in progress on this thread' }, ChatStartedSchema),
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
      createRoute({
        method: 'get',
        path: '/chat/{threadId}',
        tags,
        security,
        request: { params: ThreadParam },
        responses: responses({ 200: 'the conversation' }, ChatThreadSchema),
      }),
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
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/chat/{threadId}/events',
        tags,
        security,
        summary: "Follow a thread's runs: one server-sent event per step (`id` = the event's number); `after` or Last-Event-ID resumes",
        request: { params: ThreadParam, query: EventsQuery },
        responses: responses({ 200: { description: 'the event stream', mediaType: 'text/event-stream', schema: z.string() } }),
      }),
      async (c) => {
        const crm = c.get('crm');
        const { threadId } = c.req.valid('param');
        if (!(await findThread(crm.db, crm.workspaceId, threadId))) throw notFound('thread');
        const lastHeader = Number(c.req.header('last-event-id'));
        const after = c.req.valid('query').after ?? (Number.isFinite(lastHeader) ? lastHeader : 0);
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
      },
    );
}
