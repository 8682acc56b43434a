/** A counting semaphore: at most `size` holders at once; a waiter leaves when its signal aborts. */
export type Limiter = { run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T>; readonly size: number };

export function createLimiter(size: number): Limiter {
  let active = 0;
  const waiting: (() => void)[] = [];
  const release = () => {
    active--;
    waiting.shift()?.();
  };
  const acquire = (signal?: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason ?? new Error('aborted'));
      const grant = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        const i = waiting.indexOf(grant);
        if (i >= 0) waiting.splice(i, 1);
        reject(signal?.reason ?? new Error('aborted'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      waiting.push(grant);
    });
  return {
    size,
    async run<T>(fn: () => Promise<T>, signal?: AbortSignal): Promise<T> {
      if (active >= size) await acquire(signal);
      active++;
      try {
        return await fn();
      } finally {
        release();
      }
    },
  };
}
