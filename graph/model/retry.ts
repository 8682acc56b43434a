import { APIConnectionError, APIError } from 'openai';

// Which provider failures are worth another try, and how long to wait before it.
export type RetryDecision = { retry: boolean; status: number | null; retryAfterMs: number | null };

/** A 200 whose body is not a chat completion (HTML from a proxy, an empty object…). */
export class MalformedResponseError extends Error {}

export function classifyError(err: unknown): RetryDecision {
  // APIConnectionTimeoutError extends APIConnectionError: timeouts and resets retry alike.
  if (err instanceof APIConnectionError) return { retry: true, status: null, retryAfterMs: null };
  // a body cut short ("terminated") or not JSON: the transport failed, not the request
  if (err instanceof SyntaxError || err instanceof MalformedResponseError) return { retry: true, status: null, retryAfterMs: null };
  if (err instanceof TypeError && /terminated|fetch failed|socket/i.test(err.message)) return { retry: true, status: null, retryAfterMs: null };
  if (err instanceof APIError) {
    const status = err.status ?? null;
    const retry = status === 408 || status === 409 || status === 429 || (status !== null && status >= 500);
    return { retry, status, retryAfterMs: retryAfter(err.headers) };
  }
  return { retry: false, status: null, retryAfterMs: null };
}

function retryAfter(headers: Headers | undefined): number | null {
  const ms = headers?.get('retry-after-ms');
  if (ms && Number.isFinite(Number(ms))) return Number(ms);
  const s = headers?.get('retry-after');
  if (!s) return null;
  if (Number.isFinite(Number(s))) return Number(s) * 1000;
  const at = Date.parse(s);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

/**
 * Exponential backoff with jitter, or exactly the server's Retry-After when it gives one (never
 * earlier: asking again sooner only earns another refusal). The caller compares it with what is
 * left of its budget and gives up instead of waiting past it.
 */
export function backoffMs(attempt: number, retryAfterMs: number | null, baseMs: number, capMs = 30_000): number {
  if (retryAfterMs !== null) return retryAfterMs;
  const exp = baseMs * 2 ** attempt;
  return Math.min(capMs, exp / 2 + Math.random() * (exp / 2));
}
