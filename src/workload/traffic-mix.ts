// The mix of Service Requests each User Role sends, by SRV, for the traffic generator.
import type { DeviceType } from '../core/devices.ts';
import type { UserRole } from '../core/roles.ts';

/** One kind of request a role sends: the SRV, its relative weight, and what it targets. */
export interface MixEntry {
  readonly srv: string;
  readonly weight: number;
  /** Device types it is sent to (non-device SRVs: the device named in the body). */
  readonly targets: readonly DeviceType[];
}

/**
 * Weights follow the shape DCC describes publicly: meter reading is about 60% of traffic;
 * configuration, prepayment, security and install work share the rest. Figures within each
 * group are opendsp's estimates, not published data.
 */
export const TRAFFIC_MIX: Readonly<Partial<Record<UserRole, readonly MixEntry[]>>> = {
  ImportSupplier: [
    { srv: '4.6.1', weight: 24, targets: ['ESME'] },
    { srv: '4.8.1', weight: 14, targets: ['ESME'] },
    { srv: '4.1.1', weight: 10, targets: ['ESME'] },
    { srv: '4.17', weight: 8, targets: ['ESME'] },
    { srv: '4.18', weight: 3, targets: ['ESME'] },
    { srv: '4.3', weight: 2, targets: ['ESME'] },
    { srv: '2.2', weight: 5, targets: ['ESME'] },
    { srv: '1.1.1', weight: 3, targets: ['ESME'] },
    { srv: '1.2.1', weight: 1, targets: ['ESME'] },
    { srv: '6.2.7', weight: 2, targets: ['ESME'] },
    { srv: '6.2.4', weight: 1, targets: ['ESME'] },
    { srv: '6.13', weight: 1, targets: ['ESME'] },
    { srv: '7.4', weight: 2, targets: ['ESME'] },
    { srv: '11.2', weight: 2, targets: ['ESME'] },
    { srv: '8.2', weight: 3, targets: ['ESME', 'CHF'] },
    { srv: '8.7.2', weight: 1, targets: ['ESME'] },
    { srv: '8.8.2', weight: 0.5, targets: ['ESME'] },
    { srv: '8.11', weight: 1, targets: ['CHF'] },
    { srv: '6.23', weight: 0.6, targets: ['ESME'] },
    { srv: '3.2', weight: 0.4, targets: ['ESME'] },
    { srv: '6.15.2', weight: 0.3, targets: ['ESME'] },
    { srv: '8.14.1', weight: 0.3, targets: ['CHF'] },
  ],
  GasSupplier: [
    { srv: '4.6.1', weight: 22, targets: ['GSME'] },
    { srv: '4.8.1', weight: 10, targets: ['GSME'] },
    { srv: '4.1.1', weight: 9, targets: ['GSME'] },
    { srv: '4.17', weight: 8, targets: ['GSME'] },
    { srv: '2.2', weight: 4, targets: ['GSME'] },
    { srv: '1.1.1', weight: 2, targets: ['GSME'] },
    { srv: '6.2.7', weight: 2, targets: ['GSME'] },
    { srv: '8.2', weight: 2, targets: ['GSME'] },
    { srv: '8.7.2', weight: 0.8, targets: ['GSME'] },
    { srv: '8.8.2', weight: 0.4, targets: ['GSME'] },
    { srv: '6.23', weight: 0.5, targets: ['GSME'] },
    { srv: '11.2', weight: 1, targets: ['GSME'] },
  ],
  ExportSupplier: [
    { srv: '4.6.2', weight: 20, targets: ['ESME'] },
    { srv: '4.8.3', weight: 10, targets: ['ESME'] },
    { srv: '4.2', weight: 5, targets: ['ESME'] },
    { srv: '8.2', weight: 1, targets: ['ESME'] },
  ],
  ElectricityDistributor: [
    { srv: '4.8.1', weight: 6, targets: ['ESME'] },
    { srv: '4.10', weight: 4, targets: ['ESME'] },
    { srv: '4.1.1', weight: 2, targets: ['ESME'] },
    { srv: '4.12.1', weight: 1, targets: ['ESME'] },
    { srv: '6.22', weight: 0.3, targets: ['ESME'] },
    { srv: '6.15.1', weight: 0.1, targets: ['ESME'] },
    { srv: '8.2', weight: 1, targets: ['ESME'] },
  ],
  GasTransporter: [
    { srv: '4.1.1', weight: 2, targets: ['GSME'] },
    { srv: '4.17', weight: 1, targets: ['GSME'] },
    { srv: '8.2', weight: 0.5, targets: ['GSME'] },
  ],
  OtherUser: [
    { srv: '4.8.1', weight: 4, targets: ['ESME'] },
    { srv: '4.17', weight: 3, targets: ['ESME', 'GSME'] },
    { srv: '8.7.2', weight: 0.3, targets: ['ESME'] },
  ],
};

/** Share of all traffic each role sends. */
export const ROLE_SHARE: Readonly<Partial<Record<UserRole, number>>> = {
  ImportSupplier: 55,
  GasSupplier: 30,
  ExportSupplier: 3,
  ElectricityDistributor: 8,
  GasTransporter: 1,
  OtherUser: 3,
};
