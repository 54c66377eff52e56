// The storage port: everything the domain asks of a database, engine-neutral.
import type { Eui64 } from '../core/eui64.ts';
import type { Mpxn } from '../core/mpxn.ts';
import type { AnalyticsStore } from './analytics-port.ts';
import type { AuditStore, DspWriteStore, OutboxStore } from './audit-port.ts';
import type { DspStore } from './dsp-port.ts';
import type { SsiStore } from './ssi-port.ts';
import type {
  DccUser,
  Device,
  HanJoin,
  InventoryStats,
  Registration,
  StatusChange,
} from '../inventory/types.ts';

/** The storage engines opendsp ships. */
export type Engine = 'duckdb' | 'postgres';

/**
 * What the domain needs from storage: the inventory, the Service Audit Trail, the outbox, the
 * DSP's own records and the SSI's accounts. Batch methods write all rows in one transaction:
 * either every row lands or none does.
 */
export interface Store
  extends
    InventoryStore,
    AuditStore,
    OutboxStore,
    DspWriteStore,
    DspStore,
    SsiStore,
    AnalyticsStore {}

/**
 * The store's lifecycle and the Smart Metering Inventory. Reads by device ID and by MPxN are
 * indexed.
 */
export interface InventoryStore {
  /** Which engine this is. */
  readonly engine: Engine;
  /** Where the data lives (file path or a URL with any password removed), for messages. */
  readonly location: string;

  /** Applies any migrations not yet applied; returns the versions it applied, oldest first. */
  migrate(): Promise<readonly number[]>;
  /** The highest migration version applied (0 on an empty database). */
  schemaVersion(): Promise<number>;

  /** Adds DCC Users; a User ID already present is a ConflictError and nothing is written. */
  insertUsers(users: readonly DccUser[]): Promise<void>;
  /** All DCC Users, ordered by User ID then role. */
  listUsers(): Promise<DccUser[]>;

  /** Adds devices in one batch; a device ID already present is a ConflictError, nothing written. */
  insertDevices(devices: readonly Device[]): Promise<void>;
  /** The device with this ID, or undefined. */
  getDevice(id: Eui64): Promise<Device | undefined>;
  /** Devices serving this supply point, ordered by type then ID. */
  devicesByMpxn(mpxn: Mpxn): Promise<Device[]>;
  /**
   * Records a status change and sets the device's current status, atomically. Does not check
   * the lifecycle (the inventory does); refuses (ConflictError) if the device's current status
   * is not `change.from`, so concurrent writers cannot skip a step.
   */
  recordStatusChange(change: StatusChange): Promise<void>;
  /** A device's status history, oldest first. */
  statusHistory(id: Eui64): Promise<StatusChange[]>;

  /** Adds HAN joins in one batch. */
  insertJoins(joins: readonly HanJoin[]): Promise<void>;
  /** Marks the open join of `deviceId` to `targetId` as ended; false if there was none. */
  endJoin(deviceId: Eui64, targetId: Eui64, at: Date): Promise<boolean>;
  /** Every join, open or ended, in which the device is either side; oldest first. */
  joinsOf(id: Eui64): Promise<HanJoin[]>;

  /** Adds registrations in one batch. */
  insertRegistrations(registrations: readonly Registration[]): Promise<void>;
  /**
   * Ends the open registration for (mpxn, role) at `at` and opens `next` from `at`, in one
   * transaction. Refuses (ConflictError) when there is no open registration to end.
   */
  replaceRegistration(next: Registration): Promise<void>;
  /** Registration history of a supply point, ordered by role then start. */
  registrations(mpxn: Mpxn): Promise<Registration[]>;

  /** Summary counts of the whole estate. */
  inventoryStats(): Promise<InventoryStats>;

  /** Releases the connection (and, for DuckDB, the file lock). */
  close(): Promise<void>;
}
