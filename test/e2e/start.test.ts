import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import tokenCommand from '../../cli/commands/token';
import { runCli, startServer } from '../support/spawn';

// The newcomer's path: `npm start` on an empty data dir, the printed link, the CLI beside the server.
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'relais-e2e-'));
const env: Record<string, string> = process.env.TEST_DATABASE_URL ? {} : { RELAIS_DATA_DIR: dataDir };
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe.skipIf(Boolean(process.env.TEST_DATABASE_URL))('npm start (embedded)', () => {
  it('boots on an empty data dir, prints a one-time login link, and lets the CLI share the database', async () => {
    const server = await startServer(env);
    try {
      expect(server.stdout()).toMatch(/login\?token=rl_[0-9a-f]{32}_\S{43}/);
      const health = await fetch(`http://127.0.0.1:${server.port}/health`);
      expect(health.status).toBe(200);

      // while the server owns the data dir, the CLI connects to its socket instead of opening it
      const token = await runCli(['token', 'create', '--role', 'member'], env);
      expect(token.code).toBe(0);
      const lines = token.stdout.trim().split('\n');
      const memberToken = lines[lines.length - 1];
      expect(memberToken).toMatch(/^rl_/);
      const seeded = await runCli(['seed', '--demo'], env);
      expect(seeded.code).toBe(0);
      const people = await fetch(`http://127.0.0.1:${server.port}/api/people?kind=lead`, { headers: { authorization: `Bearer ${memberToken}` } });
      expect(people.status).toBe(200);
      expect(((await people.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0);
      const forbidden = await fetch(`http://127.0.0.1:${server.port}/api/workspace`, {
        method: 'PATCH',
        headers: { authorization: `Bearer ${memberToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ legalName: 'x' }),
      });
      expect(forbidden.status).toBe(403);

      // the server's own worker runs what the Chat asks (a run is a job; `npm start` runs one worker)
      const auth = { authorization: `Bearer ${memberToken}`, 'content-type': 'application/json' };
      const chat = await fetch(`http://127.0.0.1:${server.port}/api/chat`, { method: 'POST', headers: auth, body: JSON.stringify({ message: 'combien de prospects ?' }) });
      expect(chat.status).toBe(202);
      const { threadId } = (await chat.json()) as { threadId: string };
      await expect
        .poll(async () => ((await (await fetch(`http://127.0.0.1:${server.port}/api/chat/${threadId}`, { headers: auth })).json()) as { run: { status: string } }).run.status, {
          timeout: 30_000,
        })
        .toBe('succeeded');
    } finally {
      await server.stop();
    }
    // warm restart: same data, no new login link
    const again = await startServer(env);
    try {
      expect(again.stdout()).not.toContain('login?token=');
      expect((await fetch(`http://127.0.0.1:${again.port}/health`)).status).toBe(200);
    } finally {
      await again.stop();
    }
  });

  it('rejects a bad token command with usage', async () => {
    // the command itself (the real entry point is exercised above): usage on stderr, exit code 2
    const stderr: string[] = [];
    const code = await tokenCommand.run(['create', '--role', 'owner'], { stdout: () => undefined, stderr: (l) => void stderr.push(l), stdin: process.stdin });
    expect(code).toBe(2);
    expect(stderr.join('\n')).toContain('usage');
  });
});
