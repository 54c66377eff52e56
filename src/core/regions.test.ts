import { describe, expect, it } from 'vitest';
import { InvalidValueError } from './errors.ts';
import { parseRegion, regionById, REGIONS } from './regions.ts';

describe('distribution regions', () => {
  it('has 14 regions with distributor IDs 10 to 23, each once, in order', () => {
    expect(REGIONS).toHaveLength(14);
    expect(REGIONS.map((r) => r.distributorId)).toEqual(
      Array.from({ length: 14 }, (_, i) => 10 + i),
    );
  });

  it('has unique GSP groups _A–_P (no _I or _O) and unique names', () => {
    const groups = REGIONS.map((r) => r.gspGroup);
    expect(new Set(groups).size).toBe(14);
    expect([...groups].sort()).toEqual([
      '_A',
      '_B',
      '_C',
      '_D',
      '_E',
      '_F',
      '_G',
      '_H',
      '_J',
      '_K',
      '_L',
      '_M',
      '_N',
      '_P',
    ]);
    expect(new Set(REGIONS.map((r) => r.name)).size).toBe(14);
  });

  it('pins a few well-known pairings', () => {
    expect(regionById(12)).toMatchObject({ gspGroup: '_C', name: 'London', cspRegion: 'South' });
    expect(regionById(17)).toMatchObject({ gspGroup: '_P', name: 'North Scotland' });
    expect(regionById(18)).toMatchObject({ gspGroup: '_N', name: 'South Scotland' });
    expect(regionById(23)).toMatchObject({ gspGroup: '_M', cspRegion: 'North' });
  });

  it('parses by distributor ID, GSP group or name', () => {
    expect(parseRegion('12').name).toBe('London');
    expect(parseRegion('_c').name).toBe('London');
    expect(parseRegion(' london ').distributorId).toBe(12);
    expect(parseRegion('South Wales').gspGroup).toBe('_K');
  });

  it('refuses an unknown region', () => {
    expect(() => parseRegion('24')).toThrow(InvalidValueError);
    expect(() => parseRegion('Atlantis', 'GSP')).toThrow(/^GSP: "Atlantis" is not valid/);
    expect(() => regionById(9)).toThrow(/10 to 23/);
  });
});
