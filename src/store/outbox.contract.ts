// The shared outbox tests: every engine's index.test.ts runs them against its adapter.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError } from '../core/errors.ts';
import { OPERATOR, SUPPLIER, outbound } from './audit.fixtures.ts';
import type { Store } from './port.ts';
import type { StoreHarness } from './store.contract.ts';

const T0 = new Date(Date.UTC(2024, 4, 1, 13));
const later = (ms: number): Date => new Date(T0.getTime() + ms);

/** Declares the shared outbox suite under `name`. */
export function describeOutboxContract(name: string, harness: StoreHarness): void {
  describe(`Outbox contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await harness.open();
    });
    afterEach(async () => {
      await harness.dispose(store);
    });

    it('queues messages per User, oldest first, with every field kept', async () => {
      await store.enqueueOutbound([outbound(3), outbound(1), outbound(2, OPERATOR)]);
      await store.enqueueOutbound([]);
      const pending = await store.pendingFor(SUPPLIER, 10);
      expect(pending.map((m) => m.id)).toEqual(['msg-0001', 'msg-0003']);
      expect(pending[0]).toEqual({
        ...outbound(1),
        attempts: 0,
        nextAttemptAt: outbound(1).createdAt,
        lastError: null,
        deliveredAt: null,
        pulledAt: null,
      });
      expect(await store.pendingFor(SUPPLIER, 1)).toHaveLength(1);
      expect(await store.outboxMessage('none')).toBeUndefined();
    });

    it('refuses a duplicate message ID and writes nothing from that batch', async () => {
      await store.enqueueOutbound([outbound(1)]);
      await expect(store.enqueueOutbound([outbound(2), outbound(1)])).rejects.toThrow(
        ConflictError,
      );
      expect((await store.pendingFor(SUPPLIER, 10)).map((m) => m.id)).toEqual(['msg-0001']);
    });

    it('claims due messages under a lease, counting attempts, and never twice at once', async () => {
      await store.enqueueOutbound([1, 2, 3, 4, 5].map((i) => outbound(i)));
      const [a, b] = await Promise.all([
        store.claimDue(T0, 3, { leaseMs: 1000 }),
        store.claimDue(T0, 3, { leaseMs: 1000 }),
      ]);
      const claimed = [...a, ...b].map((m) => m.id).sort();
      expect(claimed).toEqual(['msg-0001', 'msg-0002', 'msg-0003', 'msg-0004', 'msg-0005']);
      expect(a.concat(b).every((m) => m.attempts === 1)).toBe(true);
      expect(await store.claimDue(later(999), 10)).toEqual([]);
      const again = await store.claimDue(later(1000), 2);
      expect(again.map((m) => [m.id, m.attempts])).toEqual([
        ['msg-0001', 2],
        ['msg-0002', 2],
      ]);
      expect((await store.outboxMessage('msg-0001'))?.nextAttemptAt).toEqual(later(61_000));
    });

    it('stops offering delivered, pulled and given-up messages for push', async () => {
      await store.enqueueOutbound([1, 2, 3, 4].map((i) => outbound(i)));
      await store.markDelivered(['msg-0001'], later(1));
      await store.markPulled(['msg-0002'], later(2));
      await store.markFailed('msg-0003', { error: 'HTTP 503', nextAttemptAt: null });
      await store.markFailed('msg-0004', { error: 'timeout', nextAttemptAt: later(500) });
      await store.markDelivered([], later(3));
      expect(await store.claimDue(later(100), 10)).toEqual([]);
      expect((await store.claimDue(later(500), 10)).map((m) => m.id)).toEqual(['msg-0004']);
      expect((await store.pendingFor(SUPPLIER, 10)).map((m) => [m.id, m.lastError])).toEqual([
        ['msg-0003', 'HTTP 503'],
        ['msg-0004', 'timeout'],
      ]);
      const delivered = await store.outboxMessage('msg-0001');
      expect([delivered?.deliveredAt, delivered?.pulledAt]).toEqual([later(1), null]);
      expect((await store.outboxMessage('msg-0002'))?.pulledAt).toEqual(later(2));
    });
  });
}
