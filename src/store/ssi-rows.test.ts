import { describe, expect, it } from 'vitest';
import { SECURITY_EVENT_KINDS } from './ssi-port.ts';
import { eventLimit, eventRangeSql, rolesText, V5_SECURITY_EVENT_KINDS } from './ssi-rows.ts';

describe('SSI rows', () => {
  it('keeps the stored security event kinds in step with the port (else: a new migration)', () => {
    expect([...V5_SECURITY_EVENT_KINDS]).toEqual([...SECURITY_EVENT_KINDS]);
  });

  it('stores roles sorted, without repeats', () => {
    expect(rolesText(['viewer', 'senior-responsible-officer', 'viewer'])).toBe(
      'senior-responsible-officer viewer',
    );
    expect(rolesText([])).toBe('');
  });

  it('builds a time-range clause with numbered placeholders', () => {
    const from = new Date(0);
    const to = new Date(1);
    expect(eventRangeSql({})).toEqual({ where: '', values: [] });
    expect(eventRangeSql({ from, to })).toEqual({
      where: 'WHERE occurred_at >= $1 AND occurred_at < $2',
      values: [from, to],
    });
    expect(eventRangeSql({ to }).where).toBe('WHERE occurred_at < $1');
  });

  it('defaults and caps the event limit, refusing nonsense', () => {
    expect(eventLimit(undefined)).toBe(1000);
    expect(eventLimit(50_000)).toBe(10_000);
    expect(() => eventLimit(0)).toThrow(/whole number/);
  });
});
