// The synthetic market: SEC Parties and the DCC User IDs they hold in each User Role.
import type { Eui64 } from '../core/eui64.ts';
import type { UserRole } from '../core/roles.ts';
import type { DccUser } from '../inventory/types.ts';

/** A SEC Party of the synthetic market and the roles it holds User IDs in. */
export interface PartySpec {
  readonly partyId: string;
  readonly name: string;
  readonly roles: readonly UserRole[];
  /** Relative share of supply points it wins (suppliers only). */
  readonly share?: number;
  /** Distribution regions (distributor IDs) it operates, for network operators. */
  readonly regions?: readonly number[];
}

/**
 * Supplier and service-company names are invented. Network operators are the real licensees of
 * each region, because which company runs which network is public and users expect it.
 */
export const PARTIES: readonly PartySpec[] = [
  {
    partyId: 'BWE',
    name: 'Brightwater Energy',
    roles: ['ImportSupplier', 'GasSupplier', 'ExportSupplier'],
    share: 22,
  },
  {
    partyId: 'NSP',
    name: 'Northstar Power',
    roles: ['ImportSupplier', 'GasSupplier', 'ExportSupplier'],
    share: 18,
  },
  {
    partyId: 'KGE',
    name: 'Kestrel Gas & Electric',
    roles: ['ImportSupplier', 'GasSupplier'],
    share: 15,
  },
  {
    partyId: 'HES',
    name: 'Harbour Energy Supply',
    roles: ['ImportSupplier', 'GasSupplier', 'ExportSupplier'],
    share: 13,
  },
  { partyId: 'MDU', name: 'Meadow Utilities', roles: ['ImportSupplier', 'GasSupplier'], share: 9 },
  {
    partyId: 'CLE',
    name: 'Copperleaf Energy',
    roles: ['ImportSupplier', 'GasSupplier', 'ExportSupplier'],
    share: 8,
  },
  { partyId: 'LHE', name: 'Lumen Home Energy', roles: ['ImportSupplier', 'GasSupplier'], share: 6 },
  { partyId: 'FNP', name: 'Fenland Power', roles: ['ImportSupplier'], share: 4 },
  { partyId: 'TWG', name: 'Tidewater Gas', roles: ['GasSupplier'], share: 3 },
  { partyId: 'SXP', name: 'Solstice Export', roles: ['ExportSupplier'], share: 2 },
  {
    partyId: 'UKPN',
    name: 'UK Power Networks',
    roles: ['ElectricityDistributor'],
    regions: [10, 12, 19],
  },
  {
    partyId: 'NGED',
    name: 'National Grid Electricity Distribution',
    roles: ['ElectricityDistributor'],
    regions: [11, 14, 21, 22],
  },
  {
    partyId: 'SPEN',
    name: 'SP Energy Networks',
    roles: ['ElectricityDistributor'],
    regions: [13, 18],
  },
  {
    partyId: 'NPG',
    name: 'Northern Powergrid',
    roles: ['ElectricityDistributor'],
    regions: [15, 23],
  },
  {
    partyId: 'ENWL',
    name: 'Electricity North West',
    roles: ['ElectricityDistributor'],
    regions: [16],
  },
  {
    partyId: 'SSEN',
    name: 'Scottish and Southern Electricity Networks',
    roles: ['ElectricityDistributor'],
    regions: [17, 20],
  },
  {
    partyId: 'CAD',
    name: 'Cadent Gas',
    roles: ['GasTransporter'],
    regions: [10, 11, 12, 13, 14, 16],
  },
  { partyId: 'NGN', name: 'Northern Gas Networks', roles: ['GasTransporter'], regions: [15, 23] },
  { partyId: 'SGN', name: 'SGN', roles: ['GasTransporter'], regions: [17, 18, 19, 20] },
  { partyId: 'WWU', name: 'Wales & West Utilities', roles: ['GasTransporter'], regions: [21, 22] },
  { partyId: 'GWI', name: 'Gridwise Insights', roles: ['OtherUser'] },
  { partyId: 'HVA', name: 'HomeView Apps', roles: ['OtherUser'] },
  { partyId: 'MWA', name: 'Meterworks Agency', roles: ['RegisteredSupplierAgent'] },
];

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).toUpperCase().padStart(2, '0'));

/** Formats eight bytes (given as a 24-bit prefix and a 40-bit value) as an EUI-64. */
export function formatEui64(prefix24: number, low40: number): Eui64 {
  const hi = Math.floor(low40 / 2 ** 32);
  const lo = low40 >>> 0;
  return `${HEX[(prefix24 >>> 16) & 255]}-${HEX[(prefix24 >>> 8) & 255]}-${HEX[prefix24 & 255]}-${HEX[hi & 255]}-${HEX[lo >>> 24]}-${HEX[(lo >>> 16) & 255]}-${HEX[(lo >>> 8) & 255]}-${HEX[lo & 255]}` as Eui64;
}

/** The User ID prefix of the synthetic market (the DCC test data set uses 90-B3-D5-1F-30-…). */
const USER_PREFIX = 0x90b3d5;

/** The DCC Users of the synthetic market: one User ID per party, role and (for DNOs) region. */
export function marketUsers(): DccUser[] {
  const users: DccUser[] = [];
  let serial = 0x1f3001_0000;
  for (const party of PARTIES) {
    for (const role of party.roles) {
      const perRegion = role === 'ElectricityDistributor' ? (party.regions ?? []) : [0];
      for (let r = 0; r < perRegion.length; r++) {
        serial += 0x100;
        users.push({
          userId: formatEui64(USER_PREFIX, serial),
          role,
          partyId: party.partyId,
          partyName: party.name,
        });
      }
    }
  }
  return users;
}

/** Index of the market for the generator: who can be chosen for what. */
export interface Market {
  readonly users: readonly DccUser[];
  /** Supplier User IDs per supplier role with their market share weights. */
  readonly suppliers: Readonly<
    Record<
      'ImportSupplier' | 'GasSupplier' | 'ExportSupplier',
      readonly (readonly [DccUser, number])[]
    >
  >;
  /** The Electricity Distributor User ID of each region. */
  readonly distributorOf: ReadonlyMap<number, DccUser>;
  /** The Gas Transporter User ID of each region. */
  readonly transporterOf: ReadonlyMap<number, DccUser>;
}

/** Builds the market index from the party list. */
export function buildMarket(): Market {
  const users = marketUsers();
  const shareOf = new Map(PARTIES.map((p) => [p.partyId, p.share ?? 0]));
  const suppliersIn = (role: UserRole): (readonly [DccUser, number])[] =>
    users.filter((u) => u.role === role).map((u) => [u, shareOf.get(u.partyId) ?? 0] as const);
  const distributorOf = new Map<number, DccUser>();
  const transporterOf = new Map<number, DccUser>();
  for (const party of PARTIES) {
    const eds = users.filter(
      (u) => u.partyId === party.partyId && u.role === 'ElectricityDistributor',
    );
    const gt = users.find((u) => u.partyId === party.partyId && u.role === 'GasTransporter');
    (party.regions ?? []).forEach((region, i) => {
      const ed = eds[i];
      if (ed) distributorOf.set(region, ed);
      if (gt) transporterOf.set(region, gt);
    });
  }
  return {
    users,
    suppliers: {
      ImportSupplier: suppliersIn('ImportSupplier'),
      GasSupplier: suppliersIn('GasSupplier'),
      ExportSupplier: suppliersIn('ExportSupplier'),
    },
    distributorOf,
    transporterOf,
  };
}
