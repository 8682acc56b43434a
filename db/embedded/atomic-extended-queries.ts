import type { PGlite } from '@electric-sql/pglite';
import type { PGLiteSocketServer } from '@electric-sql/pglite-socket';

// pglite-socket 0.2.17 puts every protocol message of every connection into one FIFO queue.
// PGlite is ONE backend session, so between a client's Parse and its Sync another connection's
// Parse replaces the unnamed statement, and the first client's Bind fails ("bind message
// supplies 1 parameters, but prepared statement requires 2") or runs the wrong query. The
// library already keeps the queue on one connection during a transaction; this does the same
// for an extended-query sequence (Parse … Sync), and keeps the queue alive after a failed
// message (the library's loop stops for good on one). Versions are pinned exactly, and the
// shape is checked at start-up so an upgrade that changes it fails loudly, not subtly.

type Queued = {
  handlerId: number;
  message: Uint8Array;
  resolve: (size: number) => void;
  reject: (err: Error) => void;
  onData: (data: Uint8Array) => void;
};

type QueueInternals = {
  queue: Queued[];
  processing: boolean;
  db: PGlite;
  lastHandlerId: number | null;
  processQueue: () => Promise<void>;
  clearQueueForHandler: (handlerId: number) => void;
};

const code = (c: string) => c.charCodeAt(0);
/** Parse, Bind, Describe, Execute, Close, Flush: the connection is inside a sequence until Sync. */
const EXTENDED = new Set(['P', 'B', 'D', 'E', 'C', 'H'].map(code));
const ENDS_SEQUENCE = new Set(['S', 'X'].map(code));

function internals(server: PGLiteSocketServer): QueueInternals {
  const q = (server as unknown as { queryQueue?: Partial<QueueInternals> }).queryQueue;
  if (!q || !Array.isArray(q.queue) || typeof q.processQueue !== 'function' || typeof q.clearQueueForHandler !== 'function' || !q.db) {
    throw new Error('@electric-sql/pglite-socket internals changed: review db/embedded/atomic-extended-queries.ts');
  }
  return q as QueueInternals;
}

export function makeExtendedQueriesAtomic(server: PGLiteSocketServer): void {
  const q = internals(server);
  let sequenceOwner: number | null = null;

  const next = (): Queued | undefined => {
    const owner = sequenceOwner ?? (q.db.isInTransaction() ? q.lastHandlerId : null);
    if (owner === null) return q.queue.shift();
    const i = q.queue.findIndex((m) => m.handlerId === owner);
    return i === -1 ? undefined : q.queue.splice(i, 1)[0]; // wait for the owner's next message
  };

  q.processQueue = async () => {
    if (q.processing) return;
    q.processing = true;
    try {
      for (let item = next(); item; item = next()) {
        const m = item;
        const type = m.message[0];
        let size = 0;
        try {
          await q.db.runExclusive(() =>
            q.db.execProtocolRawStream(m.message, {
              onRawData: (data) => {
                size += data.length;
                m.onData(data);
              },
            }),
          );
        } catch (err) {
          if (sequenceOwner === m.handlerId) sequenceOwner = null;
          m.reject(err instanceof Error ? err : new Error(String(err)));
          continue;
        }
        q.lastHandlerId = m.handlerId;
        if (EXTENDED.has(type)) sequenceOwner = m.handlerId;
        else if (ENDS_SEQUENCE.has(type) && sequenceOwner === m.handlerId) sequenceOwner = null;
        m.resolve(size);
      }
    } finally {
      q.processing = false;
    }
  };

  // a connection that goes away mid-sequence must not hold the queue forever
  const clear = q.clearQueueForHandler.bind(q);
  q.clearQueueForHandler = (handlerId) => {
    clear(handlerId);
    if (sequenceOwner === handlerId) {
      sequenceOwner = null;
      void q.processQueue();
    }
  };
}
