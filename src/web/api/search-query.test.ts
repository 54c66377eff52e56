// Search parameters: every field checked, problems collected with the field's name and reason.
import { describe, expect, it } from 'vitest';
import { parseSearch, searchInput } from './search-query.ts';

const NOW = new Date('2026-03-01T12:00:00Z');

describe('search parameters', () => {
  it('reads a full search into a store filter', () => {
    const query = parseSearch(
      searchInput({
        deviceId: '00-db-12-34-56-78-90-a0',
        srv: '8.8.1',
        from: '2026-01-01',
        to: '2026-01-31',
        outcome: 'failure',
        limit: '20',
        ignored: 'x',
      }),
      NOW,
    );
    expect(query.problems).toEqual([]);
    expect(query.limit).toBe(20);
    expect(query.filter).toEqual({
      deviceId: '00-DB-12-34-56-78-90-A0',
      srv: '8.8.1',
      from: new Date('2026-01-01T00:00:00Z'),
      to: new Date('2026-02-01T00:00:00Z'),
      outcome: 'failure',
    });
  });

  it('collects every problem with a readable reason', () => {
    const query = parseSearch(
      searchInput({
        deviceId: 'nope',
        mpxn: '123',
        srv: 'x',
        from: '1999-01-01',
        to: 'soon',
        outcome: 'maybe',
        limit: '0',
        after: '!!',
      }),
      NOW,
    );
    const text = query.problems.join('\n');
    for (const field of ['deviceId', 'mpxn', 'srv', 'from', 'to', 'outcome', 'limit', 'cursor']) {
      expect(text).toContain(field);
    }
    expect(text).toContain('out of range');
  });

  it('refuses a range that ends before it starts, and dates after tomorrow', () => {
    expect(parseSearch({ from: '2026-02-10', to: '2026-02-01' }, NOW).problems).toHaveLength(1);
    expect(parseSearch({ to: '2026-03-05' }, NOW).problems[0]).toMatch(/out of range/);
  });
});
