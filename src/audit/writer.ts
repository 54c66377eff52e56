// Group commit for the audit trail: records are collected and written a batch per transaction.
//
// Durability is per batch, not per record (DESIGN.md, "Storage and scale"): `append` resolves
// once the transaction holding the record has committed. One batch is written at a time; while
// it is written the next one fills, so under load batches grow towards `maxBatch` by
// themselves and the delay only matters when traffic is light.
import { InvalidValueError } from '../core/errors.ts';
import type { AuditStore } from '../store/audit-port.ts';
import { malformedRecord, type AuditRecord } from './records.ts';

/** Options for {@link createAuditWriter}. */
export interface AuditWriterOptions {
  /** Where batches go: only `appendAudit` is used. */
  readonly store: Pick<AuditStore, 'appendAudit'>;
  /** Most records in one transaction (default 10,000). */
  readonly maxBatch?: number;
  /** Longest a record waits for company before its batch is written (default 5 ms). */
  readonly maxDelayMs?: number;
}

/** Appends audit records durably, in batches. */
export interface AuditWriter {
  /** Resolves when the batch holding the record has committed; rejects if that batch failed. */
  append(record: AuditRecord): Promise<void>;
  /** Appends several records (they may span batches); resolves when all have committed. */
  appendAll(records: readonly AuditRecord[]): Promise<void>;
  /** Writes what is waiting now; rejects with the first failure among those batches. */
  flush(): Promise<void>;
  /** Flushes, then refuses further appends. */
  close(): Promise<void>;
}

interface Batch {
  readonly records: AuditRecord[];
  readonly done: Promise<void>;
  settle(error?: unknown): void;
}

function newBatch(): Batch {
  let settle: (error?: unknown) => void = () => undefined;
  const done = new Promise<void>((resolve, reject) => {
    settle = (error) => {
      if (error === undefined) resolve();
      else
        reject(error instanceof Error ? error : new Error('audit batch failed', { cause: error }));
    };
  });
  done.catch(() => undefined); // callers see the failure; the writer must not crash the process
  return { records: [], done, settle };
}

/** Creates a writer over a store. */
export function createAuditWriter(options: AuditWriterOptions): AuditWriter {
  const maxBatch = options.maxBatch ?? 10_000;
  const maxDelayMs = options.maxDelayMs ?? 5;
  if (!Number.isInteger(maxBatch) || maxBatch < 1) {
    throw new InvalidValueError('maxBatch', maxBatch, 'expected a whole number above 0');
  }
  let open: Batch | undefined;
  let timer: NodeJS.Timeout | undefined;
  const sealed: Batch[] = [];
  let writing: Promise<void> | undefined;
  let current: Batch | undefined;
  let closed = false;

  const seal = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (open === undefined) return;
    sealed.push(open);
    open = undefined;
    writing ??= pump();
  };

  async function pump(): Promise<void> {
    for (let batch = sealed.shift(); batch !== undefined; batch = sealed.shift()) {
      current = batch;
      try {
        await options.store.appendAudit(batch.records);
        batch.settle();
      } catch (error) {
        batch.settle(error ?? new Error('audit batch failed'));
      }
      // Records that arrived during the write have waited long enough: group commit.
      if (sealed.length === 0 && open !== undefined) seal();
    }
    current = undefined;
    writing = undefined;
  }

  /** Adds a well-formed record to the open batch; returns that batch. */
  const add = (record: AuditRecord): Batch => {
    open ??= newBatch();
    const batch = open;
    batch.records.push(record);
    if (batch.records.length >= maxBatch) seal();
    else if (timer === undefined && writing === undefined) timer = setTimeout(seal, maxDelayMs);
    return batch;
  };

  const append = (record: AuditRecord): Promise<void> => {
    if (closed) return Promise.reject(new Error('the audit writer is closed'));
    const error = malformedRecord(record);
    return error === undefined ? add(record).done : Promise.reject(error);
  };

  /**
   * As `append` for each record, with one wait per batch rather than per record: a simulated
   * hour hands over tens of thousands at once. A malformed record is refused on its own (the
   * others are written) and the call rejects with the first refusal.
   */
  const appendAll = async (records: readonly AuditRecord[]): Promise<void> => {
    if (closed) throw new Error('the audit writer is closed');
    const batches: Batch[] = [];
    let refused: InvalidValueError | undefined;
    for (const record of records) {
      const error = malformedRecord(record);
      if (error !== undefined) {
        refused ??= error;
        continue;
      }
      const batch = add(record);
      if (batches[batches.length - 1] !== batch) batches.push(batch);
    }
    await Promise.all(batches.map((batch) => batch.done));
    if (refused !== undefined) throw refused;
  };

  const flush = async (): Promise<void> => {
    seal();
    const waiting = [...(current === undefined ? [] : [current]), ...sealed];
    await Promise.all(waiting.map((batch) => batch.done));
  };

  return {
    append,
    appendAll,
    flush,
    async close() {
      closed = true;
      await flush();
    },
  };
}
