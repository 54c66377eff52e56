import { describe, expect, it } from 'vitest';
import { InvalidValueError } from '../core/errors.ts';
import { auditRecord } from '../store/audit.fixtures.ts';
import type { AuditRecord } from './records.ts';
import { createAuditWriter } from './writer.ts';

/** A store that records each batch, takes `delayMs` per write and fails when told to. */
function fakeStore(delayMs = 0): {
  batches: AuditRecord[][];
  failNext: (error: Error) => void;
  appendAudit: (records: readonly AuditRecord[]) => Promise<void>;
} {
  const batches: AuditRecord[][] = [];
  let failure: Error | undefined;
  return {
    batches,
    failNext: (error) => {
      failure = error;
    },
    appendAudit: async (records) => {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      const error = failure;
      failure = undefined;
      if (error !== undefined) throw error; // as a rolled-back transaction: nothing kept
      batches.push([...records]);
    },
  };
}

const records = (n: number, from = 1): AuditRecord[] =>
  Array.from({ length: n }, (_, i) => auditRecord({ id: BigInt(from + i) }));

describe('audit writer', () => {
  it('writes a full batch at once, one transaction per batch, in order', async () => {
    const store = fakeStore();
    const writer = createAuditWriter({ store, maxBatch: 4, maxDelayMs: 60_000 });
    await Promise.all(records(6).map((r) => writer.append(r)));
    expect(store.batches.map((b) => b.map((r) => r.id))).toEqual([
      [1n, 2n, 3n, 4n],
      [5n, 6n],
    ]);
  });

  it('waits up to the delay for company when the writer is idle', async () => {
    const store = fakeStore();
    const writer = createAuditWriter({ store, maxBatch: 100, maxDelayMs: 30 });
    const appended = records(2).map((r) => writer.append(r));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(store.batches).toHaveLength(0);
    await Promise.all(appended);
    expect(store.batches.map((b) => b.length)).toEqual([2]);
  });

  it('resolves an append only once its batch is durable', async () => {
    const store = fakeStore(30);
    const writer = createAuditWriter({ store, maxBatch: 100, maxDelayMs: 1 });
    let done = false;
    const pending = writer.append(auditRecord({ id: 1n })).then(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve, 15));
    expect([done, store.batches.length]).toEqual([false, 0]);
    await pending;
    expect(store.batches).toHaveLength(1);
  });

  it('groups what arrives during a write into the next batch (group commit)', async () => {
    const store = fakeStore(20);
    const writer = createAuditWriter({ store, maxBatch: 1000, maxDelayMs: 1 });
    const first = writer.append(auditRecord({ id: 1n }));
    await new Promise((resolve) => setTimeout(resolve, 5)); // the first write is under way
    const rest = records(50, 2).map((r) => writer.append(r));
    await Promise.all([first, ...rest]);
    expect(store.batches.map((b) => b.length)).toEqual([1, 50]);
  });

  it('rejects every append of a failed batch with its error, and goes on with the next', async () => {
    const store = fakeStore(5);
    const writer = createAuditWriter({ store, maxBatch: 3, maxDelayMs: 1 });
    store.failNext(new Error('disk full'));
    const results = await Promise.allSettled(records(5).map((r) => writer.append(r)));
    expect(results.map((r) => r.status)).toEqual([
      'rejected',
      'rejected',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    expect(results[0]).toMatchObject({ reason: new Error('disk full') });
    expect(store.batches.map((b) => b.map((r) => r.id))).toEqual([[4n, 5n]]);
  });

  it('flushes on demand, reports a failed flush, and refuses appends once closed', async () => {
    const store = fakeStore();
    const writer = createAuditWriter({ store, maxBatch: 100, maxDelayMs: 60_000 });
    const appended = writer.append(auditRecord({ id: 1n }));
    await writer.flush();
    await appended;
    expect(store.batches).toHaveLength(1);
    store.failNext(new Error('connection lost'));
    const lost = writer.append(auditRecord({ id: 2n }));
    await expect(writer.flush()).rejects.toThrow('connection lost');
    await expect(lost).rejects.toThrow('connection lost');
    await writer.close();
    await expect(writer.append(auditRecord({ id: 3n }))).rejects.toThrow(/closed/);
    await writer.flush();
  });

  it('refuses a malformed record on its own, without sinking its batch', async () => {
    const store = fakeStore();
    const writer = createAuditWriter({ store, maxBatch: 2, maxDelayMs: 1 });
    const bad = auditRecord({ id: 9n, kind: 'request', roundTripMs: 5 });
    const [good, refused] = await Promise.allSettled([
      writer.append(auditRecord({ id: 1n })),
      writer.append(bad),
    ]);
    expect(good.status).toBe('fulfilled');
    expect(refused).toMatchObject({ status: 'rejected' });
    expect((refused as PromiseRejectedResult).reason).toBeInstanceOf(InvalidValueError);
    expect(() => createAuditWriter({ store, maxBatch: 0 })).toThrow(InvalidValueError);
  });

  it('appends many at once across batches; a malformed one is refused, the rest are durable', async () => {
    const store = fakeStore(1);
    const writer = createAuditWriter({ store, maxBatch: 3, maxDelayMs: 1 });
    const bad = auditRecord({ id: 99n, kind: 'request', roundTripMs: 5 });
    const all = [...records(4), bad, ...records(3, 5)];
    await expect(writer.appendAll(all)).rejects.toBeInstanceOf(InvalidValueError);
    await writer.flush();
    expect(store.batches.flat().map((r) => r.id)).toEqual([1n, 2n, 3n, 4n, 5n, 6n, 7n]);
    expect(store.batches.every((batch) => batch.length <= 3)).toBe(true);
    await writer.appendAll(records(2, 8));
    expect(store.batches.flat()).toHaveLength(9);
    await writer.close();
    await expect(writer.appendAll(records(1, 20))).rejects.toThrow(/closed/);
  });
});
