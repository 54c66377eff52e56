// Records of the Smart Metering Inventory: devices, HAN joins, registrations and DCC Users.
import type { DeviceType, SmetsGeneration, SmiStatus } from '../core/devices.ts';
import type { Eui64 } from '../core/eui64.ts';
import type { Mpxn } from '../core/mpxn.ts';
import type { RegistrationRole, UserRole } from '../core/roles.ts';

/** A device as the SMI holds it. */
export interface Device {
  readonly id: Eui64;
  readonly type: DeviceType;
  readonly manufacturer: string;
  readonly model: string;
  readonly firmwareVersion: string;
  readonly smets: SmetsGeneration;
  /** MPAN distributor ID (10–23) of the region the device is in. */
  readonly region: number;
  /**
   * The supply point the device serves: the meter's own MPxN for ESME / GSME / GPF; for a
   * CHF, IHD, PPMID or CAD, the premises' primary MPxN (electricity if there is one).
   */
  readonly mpxn: Mpxn | null;
  readonly status: SmiStatus;
  /** When the device entered its current status. */
  readonly statusSince: Date;
}

/** One step of a device's SMI status history. */
export interface StatusChange {
  readonly deviceId: Eui64;
  readonly from: SmiStatus;
  readonly to: SmiStatus;
  readonly at: Date;
}

/** A change the DSP made to the SMI, written to the store with the requests that made it. */
export type SmiChange =
  | { readonly kind: 'join'; readonly join: HanJoin }
  | {
      readonly kind: 'unjoin';
      readonly deviceId: Eui64;
      readonly targetId: Eui64;
      readonly at: Date;
    }
  | { readonly kind: 'status'; readonly change: StatusChange };

/** A HAN join as the SMI records it: `deviceId` (the Other Device) joined to `targetId`. */
export interface HanJoin {
  readonly deviceId: Eui64;
  /** The business target device: an ESME, GSME or GPF. */
  readonly targetId: Eui64;
  readonly joinedAt: Date;
  /** When the SMI recorded the unjoin; null while joined. */
  readonly unjoinedAt: Date | null;
}

/**
 * Who held a registration role for a supply point, from `from` (inclusive) to `to`
 * (exclusive; null while current). Suppliers change on Change of Supplier; Network Operators
 * rarely change.
 */
export interface Registration {
  readonly mpxn: Mpxn;
  readonly role: RegistrationRole;
  readonly userId: Eui64;
  readonly from: Date;
  readonly to: Date | null;
}

/** A DCC User: one User ID held by a SEC Party in one User Role. */
export interface DccUser {
  readonly userId: Eui64;
  readonly role: UserRole;
  /** Short code of the SEC Party (organisation) holding the User ID. */
  readonly partyId: string;
  readonly partyName: string;
}

/** Counts that summarise an estate. */
export interface InventoryStats {
  readonly devices: number;
  readonly byType: Readonly<Record<string, number>>;
  readonly byStatus: Readonly<Record<string, number>>;
  readonly bySmets: Readonly<Record<string, number>>;
  readonly byRegion: Readonly<Record<string, number>>;
  readonly models: number;
  readonly supplyPoints: number;
  readonly users: number;
  readonly activeJoins: number;
  readonly registrations: number;
}
