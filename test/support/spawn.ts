import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// node --import tsx, not the tsx wrapper: one process instead of two (~0.4 s less a start), and
// the pid a test signals is the program's own
const TSX = ['--import', 'tsx'];

/** Runs `cli/main.ts ARGS` to completion: the real CLI, as `npm run cli` runs it. */
export function runCli(args: string[], env: Record<string, string>, stdin?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...TSX, 'cli/main.ts', ...args], { cwd: repoRoot, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

/** Starts `cli/main.ts serve` and resolves once it prints its URL. */
export function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; port: number; stdout: () => string; stop: () => Promise<void> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...TSX, 'cli/main.ts', 'serve'], { cwd: repoRoot, env: { ...process.env, PORT: '0', ...env } });
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}\n${err}`)), 60_000);
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', (d) => {
      out += d;
      const m = /http:\/\/localhost:(\d+)/.exec(out);
      if (m && (!out.includes('Premier démarrage') || /login\?token=\S+/.test(out))) {
        clearTimeout(timer);
        resolve({
          child,
          port: Number(m[1]),
          stdout: () => out,
          stop: () =>
            new Promise((r) => {
              if (child.exitCode !== null) return r();
              child.once('exit', () => r());
              child.kill('SIGTERM');
            }),
        });
      }
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}\n${err}`)));
  });
}

/**
 * Starts `cli worker ARGS` as a real child process on the test context's database (server: the
 * same database and the file's schema; embedded: the file's data dir, whose owner — the test
 * process — serves it), and resolves once it prints "worker ready". The pid is the worker's own
 * (node --import tsx, not the tsx wrapper), so SIGKILL kills the worker itself.
 */
export function startWorkerProcess(t: { schema: string; dataDir: string }, args: string[], env: Record<string, string>, logs?: string[]): Promise<ChildProcess> {
  const onServer = Boolean(process.env.TEST_DATABASE_URL);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...TSX, 'cli/main.ts', 'worker', ...args], {
      cwd: repoRoot,
      env: {
        ...process.env,
        ...(onServer ? { DATABASE_URL: process.env.TEST_DATABASE_URL, RELAIS_DB_SCHEMA: t.schema } : { RELAIS_DATA_DIR: t.dataDir }),
        LOG_LEVEL: 'warn',
        ...env,
      },
    });
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`worker did not start:\n${out}\n${err}`)), 60_000);
    child.stderr!.on('data', (d) => {
      err += d;
      logs?.push(String(d));
    });
    child.stdout!.on('data', (d) => {
      out += d;
      if (out.includes('worker ready')) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.on('close', (code) => reject(new Error(`worker exited with ${code}:\n${out}\n${err}`)));
  });
}
