// The shared audit trail tests: every engine's index.test.ts runs them against its adapter.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditHeader, AuditRecord } from '../audit/records.ts';
import { headerOf } from '../audit/records.ts';
import type { AuditStore } from './audit-port.ts';
import type { Store } from './port.ts';
import { OPERATOR, SUPPLIER, alert, auditRecord, exchange } from './audit.fixtures.ts';
import type { StoreHarness } from './store.contract.ts';
import { MID_ID, MPAN, TOP_ID, pick } from './store.fixtures.ts';

const newestFirst = (records: readonly AuditRecord[]): AuditRecord[] =>
  [...records].sort((a, b) => b.at.getTime() - a.at.getTime() || (b.id > a.id ? 1 : -1));

/** The only audit methods a store may have: append and read, never update or delete. */
export const AUDIT_METHODS: readonly (keyof AuditStore)[] = [
  'appendAudit',
  'auditByDevice',
  'auditByRequestId',
  'auditCount',
  'auditScan',
  'auditSearch',
];

/** Every method name of an object, own and inherited (not Object's). */
function methodNames(object: object): string[] {
  const names = new Set<string>();
  for (let o: object | null = object; o !== null && o !== Object.prototype;) {
    for (const name of Object.getOwnPropertyNames(o)) {
      if (typeof (object as Record<string, unknown>)[name] === 'function') names.add(name);
    }
    o = Object.getPrototypeOf(o) as object | null;
  }
  return [...names].sort();
}

/** Declares the shared audit suite under `name`. */
export function describeAuditContract(name: string, harness: StoreHarness): void {
  describe(`Audit trail contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await harness.open();
    });
    afterEach(async () => {
      await harness.dispose(store);
    });

    it('is append-only: the store has no method that updates or deletes audit records', () => {
      const names = methodNames(store);
      expect(names.filter((n) => /audit/i.test(n))).toEqual(AUDIT_METHODS);
      expect(names.filter((n) => /update|delete|remove|truncate|purge|erase/i.test(n))).toEqual([]);
    });

    it('round-trips every field of every kind, with and without a device', async () => {
      const records = [...exchange(1), ...exchange(2, null), alert(3)];
      await store.appendAudit(records);
      await store.appendAudit([]);
      expect(await store.auditByRequestId(pick(records, 0).requestId ?? '')).toEqual(
        records.slice(0, 3),
      );
      expect(await store.auditByRequestId(pick(records, 3).requestId ?? '')).toEqual(
        records.slice(3, 6),
      );
      expect(await store.auditByRequestId('nobody:nothing:1')).toEqual([]);
      expect((await store.auditByDevice(TOP_ID)).records).toEqual([records[6]]);
      const top = auditRecord({
        id: (1n << 63n) - 1n,
        deviceId: TOP_ID,
        roundTripMs: 0,
        at: new Date(pick(records, 0).at.getTime() + 3_600_000),
      });
      await store.appendAudit([top]);
      expect((await store.auditByDevice(TOP_ID)).records[0]).toEqual(top);
    });

    it('pages a device history newest first with a cursor, across a month boundary', async () => {
      const records = [1, 2, 3, 4].flatMap((i) => exchange(i));
      await store.appendAudit(records.slice(0, 6));
      await store.appendAudit([...records.slice(6), alert(5)]);
      const seen: AuditRecord[] = [];
      let after: string | undefined;
      for (let pages = 0; pages < 10; pages++) {
        const page = await store.auditByDevice(MID_ID, { limit: 5, ...(after ? { after } : {}) });
        seen.push(...page.records);
        if (page.next === null) break;
        after = page.next;
      }
      expect(seen).toEqual(newestFirst(records));
      const march = await store.auditByDevice(MID_ID, { to: new Date('2024-04-01T00:00:00Z') });
      expect(march.records.map((r) => r.id)).toEqual([13n, 12n, 11n]);
      expect(march.next).toBeNull();
      await expect(store.auditByDevice(MID_ID, { after: 'bogus' })).rejects.toThrow(/cursor/);
      await expect(store.auditByDevice(MID_ID, { limit: 0 })).rejects.toThrow(/limit/);
    });

    it('searches and counts by user, SRV, kind, outcome, code, MPxN and time', async () => {
      const failed = auditRecord({ id: 99n, code: 'E080801', outcome: 'failure', srv: '8.8.2' });
      const records = [...exchange(1), ...exchange(2), alert(3), failed];
      await store.appendAudit(records);
      const ids = async (filter: Parameters<Store['auditSearch']>[0]): Promise<bigint[]> => {
        const found = (await store.auditSearch(filter, { limit: 50 })).records.map((r) => r.id);
        expect(await store.auditCount(filter)).toBe(found.length);
        return found;
      };
      expect(await ids({ userId: OPERATOR })).toEqual([34n]);
      expect(await ids({ recipientId: SUPPLIER, kind: 'response' })).toEqual([23n, 99n, 13n]);
      expect(await ids({ originatorId: SUPPLIER, kind: 'request' })).toEqual([21n, 11n]);
      expect(await ids({ srv: ['8.8.2', '9.9.9'] })).toEqual([99n]);
      expect(await ids({ srv: [] })).toEqual([]);
      expect(await ids({ outcome: 'failure', code: 'E080801', mpxn: MPAN })).toEqual([99n]);
      expect(await ids({ code: 'N13', deviceId: TOP_ID })).toEqual([34n]);
      const window = { from: pick(records, 3).at, to: pick(records, 5).at };
      expect(await ids({ ...window, srv: '8.8.1' })).toEqual([22n, 21n]);
      expect(await store.auditCount({})).toBe(records.length);
      const first = await store.auditSearch({ userId: SUPPLIER }, { limit: 3 });
      const rest = await store.auditSearch(
        { userId: SUPPLIER },
        { after: first.next ?? 'missing' },
      );
      expect([...first.records, ...rest.records].map((r) => r.id)).toEqual(
        newestFirst(records.filter((r) => r.id !== 34n)).map((r) => r.id),
      );
    });

    it('scans a time range oldest first in chunks of headers, waiting for each chunk', async () => {
      const records = [1, 2, 3, 4, 5, 6, 7].flatMap((i) => [...exchange(i), alert(i)]);
      await store.appendAudit(records);
      const chunks: (readonly AuditHeader[])[] = [];
      const range = { from: new Date('2024-03-31T23:00:00Z'), to: pick(records, 20).at };
      const read = await store.auditScan(
        range,
        async (chunk) => {
          await new Promise((resolve) => setTimeout(resolve, 5));
          expect(await store.auditCount({})).toBe(records.length); // the store stays usable
          chunks.push(chunk);
        },
        { chunkSize: 6 },
      );
      const expected = records
        .filter((r) => r.at < range.to)
        .sort((a, b) => a.at.getTime() - b.at.getTime());
      expect(read).toBe(expected.length);
      expect(chunks.map((c) => c.length)).toEqual([6, 6, 6, 2]);
      expect(chunks.flat()).toEqual(expected.map(headerOf));
    });

    it('writes nothing from a batch with a bad record', async () => {
      const bad = auditRecord({ id: 7n, originatorRole: 'Nobody' as 'DCC' });
      await expect(store.appendAudit([...exchange(1), bad])).rejects.toThrow();
      expect(await store.auditCount({})).toBe(0);
    });
  });
}
