// The shared DSP-records tests: every engine's index.test.ts runs them against its adapter.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConflictError } from '../core/errors.ts';
import type { Eui64 } from '../core/eui64.ts';
import { OPERATOR, SUPPLIER, auditRecord, exchange, outbound } from './audit.fixtures.ts';
import type { UserCredential } from './dsp-port.ts';
import type { Store } from './port.ts';
import type { StoreHarness } from './store.contract.ts';
import {
  DEVICES,
  HIGH_ID,
  JOINS,
  LOW_ID,
  MID_ID,
  REGISTRATIONS,
  TOP_ID,
  USERS,
  pick,
} from './store.fixtures.ts';

/** A credential with overridable fields; the issuer has commas, quotes and non-ASCII. */
function credential(overrides: Partial<UserCredential> = {}): UserCredential {
  return {
    issuer: 'CN=DCC Issuing CA, O="Smart DCC, Ltd", C=GB, OU=Zürich',
    serial: '340282366920938463463374607431768211455',
    userId: SUPPLIER,
    role: 'ImportSupplier',
    certificatePem: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
    addedAt: new Date('2024-05-01T09:30:00.123Z'),
    ...overrides,
  };
}

const byId = <T extends { readonly id: Eui64 }>(list: readonly T[]): T[] =>
  [...list].sort((a, b) => (a.id < b.id ? -1 : 1));
const byKey = <T>(list: readonly T[]): T[] =>
  [...list].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));

/** Declares the shared DSP-records suite under `name`. */
export function describeDspContract(name: string, harness: StoreHarness): void {
  describe(`DSP records contract: ${name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await harness.open();
    });
    afterEach(async () => {
      await harness.dispose(store);
    });

    it('loads the whole estate, every field kept, with open joins only', async () => {
      expect(await store.loadEstate()).toEqual({
        devices: [],
        registrations: [],
        joins: [],
        users: [],
      });
      await store.insertUsers(USERS);
      await store.insertDevices(DEVICES);
      await store.insertJoins(JOINS);
      await store.insertRegistrations(REGISTRATIONS);
      const estate = await store.loadEstate();
      expect(byId(estate.devices)).toEqual(byId(DEVICES));
      expect(byKey(estate.registrations)).toEqual(byKey(REGISTRATIONS));
      expect(estate.joins).toEqual([pick(JOINS, 0)]);
      expect(estate.users).toEqual(await store.listUsers());
    });

    it('registers credentials, finds them by exact issuer and serial, and lists them', async () => {
      const first = credential();
      const second = credential({ serial: '7', userId: HIGH_ID, role: 'ElectricityDistributor' });
      const third = credential({ issuer: 'CN=Other CA', serial: '7', userId: OPERATOR });
      await store.addCredential(second);
      await store.addCredential(first);
      await store.addCredential(third);
      expect(await store.credential(first.issuer, first.serial)).toEqual(first);
      expect(await store.credential(third.issuer, '7')).toEqual(third);
      expect(await store.credential(first.issuer.toLowerCase(), first.serial)).toBeUndefined();
      expect(await store.credential('CN=Nobody', '1')).toBeUndefined();
      expect(await store.credentials()).toEqual([first, second, third]);
    });

    it('refuses a credential already registered, naming its issuer and serial', async () => {
      await store.addCredential(credential());
      const again = credential({ userId: TOP_ID, addedAt: new Date('2024-06-01T00:00:00Z') });
      const error = await store.addCredential(again).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConflictError);
      expect(String(error)).toContain(again.issuer);
      expect(String(error)).toContain(again.serial);
      expect(await store.credentials()).toEqual([credential()]);
    });

    it('sets, replaces and lists delivery endpoints', async () => {
      expect(await store.endpoints()).toEqual(new Map());
      const at = new Date('2024-05-01T10:00:00Z');
      await store.setEndpoint(SUPPLIER, 'https://supplier.example/duis', at);
      await store.setEndpoint(TOP_ID, 'http://127.0.0.1:9000/in', at);
      await store.setEndpoint(SUPPLIER, 'https://supplier.example/v2', new Date(at.getTime() + 1));
      expect(await store.endpoints()).toEqual(
        new Map([
          [SUPPLIER, 'https://supplier.example/v2'],
          [TOP_ID, 'http://127.0.0.1:9000/in'],
        ]),
      );
    });

    it('writes a batch of requests (trail, outbox, SMI changes in order) in one transaction', async () => {
      await store.insertDevices(DEVICES);
      await store.insertJoins(JOINS);
      const at = (minute: number): Date => new Date(Date.UTC(2024, 4, 1, 12, minute));
      await store.writeDsp({
        audit: [...exchange(1), ...exchange(2)],
        outbox: [outbound(1), outbound(2)],
        smi: [
          // Unjoined and joined again in one batch: the new join must stay open.
          { kind: 'unjoin', deviceId: TOP_ID, targetId: MID_ID, at: at(1) },
          {
            kind: 'join',
            join: { deviceId: TOP_ID, targetId: MID_ID, joinedAt: at(2), unjoinedAt: null },
          },
          {
            kind: 'join',
            join: { deviceId: LOW_ID, targetId: MID_ID, joinedAt: at(3), unjoinedAt: null },
          },
          { kind: 'unjoin', deviceId: LOW_ID, targetId: MID_ID, at: at(4) },
          {
            kind: 'status',
            change: {
              deviceId: TOP_ID,
              from: 'InstalledNotCommissioned',
              to: 'Commissioned',
              at: at(5),
            },
          },
        ],
      });
      expect(await store.auditCount({})).toBe(6);
      expect((await store.pendingFor(SUPPLIER, 10)).map((m) => m.id)).toEqual([
        'msg-0001',
        'msg-0002',
      ]);
      const joins = await store.joinsOf(TOP_ID);
      expect(joins.filter((j) => j.targetId === MID_ID).map((j) => j.unjoinedAt)).toEqual([
        at(1),
        null,
      ]);
      expect((await store.joinsOf(LOW_ID)).map((j) => j.unjoinedAt)).toEqual([at(4)]);
      expect((await store.getDevice(TOP_ID))?.status).toBe('Commissioned');
      expect((await store.statusHistory(TOP_ID)).map((c) => c.to)).toEqual(['Commissioned']);
    });

    it('writes nothing of a batch whose status change conflicts', async () => {
      await store.insertDevices(DEVICES);
      const batch = store.writeDsp({
        audit: exchange(1),
        outbox: [outbound(1)],
        smi: [
          {
            kind: 'join',
            join: { deviceId: LOW_ID, targetId: MID_ID, joinedAt: new Date(0), unjoinedAt: null },
          },
          // LOW_ID is Pending, not Commissioned.
          {
            kind: 'status',
            change: { deviceId: LOW_ID, from: 'Commissioned', to: 'Suspended', at: new Date(0) },
          },
        ],
      });
      await expect(batch).rejects.toThrow(ConflictError);
      await expect(batch).rejects.toThrow(/cannot record Commissioned -> Suspended; it is Pending/);
      expect(await store.auditCount({})).toBe(0);
      expect(await store.pendingFor(SUPPLIER, 10)).toEqual([]);
      expect(await store.joinsOf(LOW_ID)).toEqual([]);
      expect((await store.getDevice(LOW_ID))?.status).toBe('Pending');
    });

    it('does nothing for an empty batch', async () => {
      await store.writeDsp({ audit: [], outbox: [], smi: [] });
      expect(await store.auditCount({})).toBe(0);
    });

    it('gives the highest RequestID counter per originator of authenticated requests', async () => {
      expect(await store.requestCounters()).toEqual(new Map());
      const top = 2n ** 64n - 1n;
      const request = (requestId: string, originatorId: Eui64 | null, id: bigint) =>
        auditRecord({ id, kind: 'request', requestId, originatorId, recipientId: null });
      await store.appendAudit([
        ...exchange(9),
        ...exchange(12),
        ...exchange(3),
        request(`${OPERATOR}:${TOP_ID}:${top}`, OPERATOR, 500n),
        request(`${OPERATOR}:${TOP_ID}:42`, OPERATOR, 501n),
        // A response carries its request's ID; only request records count.
        auditRecord({ id: 502n, requestId: `${SUPPLIER}:${TOP_ID}:5000` }),
        // Unauthenticated (no originator User ID): a forged counter must not count.
        request(`${SUPPLIER}:${TOP_ID}:${top}`, null, 503n),
        // Counters that are not 0 to 2^64−1 in decimal digits are ignored.
        request(`${HIGH_ID}:${TOP_ID}:not-a-number`, HIGH_ID, 504n),
        request(`${HIGH_ID}:${TOP_ID}:${top + 1n}`, HIGH_ID, 506n),
        request(`${HIGH_ID}:${TOP_ID}:1e3`, HIGH_ID, 507n),
        request(`${HIGH_ID}:${TOP_ID}:-1`, HIGH_ID, 508n),
        auditRecord({ id: 505n, kind: 'request', requestId: null, recipientId: null }),
      ]);
      expect(await store.requestCounters()).toEqual(
        new Map([
          [SUPPLIER, 12n],
          [OPERATOR, top],
        ]),
      );
    });
  });
}
