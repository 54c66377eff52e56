import { describe, expect, it } from 'vitest';
import { InvalidValueError } from './errors.ts';
import { createFixedClock, parseInstant, parseIsoDate, systemClock, toIsoDate } from './clock.ts';

describe('parseIsoDate', () => {
  it('accepts real dates, leap days included', () => {
    expect(parseIsoDate('2024-02-29')).toBe('2024-02-29');
    expect(parseIsoDate(' 2021-12-31 ')).toBe('2021-12-31');
    expect(parseIsoDate('2000-02-29')).toBe('2000-02-29');
  });

  it('refuses impossible days and months', () => {
    expect(() => parseIsoDate('2021-02-30')).toThrow(/no such day/);
    expect(() => parseIsoDate('2021-02-29')).toThrow(/no such day/);
    expect(() => parseIsoDate('1900-02-29')).toThrow(/no such day/);
    expect(() => parseIsoDate('2021-13-01')).toThrow(/no such day/);
    expect(() => parseIsoDate('2021-00-10')).toThrow(/no such day/);
  });

  it('reads years below 100 as they are written, not as 19xx', () => {
    expect(parseIsoDate('0004-02-29')).toBe('0004-02-29'); // year 4 is a leap year
    expect(() => parseIsoDate('0100-02-29')).toThrow(/no such day/);
  });

  it('refuses other shapes, naming the field', () => {
    expect(() => parseIsoDate('2021-2-3', 'from')).toThrow(/^from: "2021-2-3" .*YYYY-MM-DD/);
    expect(() => parseIsoDate('03/02/2021')).toThrow(/YYYY-MM-DD/);
  });
});

describe('parseInstant', () => {
  it('requires a zone on a time', () => {
    expect(() => parseInstant('2024-03-01T10:00:00')).toThrow(/with a zone/);
    expect(parseInstant('2024-03-01T10:00:00Z').toISOString()).toBe('2024-03-01T10:00:00.000Z');
    expect(parseInstant('2024-07-01T10:00:00+01:00').toISOString()).toBe(
      '2024-07-01T09:00:00.000Z',
    );
    expect(parseInstant('2024-07-01T10:00-0500').toISOString()).toBe('2024-07-01T15:00:00.000Z');
  });

  it('reads a bare date as midnight UTC', () => {
    expect(parseInstant('2024-03-01').toISOString()).toBe('2024-03-01T00:00:00.000Z');
  });

  it('refuses days and hours that do not exist instead of rolling them over', () => {
    expect(() => parseInstant('2021-02-30T10:00:00Z')).toThrow(/no such day/);
    expect(() => parseInstant('2021-02-30')).toThrow(/no such day/);
    expect(() => parseInstant('2024-03-01T24:00:00Z')).toThrow(/with a zone/);
    expect(() => parseInstant('2024-03-01T10:60:00Z')).toThrow(InvalidValueError);
  });
});

describe('clocks', () => {
  it('a fixed clock stays put until set or advanced', () => {
    const clock = createFixedClock(new Date('2024-01-01T00:00:00Z'));
    expect(clock.now().toISOString()).toBe('2024-01-01T00:00:00.000Z');
    clock.advance(86_400_000);
    expect(toIsoDate(clock.now())).toBe('2024-01-02');
    clock.set(new Date('2030-06-01T12:00:00Z'));
    expect(clock.now().toISOString()).toBe('2030-06-01T12:00:00.000Z');
  });

  it('the system clock tells the time', () => {
    expect(Math.abs(systemClock.now().getTime() - Date.now())).toBeLessThan(1_000);
  });

  it('toIsoDate takes the UTC date', () => {
    expect(toIsoDate(new Date('2024-06-30T23:30:00-01:00'))).toBe('2024-07-01');
  });
});
