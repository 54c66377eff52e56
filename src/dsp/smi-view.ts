// The DSP's in-memory view of the Smart Metering Inventory: fast reads, changes written through.
import type { Eui64 } from '../core/eui64.ts';
import type { Mpxn } from '../core/mpxn.ts';
import { holdersAt, type Holders } from '../inventory/registrations.ts';
import type { Device, HanJoin, Registration, SmiChange, StatusChange } from '../inventory/types.ts';
import { createStagedMap, createTxnScope, type TxnScope } from './staging.ts';

export type { SmiChange };

/** What the pipeline reads and changes in the SMI. */
export interface SmiView {
  device(id: Eui64): Device | undefined;
  /** Devices serving a supply point. */
  devicesAt(mpxn: Mpxn): readonly Device[];
  /** Who held each registration role for the device's supply point at `at`. */
  holdersAt(device: Device, at: Date): Holders;
  /** True when the SMI holds an open join of `deviceId` to `targetId`. */
  isJoined(deviceId: Eui64, targetId: Eui64): boolean;
  /** Records a join (no-op if the SMI already holds it). */
  join(join: HanJoin): void;
  /** Records an unjoin; false when the SMI held no such join. */
  unjoin(change: { deviceId: Eui64; targetId: Eui64; at: Date }): boolean;
  /** Sets a device's status (the caller has checked the lifecycle). */
  setStatus(change: StatusChange): void;
  /** Number of devices held. */
  readonly size: number;
}

/** What the view is built from, and where its changes go. */
export interface SmiViewOptions {
  readonly devices: Iterable<Device>;
  readonly registrations: Iterable<Registration>;
  /** Open joins (ended ones are ignored). */
  readonly joins: Iterable<HanJoin>;
  readonly onChange?: (change: SmiChange) => void;
  /**
   * Changes made inside one of this scope's transactions are staged until it commits (see
   * staging.ts); without a scope every change is kept at once.
   */
  readonly scope?: TxnScope;
}

const joinKey = (deviceId: string, targetId: string): string => `${deviceId}>${targetId}`;

/** Builds the in-memory SMI view. */
export function createSmiView(options: SmiViewOptions): SmiView {
  const scope = options.scope ?? createTxnScope();
  const initial: [string, Device][] = [];
  const byMpxn = new Map<string, Eui64[]>();
  for (const d of options.devices) {
    initial.push([d.id, d]);
    if (d.mpxn) {
      const list = byMpxn.get(d.mpxn);
      if (list) list.push(d.id);
      else byMpxn.set(d.mpxn, [d.id]);
    }
  }
  const devices = createStagedMap<string, Device>(scope, initial);
  const size = initial.length;
  initial.length = 0;
  const registrations = new Map<string, Registration[]>();
  for (const r of options.registrations) {
    const list = registrations.get(r.mpxn);
    if (list) list.push(r);
    else registrations.set(r.mpxn, [r]);
  }
  const open: [string, true][] = [];
  for (const j of options.joins)
    if (j.unjoinedAt === null) open.push([joinKey(j.deviceId, j.targetId), true]);
  const joins = createStagedMap<string, true>(scope, open);
  const emit = options.onChange ?? (() => undefined);

  return {
    size,
    device: (id) => devices.get(id),
    devicesAt: (mpxn) =>
      (byMpxn.get(mpxn) ?? []).flatMap((id) => {
        const device = devices.get(id);
        return device ? [device] : [];
      }),
    holdersAt: (device, at) =>
      device.mpxn ? holdersAt(registrations.get(device.mpxn) ?? [], at) : {},
    isJoined: (deviceId, targetId) => joins.has(joinKey(deviceId, targetId)),
    join(join) {
      const key = joinKey(join.deviceId, join.targetId);
      if (joins.has(key)) return;
      joins.set(key, true);
      emit({ kind: 'join', join });
    },
    unjoin({ deviceId, targetId, at }) {
      const key = joinKey(deviceId, targetId);
      if (!joins.has(key)) return false;
      joins.delete(key);
      emit({ kind: 'unjoin', deviceId, targetId, at });
      return true;
    },
    setStatus(change) {
      const device = devices.get(change.deviceId);
      if (!device) return;
      devices.set(change.deviceId, { ...device, status: change.to, statusSince: change.at });
      emit({ kind: 'status', change });
    },
  };
}
