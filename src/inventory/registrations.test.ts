import { describe, expect, it } from 'vitest';
import type { Eui64 } from '../core/eui64.ts';
import type { Mpxn } from '../core/mpxn.ts';
import { covers, findOverlaps, holdersAt } from './registrations.ts';
import type { Registration } from './types.ts';

const mpxn = '1200000000009' as Mpxn;
const A = '90-B3-D5-1F-30-01-00-00' as Eui64;
const B = '90-B3-D5-1F-30-02-00-00' as Eui64;
const DNO = '90-B3-D5-1F-30-0A-00-00' as Eui64;
const d = (s: string): Date => new Date(s);

const history: Registration[] = [
  {
    mpxn,
    role: 'ImportSupplier',
    userId: A,
    from: d('2019-01-01T00:00:00Z'),
    to: d('2024-03-15T00:00:00Z'),
  },
  { mpxn, role: 'ImportSupplier', userId: B, from: d('2024-03-15T00:00:00Z'), to: null },
  { mpxn, role: 'ElectricityDistributor', userId: DNO, from: d('2010-01-01T00:00:00Z'), to: null },
];

describe('registration history', () => {
  it('answers who held each role on a date, before and after a Change of Supplier', () => {
    expect(holdersAt(history, d('2020-06-01T00:00:00Z'))).toEqual({
      ImportSupplier: A,
      ElectricityDistributor: DNO,
    });
    expect(holdersAt(history, d('2025-01-01T00:00:00Z'))).toEqual({
      ImportSupplier: B,
      ElectricityDistributor: DNO,
    });
  });

  it('treats the start as inclusive and the end as exclusive at the change instant', () => {
    const at = d('2024-03-15T00:00:00Z');
    expect(covers(history[0]!, at)).toBe(false);
    expect(covers(history[1]!, at)).toBe(true);
    expect(holdersAt(history, new Date(at.getTime() - 1)).ImportSupplier).toBe(A);
  });

  it('reports nobody before the first registration', () => {
    expect(holdersAt(history, d('2009-12-31T23:59:59Z'))).toEqual({});
  });

  it('finds overlapping periods in the same role and ignores other roles', () => {
    expect(findOverlaps(history)).toEqual([]);
    const overlapping: Registration[] = [
      ...history,
      { mpxn, role: 'ImportSupplier', userId: A, from: d('2024-06-01T00:00:00Z'), to: null },
    ];
    const problems = findOverlaps(overlapping);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain('ImportSupplier of 1200000000009');
  });
});
