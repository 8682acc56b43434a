import { z } from 'zod';
import { findDefaultWorkspace } from '../../db/repositories/workspaces';
import { bootstrapIfEmpty } from '../../identity/bootstrap';
import { logger } from '../../lib/log';
import { chatThreadId } from '../../graph/ids';
import { startChat } from '../../agents/supervisor/chat';
import { waitForRun, type RunResult } from '../../graph/run-result';
import { latestRun } from '../../graph/store/runs';
import { openRelais } from '../../server/root';
import type { Command } from '../command';

const Args = z.object({ request: z.string().trim().min(1, 'the request is required').max(4000), json: z.boolean(), thread: z.uuid().optional() });

function parseArgs(args: string[]) {
  const rest: string[] = [];
  let json = false;
  let thread: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--json') json = true;
    else if (args[i] === '--thread') thread = args[++i];
    else rest.push(args[i]);
  }
  return Args.safeParse({ request: rest.join(' '), json, thread });
}

/**
 * `ask "<request>" [--json] [--thread ID]`: the same teammates as Chat, against the configured
 * database, with a worker of its own for the run (a running server's worker may take it too).
 * The thread is derived from the request, so re-running after a crash waits for the unfinished
 * run (any worker resumes it) instead of starting over; with --json the last stdout line is the result.
 */
const command: Command = {
  describe: 'ask "<request>" [--json] [--thread ID]: run the teammates on a request (offline without OPENAI_API_KEY)',
  async run(args, io) {
    const parsed = parseArgs(args);
    if (!parsed.success) {
      io.stderr(`usage: npm run --silent cli -- ask "<request>" [--json] [--thread ID]\n${parsed.error.issues[0]?.message ?? ''}`);
      return 2;
    }
    const { request, json, thread } = parsed.data;
    const relais = await openRelais({ logger });
    const { db, teammates } = relais;
    relais.startWorker({ jobs: 'teammate.run,teammate.sweep,action.sent-back' });
    try {
      const first = await bootstrapIfEmpty(db.kysely);
      if (first) io.stderr(`first start: a workspace was created; admin login token (shown once): ${first.loginToken}`);
      const ws = await findDefaultWorkspace(db.kysely);
      if (!ws) throw new Error('no workspace');
      const threadId = thread ?? chatThreadId(ws.id, null, `cli:${request}`);
      const stale = await latestRun(db.kysely, ws.id, threadId);
      let result: RunResult;
      if (stale?.status === 'running') {
        io.stderr('waiting for the unfinished run of this request');
        result = await waitForRun(db.kysely, stale.id);
      } else {
        const started = await startChat(teammates, { workspaceId: ws.id, userId: null, message: request, threadId: thread, threadKey: `cli:${request}` });
        result = await waitForRun(db.kysely, started.runId);
      }
      if (result.error) io.stderr(`error: ${result.error}`);
      if (!json) {
        io.stdout(result.reply ?? '');
        for (const a of result.actions) io.stdout(`\n— ${a.status} · ${a.subject}\n${a.body}`);
      }
      const out = {
        threadId: result.threadId,
        mode: result.mode,
        leads: result.leads,
        actions: result.actions,
        ...(result.status !== 'succeeded' ? { status: result.status, reply: result.reply } : {}),
      };
      if (json) io.stdout(JSON.stringify(out));
      return result.status === 'failed' ? 1 : 0;
    } finally {
      await relais.close();
    }
  },
};
export default command;
