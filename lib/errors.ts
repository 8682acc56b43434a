/** Domain errors carry the HTTP meaning; routes and the CLI turn them into answers. */
export type ErrorCode = 'bad_request' | 'validation_failed' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'payload_too_large' | 'internal';

const STATUS: Record<ErrorCode, 400 | 401 | 403 | 404 | 409 | 413 | 500> = {
  bad_request: 400,
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  internal: 500,
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.code = code;
    this.details = details ?? null;
  }
  get status() {
    return STATUS[this.code];
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);
/** A member on an administrator's decision: 403, saying so. */
export const adminOnly = () => new AppError('forbidden', 'this action is admin-only: ask an administrator of your workspace');
export const conflict = (message: string, details?: unknown) => new AppError('conflict', message, details);
export const invalid = (field: string, message: string) => new AppError('validation_failed', `${field}: ${message}`, { fields: [{ path: field, message }] });
