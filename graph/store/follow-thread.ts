import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';
import { eventsAfter, onThreadEvent, type ProgressEvent } from './events';
import { latestRun } from './runs';

const STREAM_LIMIT_MS = 10 * 60_000;

/**
 * Follows a thread's progress for an SSE stream (API and Portal): replays the events after
 * `after`, then each new one as it lands, until the thread's run is over and nothing is left
 * to send (or the caller goes away, or ten minutes pass). The in-process bus wakes the loop at
 * once; the one-second timeout covers runs in another process.
 */
export async function followThread(
  db: Kysely<Database>,
  scope: { workspaceId: string; threadId: string; after: number },
  out: { send: (e: ProgressEvent) => Promise<void>; aborted: () => boolean },
): Promise<{ status: string | null }> {
  const { workspaceId, threadId } = scope;
  let after = scope.after;
  let wake: () => void = () => undefined;
  const unsubscribe = onThreadEvent(threadId, () => wake());
  const deadline = Date.now() + STREAM_LIMIT_MS;
  try {
    while (!out.aborted() && Date.now() < deadline) {
      for (const e of await eventsAfter(db, workspaceId, threadId, after)) {
        await out.send(e);
        after = e.id;
      }
      const run = await latestRun(db, workspaceId, threadId);
      if (run?.status !== 'running' && (await eventsAfter(db, workspaceId, threadId, after)).length === 0) return { status: run?.status ?? null };
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 1000);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return { status: null };
  } finally {
    unsubscribe();
  }
}
