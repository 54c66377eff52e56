// The Smart Metering Inventory: device records, lifecycle, joins and registration history.
export type {
  DccUser,
  Device,
  HanJoin,
  InventoryStats,
  Registration,
  StatusChange,
} from './types.ts';
export { ACTIVE_STATUSES, SMI_TRANSITIONS, assertTransition, canTransition } from './lifecycle.ts';
export { covers, findOverlaps, holdersAt, type Holders } from './registrations.ts';
export {
  createInventory,
  type DeviceRecord,
  type Inventory,
  type InventoryOptions,
  type LookupResult,
} from './inventory.ts';
