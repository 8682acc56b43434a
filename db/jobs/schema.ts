/**
 * Where pg-boss keeps its tables: `pgboss` beside the app's `public` schema, `<schema>_jobs`
 * beside an isolated one (server-mode tests give each file a `t_…` schema, dropped with it).
 * Migration 0006 creates it and openJobQueue reads it; both call this.
 */
export function jobsSchema(dbSchema: string): string {
  const name = dbSchema === 'public' ? 'pgboss' : `${dbSchema}_jobs`;
  // pg-boss writes the name into its SQL unquoted
  if (!/^[a-z_][a-z0-9_]{0,49}$/.test(name)) throw new Error(`unusable job schema name: ${name}`);
  return name;
}
