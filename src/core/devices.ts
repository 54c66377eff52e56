// Device vocabulary: device types, SMETS generation and SMI statuses as DUIS names them.
import { InvalidValueError } from './errors.ts';

/** Device types of the Smart Metering Inventory (DUIS `DeviceType`), with Type 2 devices. */
export const DEVICE_TYPES = [
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
/** One device type. */
export type DeviceType = (typeof DEVICE_TYPES)[number];

/** Human names of the device types. */
export const DEVICE_TYPE_NAMES: Readonly<Record<DeviceType, string>> = {
  ESME: 'Electricity Smart Metering Equipment',
  GSME: 'Gas Smart Metering Equipment',
  CHF: 'Communications Hub Function',
  GPF: 'Gas Proxy Function',
  PPMID: 'Prepayment Meter Interface Device',
  IHD: 'In-Home Display',
  CAD: 'Consumer Access Device',
  HCALCS: 'HAN Connected Auxiliary Load Control Switch',
  Type2: 'Type 2 Device',
};

/** Device types that can be the business target a HAN join is made on (DUIS 8.7.x). */
export const JOIN_TARGET_TYPES = ['ESME', 'GSME', 'GPF'] as const;
/** A device type that other devices join. */
export type JoinTargetType = (typeof JOIN_TARGET_TYPES)[number];

/** SMETS generations; SMETS2 stands for SMETS2 and later. */
export const SMETS_GENERATIONS = ['SMETS1', 'SMETS2'] as const;
/** A SMETS generation. */
export type SmetsGeneration = (typeof SMETS_GENERATIONS)[number];

/** SMI device statuses (DUIS `DeviceStatus`). */
export const SMI_STATUSES = [
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
/** One SMI status. */
export type SmiStatus = (typeof SMI_STATUSES)[number];

function parseFrom<T extends string>(values: readonly T[], field: string, text: string): T {
  const found = values.find((v) => v.toLowerCase() === text.trim().toLowerCase());
  if (found === undefined) {
    throw new InvalidValueError(field, text, `expected one of ${values.join(', ')}`);
  }
  return found;
}

/** Parses a device type by name (case-insensitive). */
export function parseDeviceType(text: string, field = 'device type'): DeviceType {
  return parseFrom(DEVICE_TYPES, field, text);
}

/** Parses a SMETS generation (`SMETS1`, `SMETS2`; `2`, `SMETS2+` accepted). */
export function parseSmetsGeneration(text: string, field = 'SMETS generation'): SmetsGeneration {
  const t = text
    .trim()
    .toUpperCase()
    .replace(/^SMETS/, '')
    .replace(/\+$/, '');
  if (t === '1') return 'SMETS1';
  if (t === '2') return 'SMETS2';
  throw new InvalidValueError(field, text, 'expected SMETS1 or SMETS2');
}

/** Parses an SMI status by name (case-insensitive). */
export function parseSmiStatus(text: string, field = 'SMI status'): SmiStatus {
  return parseFrom(SMI_STATUSES, field, text);
}
