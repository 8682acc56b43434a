import type { ZodError, ZodType } from 'zod';
import { AppError } from './errors';

// zod at every boundary, one answer shape: a 400 `validation_failed` naming the field at fault.
export type FieldError = { path: string; message: string };

/** zod issues → field list; an unknown key is named as the field at fault. */
export function fieldErrors(error: ZodError): FieldError[] {
  return error.issues.map((issue) => {
    const base = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      const key = issue.keys[0];
      return { path: base ? `${base}.${key}` : key, message: `unknown field "${key}"` };
    }
    return { path: base || '(body)', message: issue.message };
  });
}

export function validationError(error: ZodError): AppError {
  const fields = fieldErrors(error);
  const first = fields[0];
  return new AppError('validation_failed', `${first.path}: ${first.message}`, { fields });
}

/** Parses or throws the 400 naming the field (domain functions called outside a route use it). */
export function parseWith<S extends ZodType>(schema: S, input: unknown): ReturnType<S['parse']> {
  const r = schema.safeParse(input);
  if (!r.success) throw validationError(r.error);
  return r.data as ReturnType<S['parse']>;
}
