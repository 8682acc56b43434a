import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// A local OpenAI-compatible HTTP server for tests: POST /v1/chat/completions answers from a
// script (status, headers, JSON), recording every request body.

export type ChatCompletionRequest = {
  model: string;
  messages: { role: string; content: string | null; tool_calls?: unknown[]; tool_call_id?: string }[];
  tools?: { type: 'function'; function: { name: string; parameters: unknown } }[];
  tool_choice?: unknown;
  response_format?: unknown;
};

export type ScriptedHttpReply = {
  status?: number;
  headers?: Record<string, string>;
  json?: unknown;
  /** a body sent as is (not JSON-encoded): a proxy's HTML page, a half-written JSON */
  raw?: string;
  /** send the headers and the first bytes of the body, then drop the connection */
  truncate?: boolean;
  delayMs?: number;
};
export type HttpHandler = (req: ChatCompletionRequest, n: number) => ScriptedHttpReply;

export function completion(
  message: { content?: string | null; tool_calls?: { id: string; name: string; arguments: string }[] },
  usage = { prompt_tokens: 100, completion_tokens: 20 },
) {
  return {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: 0,
    model: 'test-model',
    choices: [
      {
        index: 0,
        finish_reason: message.tool_calls?.length ? 'tool_calls' : 'stop',
        message: {
          role: 'assistant',
          content: message.content ?? null,
          ...(message.tool_calls?.length
            ? { tool_calls: message.tool_calls.map((c) => ({ id: c.id, type: 'function', function: { name: c.name, arguments: c.arguments } })) }
            : {}),
        },
      },
    ],
    usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
  };
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

export async function startOpenAICompatibleServer(handler: HttpHandler): Promise<{ baseURL: string; requests: ChatCompletionRequest[]; close: () => Promise<void> }> {
  const requests: ChatCompletionRequest[] = [];
  const server: Server = createServer((req, res) => {
    void (async () => {
      if (req.method !== 'POST' || !req.url?.endsWith('/chat/completions')) {
        res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { message: 'not found' } }));
        return;
      }
      const body = (await readJson(req)) as ChatCompletionRequest;
      requests.push(body);
      const reply = handler(body, requests.length - 1);
      if (reply.delayMs) await new Promise((r) => setTimeout(r, reply.delayMs));
      const text = reply.raw ?? JSON.stringify(reply.json ?? {});
      if (reply.truncate) {
        res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', 'content-length': String(text.length + 100), ...(reply.headers ?? {}) });
        res.write(text.slice(0, Math.floor(text.length / 2)));
        setTimeout(() => res.destroy(), 10);
        return;
      }
      res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...(reply.headers ?? {}) });
      res.end(text);
    })().catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
