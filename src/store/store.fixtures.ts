// Records for the shared store tests: small, hand-made, covering every field and edge.
import type { Eui64 } from '../core/eui64.ts';
import type { Mpxn } from '../core/mpxn.ts';
import type { DccUser, Device, HanJoin, Registration } from '../inventory/types.ts';

/** An EUI-64 from a number, for tests. */
export function id(n: bigint): Eui64 {
  const hex = n.toString(16).toUpperCase().padStart(16, '0');
  return (hex.match(/../g) ?? []).join('-') as Eui64;
}

/** The item at `index`, or a test failure if the fixture list is shorter. */
export function pick<T>(list: readonly T[], index: number): T {
  const item = list[index];
  if (item === undefined) throw new Error(`fixture list has no item ${index}`);
  return item;
}

/** A supply point shared by the fixture devices (a valid MPAN core). */
export const MPAN = '1200000000011' as Mpxn;
/** A gas supply point. */
export const MPRN = '123456789' as Mpxn;

/** IDs on both sides of 2^63, to catch sign mistakes in engines without unsigned integers. */
export const LOW_ID = id(0x0000_0000_0000_0001n);
export const MID_ID = id(0x7fff_ffff_ffff_ffffn);
export const HIGH_ID = id(0x8000_0000_0000_0000n);
export const TOP_ID = id(0xffff_ffff_ffff_fffen);

/** A device with overridable fields. */
export function device(overrides: Partial<Device> & { readonly id: Eui64 }): Device {
  return {
    type: 'ESME',
    manufacturer: 'Acme Meters',
    model: 'E-100',
    firmwareVersion: '1.0.3',
    smets: 'SMETS2',
    region: 12,
    mpxn: MPAN,
    status: 'Commissioned',
    statusSince: new Date('2024-03-01T10:15:30.123Z'),
    ...overrides,
  };
}

/** DCC Users, given out of order so ordering is tested. */
export const USERS: readonly DccUser[] = [
  {
    userId: TOP_ID,
    role: 'GasSupplier',
    partyId: 'GASCO',
    partyName: 'Gas Co, "quoted"\tand tabbed',
  },
  { userId: LOW_ID, role: 'ImportSupplier', partyId: 'ELEC', partyName: 'Elec Ltd' },
  { userId: HIGH_ID, role: 'ElectricityDistributor', partyId: 'DNO', partyName: 'Net\\work' },
];

/** Devices of one premises plus one with no supply point. */
export const DEVICES: readonly Device[] = [
  device({ id: TOP_ID, type: 'IHD', status: 'InstalledNotCommissioned' }),
  device({ id: HIGH_ID, type: 'CHF', smets: 'SMETS1', region: 23 }),
  device({ id: MID_ID, type: 'ESME' }),
  device({ id: LOW_ID, type: 'ESME', mpxn: null, status: 'Pending' }),
  device({ id: id(0x42n), type: 'GSME', mpxn: MPRN, model: 'G-7', manufacturer: 'Gasworks' }),
];

/** A join of the IHD to the ESME, and an ended one of the CHF. */
export const JOINS: readonly HanJoin[] = [
  {
    deviceId: TOP_ID,
    targetId: MID_ID,
    joinedAt: new Date('2024-03-02T00:00:00.001Z'),
    unjoinedAt: null,
  },
  {
    deviceId: MID_ID,
    targetId: HIGH_ID,
    joinedAt: new Date('2024-01-01T00:00:00.000Z'),
    unjoinedAt: new Date('2024-02-01T12:00:00.999Z'),
  },
];

/** Registrations of the electricity supply point, given out of order. */
export const REGISTRATIONS: readonly Registration[] = [
  {
    mpxn: MPAN,
    role: 'ElectricityDistributor',
    userId: HIGH_ID,
    from: new Date('2020-01-01T00:00:00.000Z'),
    to: null,
  },
  {
    mpxn: MPAN,
    role: 'ImportSupplier',
    userId: LOW_ID,
    from: new Date('2023-05-01T00:00:00.500Z'),
    to: null,
  },
  {
    mpxn: MPAN,
    role: 'ImportSupplier',
    userId: TOP_ID,
    from: new Date('2021-01-01T00:00:00.000Z'),
    to: new Date('2023-05-01T00:00:00.500Z'),
  },
];
