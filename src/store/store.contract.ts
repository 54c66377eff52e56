// The one store test suite: every engine's index.test.ts runs it against its own adapter.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError } from '../core/errors.ts';
import type { Store } from './port.ts';
import {
  DEVICES,
  HIGH_ID,
  JOINS,
  LOW_ID,
  MID_ID,
  MPAN,
  MPRN,
  REGISTRATIONS,
  TOP_ID,
  USERS,
  device,
  id,
  pick,
} from './store.fixtures.ts';

/** How a test file gives the suite a fresh, migrated store and disposes of it. */
export interface StoreHarness {
  open(): Promise<Store>;
  dispose(store: Store): Promise<void>;
}

/** Declares the shared suite under `name`. */
export function describeStoreContract(name: string, harness: StoreHarness): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await harness.open();
    });
    afterEach(async () => {
      await harness.dispose(store);
    });

    it('migrates a fresh database to the latest version, and a re-run applies nothing', async () => {
      const version = await store.schemaVersion();
      expect(version).toBeGreaterThanOrEqual(1);
      expect(await store.migrate()).toEqual([]);
      expect(await store.schemaVersion()).toBe(version);
    });

    it('round-trips users, ordered by User ID, across the signed 64-bit boundary', async () => {
      await store.insertUsers(USERS);
      const ids = (await store.listUsers()).map((u) => u.userId);
      expect(ids).toEqual([LOW_ID, HIGH_ID, TOP_ID]);
      expect(await store.listUsers()).toEqual(
        [...USERS].sort((a, b) => (a.userId < b.userId ? -1 : 1)),
      );
    });

    it('round-trips every device field, including a null MPxN and milliseconds', async () => {
      await store.insertDevices(DEVICES);
      for (const expected of DEVICES) expect(await store.getDevice(expected.id)).toEqual(expected);
      expect(await store.getDevice(id(0x99n))).toBeUndefined();
    });

    it('lists devices of a supply point by type then ID', async () => {
      await store.insertDevices(DEVICES);
      const found = await store.devicesByMpxn(MPAN);
      expect(found.map((d) => [d.type, d.id])).toEqual([
        ['ESME', MID_ID],
        ['CHF', HIGH_ID],
        ['IHD', TOP_ID],
      ]);
      expect((await store.devicesByMpxn(MPRN)).map((d) => d.model)).toEqual(['G-7']);
    });

    it('refuses a duplicate user and writes nothing from that batch', async () => {
      await store.insertUsers([pick(USERS, 0)]);
      const batch = [pick(USERS, 1), pick(USERS, 0)];
      await expect(store.insertUsers(batch)).rejects.toThrow(ConflictError);
      await expect(store.insertUsers(batch)).rejects.toThrow(TOP_ID);
      expect((await store.listUsers()).map((u) => u.userId)).toEqual([TOP_ID]);
    });

    it('refuses a duplicate device (also within one batch) and writes nothing from it', async () => {
      await store.insertDevices([pick(DEVICES, 0)]);
      const many = Array.from({ length: 5000 }, (_, i) => device({ id: id(0x1000n + BigInt(i)) }));
      const error = await store.insertDevices([...many, pick(DEVICES, 0)]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConflictError);
      expect(String(error)).toContain(TOP_ID);
      await expect(store.insertDevices([pick(DEVICES, 1), pick(DEVICES, 1)])).rejects.toThrow(
        ConflictError,
      );
      expect((await store.inventoryStats()).devices).toBe(1);
      expect(await store.getDevice(pick(many, 0).id)).toBeUndefined();
    });

    it('records status changes in order and refuses a wrong `from`', async () => {
      await store.insertDevices(DEVICES);
      const at1 = new Date('2024-04-01T00:00:00.250Z');
      const at2 = new Date('2024-04-01T00:00:00.250Z');
      await store.recordStatusChange({
        deviceId: LOW_ID,
        from: 'Pending',
        to: 'Whitelisted',
        at: at1,
      });
      await store.recordStatusChange({
        deviceId: LOW_ID,
        from: 'Whitelisted',
        to: 'InstalledNotCommissioned',
        at: at2,
      });
      const wrong = { deviceId: LOW_ID, from: 'Pending', to: 'Commissioned', at: at2 } as const;
      await expect(store.recordStatusChange(wrong)).rejects.toThrow(ConflictError);
      await expect(store.recordStatusChange({ ...wrong, deviceId: id(0x99n) })).rejects.toThrow(
        ConflictError,
      );
      expect((await store.statusHistory(LOW_ID)).map((c) => c.to)).toEqual([
        'Whitelisted',
        'InstalledNotCommissioned',
      ]);
      expect(await store.statusHistory(LOW_ID)).toContainEqual({
        deviceId: LOW_ID,
        from: 'Pending',
        to: 'Whitelisted',
        at: at1,
      });
      const now = await store.getDevice(LOW_ID);
      expect([now?.status, now?.statusSince]).toEqual(['InstalledNotCommissioned', at2]);
    });

    it('round-trips joins, oldest first, from either side, and ends only an open join', async () => {
      await store.insertJoins(JOINS);
      expect(await store.joinsOf(MID_ID)).toEqual([JOINS[1], JOINS[0]]);
      expect(await store.joinsOf(TOP_ID)).toEqual([JOINS[0]]);
      const at = new Date('2024-06-01T08:00:00.007Z');
      expect(await store.endJoin(TOP_ID, MID_ID, at)).toBe(true);
      expect(await store.endJoin(TOP_ID, MID_ID, at)).toBe(false);
      expect(await store.endJoin(MID_ID, HIGH_ID, at)).toBe(false);
      expect((await store.joinsOf(TOP_ID))[0]?.unjoinedAt).toEqual(at);
    });

    it('round-trips registrations by role then start, and replaces the open one', async () => {
      await store.insertRegistrations(REGISTRATIONS);
      const before = await store.registrations(MPAN);
      expect(before).toEqual([REGISTRATIONS[2], REGISTRATIONS[1], REGISTRATIONS[0]]);
      const at = new Date('2025-01-15T00:00:00.321Z');
      await store.replaceRegistration({
        mpxn: MPAN,
        role: 'ImportSupplier',
        userId: TOP_ID,
        from: at,
        to: null,
      });
      const after = await store.registrations(MPAN);
      expect(after.filter((r) => r.role === 'ImportSupplier').map((r) => [r.userId, r.to])).toEqual(
        [
          [TOP_ID, pick(REGISTRATIONS, 1).from],
          [LOW_ID, at],
          [TOP_ID, null],
        ],
      );
      const none = { mpxn: MPRN, role: 'GasSupplier', userId: TOP_ID, from: at, to: null } as const;
      await expect(store.replaceRegistration(none)).rejects.toThrow(ConflictError);
      expect(await store.registrations(MPRN)).toEqual([]);
    });

    it('summarises the estate', async () => {
      await store.insertUsers(USERS);
      await store.insertDevices(DEVICES);
      await store.insertJoins(JOINS);
      await store.insertRegistrations(REGISTRATIONS);
      expect(await store.inventoryStats()).toEqual({
        devices: 5,
        byType: { ESME: 2, GSME: 1, CHF: 1, IHD: 1 },
        byStatus: { Commissioned: 3, InstalledNotCommissioned: 1, Pending: 1 },
        bySmets: { SMETS1: 1, SMETS2: 4 },
        byRegion: { '12': 4, '23': 1 },
        models: 2,
        supplyPoints: 2,
        users: 3,
        activeJoins: 1,
        registrations: 3,
      });
    });

    it('accepts empty batches', async () => {
      await store.insertUsers([]);
      await store.insertDevices([]);
      await store.insertJoins([]);
      await store.insertRegistrations([]);
      expect((await store.inventoryStats()).devices).toBe(0);
    });
  });
}
