// The closed vocabularies that schema version 1 stores as enum types, frozen as written then.
//
// Migrations are history: they must not change when src/core grows a value. A test compares
// these lists with src/core; when it fails, add a migration that extends the enum types.

/** Device types as schema version 1 knows them (DUIS `DeviceType`, in core order). */
export const V1_DEVICE_TYPES = [
  'ESME',
  'GSME',
  'CHF',
  'GPF',
  'PPMID',
  'IHD',
  'CAD',
  'HCALCS',
  'Type2',
] as const;

/** SMI statuses as schema version 1 knows them (DUIS `DeviceStatus`, in core order). */
export const V1_SMI_STATUSES = [
  'Pending',
  'Whitelisted',
  'InstalledNotCommissioned',
  'Commissioned',
  'Decommissioned',
  'Withdrawn',
  'Suspended',
  'Recovery',
  'Recovered',
] as const;

/** SMETS generations as schema version 1 knows them. */
export const V1_SMETS_GENERATIONS = ['SMETS1', 'SMETS2'] as const;

/** User Roles as schema version 1 knows them (registrations use the same type). */
export const V1_USER_ROLES = [
  'ImportSupplier',
  'ExportSupplier',
  'GasSupplier',
  'ElectricityDistributor',
  'GasTransporter',
  'OtherUser',
  'RegisteredSupplierAgent',
  'DCC',
] as const;

/** Audit record kinds as schema version 2 knows them (src/audit/records.ts order). */
export const V2_AUDIT_KINDS = ['request', 'acknowledgement', 'response', 'alert'] as const;

/** Audit outcomes as schema version 2 knows them. */
export const V2_AUDIT_OUTCOMES = ['success', 'failure', 'pending'] as const;

/** Wire formats of audited and outbound messages as schema version 2 knows them. */
export const V2_WIRE_FORMATS = ['xml', 'json'] as const;

/** Renders values as a SQL list of string literals, e.g. `('A', 'B')`. */
export function sqlStringList(values: readonly string[]): string {
  return `(${values.map((v) => `'${v.replaceAll("'", "''")}'`).join(', ')})`;
}
