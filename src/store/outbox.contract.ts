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
      expect(await store.acknowledgePulled(SUPPLIER, ['msg-0002'], later(2))).toEqual(['msg-0002']);
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

    it('gives each recipient at most its share of a claim, less what it already holds', async () => {
      // OPERATOR's backlog is older than SUPPLIER's; without shares it would fill the claim.
      await store.enqueueOutbound([1, 2, 3, 4, 5].map((i) => outbound(i, OPERATOR)));
      await store.enqueueOutbound([6, 7, 8].map((i) => outbound(i)));
      const first = await store.claimDue(later(10), 4, { perRecipient: 2 });
      expect(first.map((m) => m.id)).toEqual(['msg-0001', 'msg-0002', 'msg-0006', 'msg-0007']);
      const busy = new Map([[OPERATOR, 1]]);
      const second = await store.claimDue(later(10), 10, { perRecipient: 2, busy });
      expect(second.map((m) => m.id)).toEqual(['msg-0003', 'msg-0008']);
      const full = new Map([[OPERATOR, 2]]);
      expect(await store.claimDue(later(10), 10, { perRecipient: 2, busy: full })).toEqual([]);
      await expect(store.claimDue(later(10), 1, { perRecipient: 0 })).rejects.toThrow();
    });

    it('hands pulled messages out under a lease and hands them out again when it ends', async () => {
      await store.enqueueOutbound([3, 1, 2].map((i) => outbound(i)));
      const pulled = await store.leaseForPull(SUPPLIER, T0, { limit: 2, leaseMs: 1000 });
      expect(pulled.map((m) => m.id)).toEqual(['msg-0001', 'msg-0002']);
      // No acknowledgement: a second pull inside the lease gets only what was not handed out…
      expect(
        (await store.leaseForPull(SUPPLIER, later(999), { limit: 10 })).map((m) => m.id),
      ).toEqual(['msg-0003']);
      // …and once the lease ends, the same messages again, with every field kept.
      const again = await store.leaseForPull(SUPPLIER, later(1000), { limit: 10, leaseMs: 1000 });
      expect(again.map((m) => m.id)).toEqual(['msg-0001', 'msg-0002']);
      expect(again[0]).toEqual({ ...pulled[0], pulledAt: null });
      expect((await store.pendingFor(SUPPLIER, 10)).map((m) => m.id)).toEqual([
        'msg-0001',
        'msg-0002',
        'msg-0003',
      ]);
      // The pull lease does not hold up a push: either channel may deliver first.
      expect(await store.claimDue(later(1000), 10)).toHaveLength(3);
    });

    it('drops acknowledged messages for good, and only the User’s own', async () => {
      await store.enqueueOutbound([outbound(1), outbound(2), outbound(3, OPERATOR)]);
      await store.leaseForPull(SUPPLIER, T0, { limit: 10, leaseMs: 1000 });
      await store.leaseForPull(OPERATOR, T0, { limit: 10, leaseMs: 1000 });
      // SUPPLIER acknowledges its message, OPERATOR's and one that does not exist.
      const acked = await store.acknowledgePulled(
        SUPPLIER,
        ['msg-0003', 'msg-0001', 'none', 'msg-0001'],
        later(5),
      );
      expect(acked).toEqual(['msg-0001']);
      expect((await store.outboxMessage('msg-0001'))?.pulledAt).toEqual(later(5));
      expect((await store.outboxMessage('msg-0003'))?.pulledAt).toBeNull();
      // Acknowledged: never handed out again, by pull or push; a repeated ack changes nothing.
      expect(
        (await store.leaseForPull(SUPPLIER, later(60_000), { limit: 10 })).map((m) => m.id),
      ).toEqual(['msg-0002']);
      expect(
        (await store.leaseForPull(OPERATOR, later(60_000), { limit: 10 })).map((m) => m.id),
      ).toEqual(['msg-0003']);
      expect((await store.claimDue(later(60_000), 10)).map((m) => m.id)).toEqual([
        'msg-0002',
        'msg-0003',
      ]);
      expect(await store.acknowledgePulled(SUPPLIER, ['msg-0001'], later(6))).toEqual([]);
      expect((await store.outboxMessage('msg-0001'))?.pulledAt).toEqual(later(5));
      expect(await store.acknowledgePulled(SUPPLIER, [], later(6))).toEqual([]);
    });

    it('never hands one message to two pulls at once', async () => {
      await store.enqueueOutbound([1, 2, 3, 4].map((i) => outbound(i)));
      const [a, b] = await Promise.all([
        store.leaseForPull(SUPPLIER, T0, { limit: 3 }),
        store.leaseForPull(SUPPLIER, T0, { limit: 3 }),
      ]);
      const ids = [...a, ...b].map((m) => m.id).sort();
      expect(ids).toEqual(['msg-0001', 'msg-0002', 'msg-0003', 'msg-0004']);
    });
  });
}
