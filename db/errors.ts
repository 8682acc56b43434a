/** Postgres SQLSTATE checks, so callers can turn constraint violations into clear answers. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505';
}

// Connection failures (the server restarting, a dropped socket), as opposed to a bad statement:
// the request may succeed once the database is back, so callers answer 503 with Retry-After.
const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', '57P01', '57P02', '57P03', '08000', '08001', '08003', '08006']);
const UNAVAILABLE_MESSAGES =
  /Connection terminated|connection ended|Client has encountered a connection error|timeout exceeded when trying to connect|the database system is (starting up|shutting down)|terminating connection/i;

/** Whether an error means the database is not reachable right now (rather than a query that failed). */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  const message = (err as { message?: unknown }).message;
  // the embedded database's Unix socket, gone while its owner restarts
  if (code === 'ENOENT' && typeof message === 'string' && message.includes('.s.PGSQL.')) return true;
  if (typeof message === 'string' && UNAVAILABLE_MESSAGES.test(message)) return true;
  const cause = (err as { cause?: unknown }).cause;
  return cause !== undefined && cause !== err && isDatabaseUnavailable(cause);
}

/** Seconds a client is asked to wait before trying again while the database is away. */
export const DATABASE_RETRY_AFTER_S = 5;
