// The 14 GB electricity distribution regions (MPAN distributor IDs 10–23).
import { InvalidValueError } from './errors.ts';

/** A distribution region: MPAN distributor ID, GSP group, name, licensed DNO, CSP region. */
export interface Region {
  readonly distributorId: number;
  readonly gspGroup: string;
  readonly name: string;
  readonly dno: string;
  /** Communications Service Provider region serving SMETS2 devices there. */
  readonly cspRegion: 'North' | 'Central' | 'South';
}

/** The 14 regions in distributor-ID order. */
export const REGIONS: readonly Region[] = [
  {
    distributorId: 10,
    gspGroup: '_A',
    name: 'Eastern',
    dno: 'Eastern Power Networks',
    cspRegion: 'Central',
  },
  {
    distributorId: 11,
    gspGroup: '_B',
    name: 'East Midlands',
    dno: 'National Grid Electricity Distribution (East Midlands)',
    cspRegion: 'Central',
  },
  {
    distributorId: 12,
    gspGroup: '_C',
    name: 'London',
    dno: 'London Power Networks',
    cspRegion: 'South',
  },
  {
    distributorId: 13,
    gspGroup: '_D',
    name: 'Merseyside and North Wales',
    dno: 'SP Manweb',
    cspRegion: 'Central',
  },
  {
    distributorId: 14,
    gspGroup: '_E',
    name: 'West Midlands',
    dno: 'National Grid Electricity Distribution (West Midlands)',
    cspRegion: 'Central',
  },
  {
    distributorId: 15,
    gspGroup: '_F',
    name: 'North East',
    dno: 'Northern Powergrid (Northeast)',
    cspRegion: 'North',
  },
  {
    distributorId: 16,
    gspGroup: '_G',
    name: 'North West',
    dno: 'Electricity North West',
    cspRegion: 'North',
  },
  {
    distributorId: 17,
    gspGroup: '_P',
    name: 'North Scotland',
    dno: 'Scottish Hydro Electric Power Distribution',
    cspRegion: 'North',
  },
  {
    distributorId: 18,
    gspGroup: '_N',
    name: 'South Scotland',
    dno: 'SP Distribution',
    cspRegion: 'North',
  },
  {
    distributorId: 19,
    gspGroup: '_J',
    name: 'South East',
    dno: 'South Eastern Power Networks',
    cspRegion: 'South',
  },
  {
    distributorId: 20,
    gspGroup: '_H',
    name: 'Southern',
    dno: 'Southern Electric Power Distribution',
    cspRegion: 'South',
  },
  {
    distributorId: 21,
    gspGroup: '_K',
    name: 'South Wales',
    dno: 'National Grid Electricity Distribution (South Wales)',
    cspRegion: 'Central',
  },
  {
    distributorId: 22,
    gspGroup: '_L',
    name: 'South West',
    dno: 'National Grid Electricity Distribution (South West)',
    cspRegion: 'South',
  },
  {
    distributorId: 23,
    gspGroup: '_M',
    name: 'Yorkshire',
    dno: 'Northern Powergrid (Yorkshire)',
    cspRegion: 'North',
  },
];

const BY_ID = new Map(REGIONS.map((r) => [r.distributorId, r]));

/** The region with a distributor ID, or a clear error. */
export function regionById(id: number, field = 'region'): Region {
  const region = BY_ID.get(id);
  if (!region) {
    throw new InvalidValueError(field, id, 'expected a GB distributor ID from 10 to 23');
  }
  return region;
}

/** Parses a region from its distributor ID (`12`), GSP group (`_C`) or name (`London`). */
export function parseRegion(text: string, field = 'region'): Region {
  const t = text.trim();
  const found =
    (/^\d+$/.test(t) ? BY_ID.get(Number(t)) : undefined) ??
    REGIONS.find((r) => r.gspGroup.toLowerCase() === t.toLowerCase()) ??
    REGIONS.find((r) => r.name.toLowerCase() === t.toLowerCase());
  if (!found) {
    throw new InvalidValueError(
      field,
      text,
      'expected a distributor ID (10–23), a GSP group (_A…_P) or a region name',
    );
  }
  return found;
}
