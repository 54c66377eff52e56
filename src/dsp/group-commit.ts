// Group commit for small writes that arrive concurrently (the DSP service's per-request writes).
//
// Items added while a write is in flight wait and go together in the next write, so under load
// many requests share one transaction; with light traffic each write starts at once.

/** Collects items and writes them in as few transactions as the load allows. */
export interface GroupCommit<T> {
  /** Resolves when the write holding these items has committed; rejects if it failed. */
  add(items: readonly T[]): Promise<void>;
  /** Resolves when everything added so far is written. */
  flush(): Promise<void>;
}

interface Batch<T> {
  readonly items: T[];
  readonly done: Promise<void>;
  settle(error?: unknown): void;
}

function newBatch<T>(): Batch<T> {
  let settle: (error?: unknown) => void = () => undefined;
  const done = new Promise<void>((resolve, reject) => {
    settle = (error) => {
      if (error === undefined) resolve();
      else
        reject(error instanceof Error ? error : new Error('group commit failed', { cause: error }));
    };
  });
  done.catch(() => undefined);
  return { items: [], done, settle };
}

/** Creates a group commit over a batch write (which must be one transaction). */
export function createGroupCommit<T>(write: (items: T[]) => Promise<void>): GroupCommit<T> {
  let open: Batch<T> | undefined;
  let writing: Promise<void> = Promise.resolve();

  const start = (batch: Batch<T>): void => {
    writing = writing.then(async () => {
      if (open === batch) open = undefined;
      try {
        await write(batch.items);
        batch.settle();
      } catch (error) {
        batch.settle(error);
      }
    });
  };

  return {
    add(items) {
      if (items.length === 0) return Promise.resolve();
      if (!open) {
        const batch = newBatch<T>();
        open = batch;
        // Let the other requests of this turn of the event loop join before writing.
        setImmediate(() => {
          start(batch);
        });
      }
      for (const item of items) open.items.push(item);
      return open.done;
    },
    async flush() {
      const last = open;
      await writing;
      if (last) await last.done;
      await writing;
    },
  };
}
