import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFixedClock } from '../core/clock.ts';
import { OPERATOR, outbound, SUPPLIER } from '../store/audit.fixtures.ts';
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

describe('delivery worker beside a hanging endpoint', () => {
  /** Polls until `done` holds (or about 5 s pass); returns whether it held. */
  async function eventually(done: () => Promise<boolean>): Promise<boolean> {
    for (let i = 0; i < 500; i++) {
      if (await done()) return true;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return false;
  }

  const deliveredIds = async (store: Store, ids: readonly string[]): Promise<string[]> => {
    const messages = await Promise.all(ids.map((id) => store.outboxMessage(id)));
    return messages.filter((m) => m?.deliveredAt != null).map((m) => m?.id ?? '');
  };

  it("delivers a healthy User's messages while another User's pushes hang", async () => {
    const store = await memoryStore();
    const clock = createFixedClock(T0);
    // OPERATOR's endpoint never answers; its backlog is older than SUPPLIER's messages.
    await store.enqueueOutbound([1, 2, 3, 4, 5, 6].map((i) => outbound(i, OPERATOR)));
    await store.enqueueOutbound([7, 8, 9].map((i) => outbound(i)));
    const hanging: string[] = [];
    const send = (m: OutboxMessage): Promise<SendResult> => {
      if (m.recipientId === OPERATOR) {
        hanging.push(m.id);
        return new Promise<SendResult>(() => undefined); // never settles, ignores its signal
      }
      return Promise.resolve({ ok: true });
    };
    const worker = createDeliveryWorker({ store, send, clock, perRecipient: 2, stopGraceMs: 50 });
    worker.start(5);
    const healthy = ['msg-0007', 'msg-0008', 'msg-0009'];
    expect(await eventually(async () => (await deliveredIds(store, healthy)).length === 3)).toBe(
      true,
    );
    // Messages that arrive while OPERATOR's pushes still hang go out too.
    await store.enqueueOutbound([10, 11].map((i) => outbound(i)));
    const later = ['msg-0010', 'msg-0011'];
    expect(await eventually(async () => (await deliveredIds(store, later)).length === 2)).toBe(
      true,
    );
    // OPERATOR holds only its two slots, and nothing of it was delivered.
    expect(hanging).toEqual(['msg-0001', 'msg-0002']);
    expect(await deliveredIds(store, ['msg-0001', 'msg-0002', 'msg-0003'])).toEqual([]);
    // Stopping does not wait for the hanging sends: they are due again at once, untouched.
    await worker.stop();
    const cut = await store.outboxMessage('msg-0001');
    expect([cut?.lastError, cut?.nextAttemptAt, cut?.deliveredAt]).toEqual([
      'delivery stopped',
      T0,
      null,
    ]);
    await store.close();
  });

  it('aborts a send that outlives its timeout and retries it later, freeing the slot', async () => {
    const store = await memoryStore();
    const clock = createFixedClock(T0);
    await store.enqueueOutbound([outbound(1, OPERATOR), outbound(2, OPERATOR)]);
    const signals: AbortSignal[] = [];
    const send = (_m: OutboxMessage, signal: AbortSignal): Promise<SendResult> => {
      signals.push(signal);
      return new Promise<SendResult>(() => undefined);
    };
    const backoff = { ...policy, random: () => 0 };
    const worker = createDeliveryWorker({
      store,
      send,
      clock,
      backoff,
      perRecipient: 1,
      sendTimeoutMs: 20,
    });
    expect(await worker.runOnce()).toEqual({ claimed: 1, delivered: 0, retrying: 1, gaveUp: 0 });
    expect(signals[0]?.aborted).toBe(true);
    const failed = await store.outboxMessage('msg-0001');
    expect([failed?.lastError, failed?.nextAttemptAt]).toEqual([
      'no answer within 20 ms',
      new Date(T0.getTime() + 500),
    ]);
    // The slot is free again: the next claim takes OPERATOR's second message.
    expect((await worker.runOnce()).claimed).toBe(1);
    expect(() => createDeliveryWorker({ store, send, sendTimeoutMs: 60_000 })).toThrow(RangeError);
    await store.close();
  });

  it('never has more than maxInFlight sends under way', async () => {
    const store = await memoryStore();
    await store.enqueueOutbound([1, 2, 3, 4, 5, 6, 7, 8].map((i) => outbound(i)));
    let running = 0;
    let most = 0;
    const sent: string[] = [];
    const send = async (m: OutboxMessage): Promise<SendResult> => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running -= 1;
      sent.push(m.id);
      return { ok: true };
    };
    const worker = createDeliveryWorker({ store, send, maxInFlight: 3, perRecipient: 8 });
    worker.start(5);
    for (let i = 0; i < 500 && sent.length < 8; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await worker.stop();
    expect(sent.sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((i) => outbound(i).id));
    expect(most).toBe(3);
    await store.close();
  });
});
