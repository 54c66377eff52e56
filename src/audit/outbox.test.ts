import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixedClock } from '../core/clock.ts';
import { outbound, SUPPLIER } from '../store/audit.fixtures.ts';
import { createDuckDbStore, openStore } from '../store/index.ts';
import type { Store } from '../store/port.ts';
import type { OutboxMessage } from './outbox-message.ts';
import { createDeliveryWorker, DEFAULT_BACKOFF, retryDelay, type SendResult } from './outbox.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'opendsp-outbox-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function memoryStore(): Promise<Store> {
  const store = await createDuckDbStore({ path: ':memory:' });
  await store.migrate();
  return store;
}

const T0 = new Date(Date.UTC(2024, 4, 1, 13));
const policy = { ...DEFAULT_BACKOFF, baseMs: 1000, capMs: 8000, maxAttempts: 4 };

describe('retry delay', () => {
  it('doubles per failure up to the cap, with jitter in the upper half', () => {
    const low = { ...policy, random: () => 0 };
    const high = { ...policy, random: () => 0.999999 };
    expect([1, 2, 3, 4, 5, 9].map((n) => retryDelay(n, low))).toEqual([
      500, 1000, 2000, 4000, 4000, 4000,
    ]);
    expect([1, 2, 3, 4, 5].map((n) => retryDelay(n, high))).toEqual([1000, 2000, 4000, 8000, 8000]);
  });
});

describe('delivery worker', () => {
  it('delivers due messages and backs off a failing one until it gives up, leaving it to pull', async () => {
    const store = await memoryStore();
    const clock = createFixedClock(T0);
    await store.enqueueOutbound([outbound(1), outbound(2)]);
    const sent: string[] = [];
    const send = (m: OutboxMessage): Promise<SendResult> => {
      sent.push(m.id);
      if (m.id === 'msg-0002') return Promise.reject(new Error('HTTP 503'));
      return Promise.resolve({ ok: true });
    };
    const backoff = { ...policy, random: () => 0 };
    const worker = createDeliveryWorker({ store, send, clock, backoff });
    expect(await worker.runOnce()).toEqual({ claimed: 2, delivered: 1, retrying: 1, gaveUp: 0 });
    expect((await store.outboxMessage('msg-0001'))?.deliveredAt).toEqual(T0);
    const waits: number[] = [];
    for (let round = 0; round < 3; round++) {
      const failed = await store.outboxMessage('msg-0002');
      const wait = (failed?.nextAttemptAt?.getTime() ?? 0) - clock.now().getTime();
      waits.push(wait);
      clock.advance(wait - 1);
      expect((await worker.runOnce()).claimed).toBe(0); // not yet due
      clock.advance(1);
      expect((await worker.runOnce()).claimed).toBe(1);
    }
    expect(waits).toEqual([500, 1000, 2000]);
    const given = await store.outboxMessage('msg-0002');
    expect([given?.attempts, given?.nextAttemptAt, given?.lastError]).toEqual([
      4,
      null,
      'HTTP 503',
    ]);
    clock.advance(3_600_000);
    expect(await worker.runOnce()).toEqual({ claimed: 0, delivered: 0, retrying: 0, gaveUp: 0 });
    expect((await store.pendingFor(SUPPLIER, 10)).map((m) => m.id)).toEqual(['msg-0002']);
    expect(sent).toEqual(['msg-0001', 'msg-0002', 'msg-0002', 'msg-0002', 'msg-0002']);
    await store.close();
  });

  it('after a restart, a new worker on the same file delivers everything left, once', async () => {
    const dataDir = path.join(dir, 'restart');
    const clock = createFixedClock(T0);
    const sent: string[] = [];
    const send = (m: OutboxMessage): Promise<SendResult> => {
      sent.push(m.id);
      return Promise.resolve({ ok: true });
    };
    const first = await openStore({ dataDir });
    await first.enqueueOutbound([1, 2, 3, 4, 5].map((i) => outbound(i)));
    await createDeliveryWorker({ store: first, send, clock, batchSize: 2 }).runOnce();
    // A worker claims two more and dies before sending them; the process stops.
    expect(await first.claimDue(clock.now(), 2, { leaseMs: 30_000 })).toHaveLength(2);
    await first.close();

    const second = await openStore({ dataDir });
    const worker = createDeliveryWorker({ store: second, send, clock, batchSize: 10 });
    expect((await worker.runOnce()).delivered).toBe(1); // the one never claimed
    clock.advance(30_000); // the dead worker's lease ends
    expect((await worker.runOnce()).delivered).toBe(2);
    expect(sent.sort()).toEqual(['msg-0001', 'msg-0002', 'msg-0003', 'msg-0004', 'msg-0005']);
    expect(await second.pendingFor(SUPPLIER, 10)).toEqual([]);
    await second.close();
  });

  it('runs in a loop until stopped', async () => {
    const store = await memoryStore();
    await store.enqueueOutbound([1, 2, 3].map((i) => outbound(i)));
    const sent: string[] = [];
    const worker = createDeliveryWorker({
      store,
      batchSize: 2,
      send: (m) => {
        sent.push(m.id);
        return Promise.resolve({ ok: true });
      },
    });
    worker.start(5);
    worker.start(5); // a second start is ignored
    for (let i = 0; i < 100 && sent.length < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await worker.stop();
    expect(sent).toEqual(['msg-0001', 'msg-0002', 'msg-0003']);
    await store.close();
  });
});
