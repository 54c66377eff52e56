// The Smart Metering Inventory service: lifecycle, HAN joins and registration lookups over a Store.
import { JOIN_TARGET_TYPES, type SmiStatus } from '../core/devices.ts';
import { ConflictError, InvalidValueError, NotFoundError } from '../core/errors.ts';
import { parseEui64, type Eui64 } from '../core/eui64.ts';
import { parseMpxn, type Mpxn } from '../core/mpxn.ts';
import { isSupplierRole, type RegistrationRole } from '../core/roles.ts';
import type { Store } from '../store/port.ts';
import { assertTransition } from './lifecycle.ts';
import { holdersAt, type Holders } from './registrations.ts';
import type { Device, HanJoin, Registration, StatusChange } from './types.ts';

/** Everything the SMI knows about one device. */
export interface DeviceRecord {
  readonly device: Device;
  readonly history: readonly StatusChange[];
  readonly joins: readonly HanJoin[];
  readonly registrations: readonly Registration[];
}

/** What a lookup by device ID or MPxN found. */
export type LookupResult =
  | { readonly kind: 'device'; readonly record: DeviceRecord }
  | {
      readonly kind: 'supply-point';
      readonly mpxn: Mpxn;
      readonly devices: readonly Device[];
      readonly registrations: readonly Registration[];
    };

/** The inventory operations the rest of opendsp uses. */
export interface Inventory {
  /** The device with this ID; NotFoundError when the SMI has none. */
  device(id: Eui64): Promise<Device>;
  /** A device with its status history, joins and its supply point's registrations. */
  record(id: Eui64): Promise<DeviceRecord>;
  /** Looks up a device ID (`XX-XX-…`) or an MPxN; NotFoundError when nothing matches. */
  lookup(text: string): Promise<LookupResult>;
  /** Moves a device to a new status if the lifecycle allows it. */
  changeStatus(id: Eui64, to: SmiStatus, at: Date): Promise<StatusChange>;
  /** Records that `deviceId` joined `targetId` (an ESME, GSME or GPF). */
  join(deviceId: Eui64, targetId: Eui64, at: Date): Promise<HanJoin>;
  /** Records the end of a join; false when the SMI holds no such join. */
  unjoin(deviceId: Eui64, targetId: Eui64, at: Date): Promise<boolean>;
  /** True when the SMI holds an open join of `deviceId` to `targetId`. */
  isJoined(deviceId: Eui64, targetId: Eui64): Promise<boolean>;
  /** Who held each registration role for the device's supply point at `at`. */
  holdersAt(id: Eui64, at: Date): Promise<Holders>;
  /** Change of Supplier: `userId` becomes the Responsible Supplier in `role` from `at`. */
  changeOfSupplier(change: {
    readonly mpxn: Mpxn;
    readonly role: RegistrationRole;
    readonly userId: Eui64;
    readonly at: Date;
  }): Promise<void>;
}

/** Options for {@link createInventory}. */
export interface InventoryOptions {
  readonly store: Store;
}

/** Creates the inventory service over a store. */
export function createInventory({ store }: InventoryOptions): Inventory {
  async function device(id: Eui64): Promise<Device> {
    const found = await store.getDevice(id);
    if (!found) throw new NotFoundError('Device', id);
    return found;
  }

  async function record(id: Eui64): Promise<DeviceRecord> {
    const found = await device(id);
    const [history, joins, registrations] = await Promise.all([
      store.statusHistory(id),
      store.joinsOf(id),
      found.mpxn ? store.registrations(found.mpxn) : Promise.resolve([]),
    ]);
    return { device: found, history, joins, registrations };
  }

  async function isJoined(deviceId: Eui64, targetId: Eui64): Promise<boolean> {
    const joins = await store.joinsOf(deviceId);
    return joins.some(
      (j) => j.deviceId === deviceId && j.targetId === targetId && j.unjoinedAt === null,
    );
  }

  return {
    device,
    record,
    isJoined,

    async lookup(text) {
      const trimmed = text.trim();
      if (trimmed.includes('-')) {
        return { kind: 'device', record: await record(parseEui64(trimmed, 'device ID')) };
      }
      if (!/^[\d ]+$/.test(trimmed)) {
        throw new InvalidValueError(
          'device ID or MPxN',
          text,
          'expected an EUI-64 device ID (XX-XX-XX-XX-XX-XX-XX-XX) or an MPAN core / MPRN',
        );
      }
      const mpxn = parseMpxn(trimmed);
      const [devices, registrations] = await Promise.all([
        store.devicesByMpxn(mpxn),
        store.registrations(mpxn),
      ]);
      if (devices.length === 0 && registrations.length === 0) {
        throw new NotFoundError('Supply point', mpxn);
      }
      return { kind: 'supply-point', mpxn, devices, registrations };
    },

    async changeStatus(id, to, at) {
      const current = await device(id);
      assertTransition(id, current.status, to);
      const change: StatusChange = { deviceId: id, from: current.status, to, at };
      await store.recordStatusChange(change);
      return change;
    },

    async join(deviceId, targetId, at) {
      if (deviceId === targetId) {
        throw new InvalidValueError('Other Device', deviceId, 'a device cannot join itself');
      }
      const [other, target] = await Promise.all([device(deviceId), device(targetId)]);
      if (!(JOIN_TARGET_TYPES as readonly string[]).includes(target.type)) {
        throw new InvalidValueError(
          'Business Target device',
          `${targetId} (${target.type})`,
          `a join target must be one of ${JOIN_TARGET_TYPES.join(', ')}`,
        );
      }
      if (await isJoined(other.id, target.id)) {
        throw new ConflictError(`device ${deviceId} is already joined to ${targetId} in the SMI`);
      }
      const join: HanJoin = { deviceId, targetId, joinedAt: at, unjoinedAt: null };
      await store.insertJoins([join]);
      return join;
    },

    unjoin: (deviceId, targetId, at) => store.endJoin(deviceId, targetId, at),

    async holdersAt(id, at) {
      const found = await device(id);
      if (!found.mpxn) return {};
      return holdersAt(await store.registrations(found.mpxn), at);
    },

    async changeOfSupplier({ mpxn, role, userId, at }) {
      if (!isSupplierRole(role)) {
        throw new InvalidValueError('role', role, 'a Change of Supplier applies to supplier roles');
      }
      await store.replaceRegistration({ mpxn, role, userId, from: at, to: null });
    },
  };
}
