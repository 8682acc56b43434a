import pg from 'pg';
import { serverAdminUrl, type BenchDatabase } from './support';

// Command-line helpers shared by the benches.

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

/**
 * Runs `run` on each database asked for (`--database`), skipping an unreachable server with a
 * note; `pass` says whether every figure met its target.
 */
export async function perDatabase<R>(args: string[], log: (l: string) => void, run: (kind: BenchDatabase) => Promise<R>, meets: (r: R) => boolean) {
  const result: Partial<Record<BenchDatabase, R | null>> = {};
  let pass = true;
  for (const kind of databasesArg(args)) {
    if (kind === 'server' && !(await serverReachable())) {
      log('no PostgreSQL server reachable: server figures skipped');
      result.server = null;
      continue;
    }
    const r = await run(kind);
    result[kind] = r;
    pass &&= meets(r);
  }
  return { result, pass };
}
