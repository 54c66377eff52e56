// Group commit for small writes that arrive concurrently (the DSP service's per-request writes).
//
// Items added while a write is in flight wait and go together in the next write, so under load
// many requests share one transaction; with light traffic each write starts at once. One bad
// item never fails the others: when a shared write fails, each item is written again alone, in
// order, so only the item the store refuses (or every item, when the store itself is down) fails.

/** Collects items and writes them in as few transactions as the load allows. */
export interface GroupCommit<T> {
  /** Resolves when the write holding this item has committed; rejects if it failed. */
  add(item: T): Promise<void>;
  /** Resolves when everything added so far is written. */
  flush(): Promise<void>;
}

/** What a group commit does with its items. */
export interface GroupCommitOptions<T> {
  /** Writes items in one transaction: all of them or none. */
  readonly write: (items: readonly T[]) => Promise<void>;
  /** An error for an item that must not be written any more (checked just before each write). */
  readonly admit?: (item: T) => Error | undefined;
  /**
   * Told of each item's fate, synchronously and in the order items were added, before its
   * `add` settles: so state that follows the store changes in commit order.
   */
  readonly settled?: (item: T, error: Error | undefined) => void;
}

interface Pending<T> {
  readonly item: T;
  resolve(): void;
  reject(error: Error): void;
}

const asError = (error: unknown): Error =>
  error instanceof Error ? error : new Error('group commit failed', { cause: error });

/** Creates a group commit. */
export function createGroupCommit<T>(options: GroupCommitOptions<T>): GroupCommit<T> {
  const { write } = options;
  const admit = options.admit ?? (() => undefined);
  const settled = options.settled ?? (() => undefined);
  let open: Pending<T>[] | undefined;
  let writing: Promise<void> = Promise.resolve();

  const settle = (entry: Pending<T>, error: Error | undefined): void => {
    let outcome = error;
    try {
      settled(entry.item, error);
    } catch (failure) {
      // A failing callback fails its own item, never strands the others.
      outcome = asError(failure);
    }
    if (outcome === undefined) entry.resolve();
    else entry.reject(outcome);
  };

  /** Writes the admitted items together; if that fails, each alone. */
  const writeBatch = async (batch: readonly Pending<T>[]): Promise<void> => {
    const admitted: Pending<T>[] = [];
    for (const entry of batch) {
      const refusal = admit(entry.item);
      if (refusal === undefined) admitted.push(entry);
      else settle(entry, refusal);
    }
    if (admitted.length === 0) return;
    try {
      await write(admitted.map((entry) => entry.item));
      for (const entry of admitted) settle(entry, undefined);
      return;
    } catch (error) {
      if (admitted.length === 1 && admitted[0] !== undefined) {
        settle(admitted[0], asError(error));
        return;
      }
    }
    for (const entry of admitted) {
      // An earlier item's failure may have withdrawn this one (it read that item's changes).
      const refusal = admit(entry.item);
      if (refusal !== undefined) {
        settle(entry, refusal);
        continue;
      }
      try {
        await write([entry.item]);
        settle(entry, undefined);
      } catch (error) {
        settle(entry, asError(error));
      }
    }
  };

  return {
    add(item) {
      return new Promise<void>((resolve, reject) => {
        if (!open) {
          const batch: Pending<T>[] = [];
          open = batch;
          // Let the other requests of this turn of the event loop join before writing.
          setImmediate(() => {
            writing = writing.then(async () => {
              if (open === batch) open = undefined;
              await writeBatch(batch);
            });
          });
        }
        open.push({ item, resolve, reject });
      });
    },
    async flush() {
      for (;;) {
        const before = writing;
        await before;
        // Wait for a batch still gathering in this turn, and for writes queued meanwhile.
        if (open !== undefined) await new Promise((resolve) => setImmediate(resolve));
        if (open === undefined && writing === before) return;
      }
    },
  };
}
