/** Postgres SQLSTATE checks, so callers can turn constraint violations into clear answers. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: string }).code === '23505';
}
