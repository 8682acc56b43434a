import pg from 'pg';
import { serverAdminUrl, type BenchDatabase } from './support';

// Command-line helpers shared by the Approval-gate benches (intercept, actions-list).

export function arg(args: string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

/** `--database embedded|server|both` (default both). */
export function databasesArg(args: string[]): BenchDatabase[] {
  const v = arg(args, 'database') ?? 'both';
  if (v === 'both') return ['embedded', 'server'];
  if (v === 'embedded' || v === 'server') return [v];
  throw new Error('--database must be embedded, server or both');
}

export async function serverReachable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: serverAdminUrl, connectionTimeoutMillis: 1000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}
