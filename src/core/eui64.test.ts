import { describe, expect, it } from 'vitest';
import { InvalidValueError } from './errors.ts';
import { eui64FromBigInt, eui64ToBigInt, isEui64, parseEui64, type Eui64 } from './eui64.ts';

const reasonOf = (text: string): string => {
  try {
    parseEui64(text);
  } catch (error) {
    if (error instanceof InvalidValueError) return error.reason;
    throw error;
  }
  throw new Error(`${text} was accepted`);
};

describe('parseEui64', () => {
  it('returns the canonical upper-case form', () => {
    expect(parseEui64('90-B3-D5-1F-30-01-00-00')).toBe('90-B3-D5-1F-30-01-00-00');
  });

  it('accepts lower case and surrounding spaces', () => {
    expect(parseEui64(' 90-b3-d5-1f-30-01-0a-ff ')).toBe('90-B3-D5-1F-30-01-0A-FF');
  });

  it('refuses 16 hex digits without hyphens, saying the octets need separating', () => {
    expect(reasonOf('90B3D51F30010000')).toMatch(/separated by "-"/);
  });

  it('refuses ":" separators, naming them', () => {
    expect(reasonOf('90:B3:D5:1F:30:01:00:00')).toMatch(/not ":"/);
  });

  it('refuses 7 and 9 octets, counting them', () => {
    expect(reasonOf('90-B3-D5-1F-30-01-00')).toBe('expected 8 octets separated by "-", found 7');
    expect(reasonOf('90-B3-D5-1F-30-01-00-00-11')).toMatch(/found 9/);
  });

  it('refuses a non-hex octet, naming its position', () => {
    expect(reasonOf('90-B3-D5-1F-30-01-0G-00')).toBe(
      'octet 7 ("0G") must be two hexadecimal digits',
    );
    expect(reasonOf('90-B3-D5-1F-30-1-00-00')).toMatch(/^octet 6 /);
  });

  it('refuses an empty string and names the field', () => {
    expect(reasonOf('')).toBe('it is empty');
    expect(() => parseEui64('  ', 'device ID')).toThrow(
      /^device ID: " {2}" is not valid: it is empty/,
    );
  });
});

describe('isEui64', () => {
  it('is true only for the hyphenated form', () => {
    expect(isEui64('90-b3-d5-1f-30-01-00-00')).toBe(true);
    expect(isEui64('90B3D51F30010000')).toBe(false);
    expect(isEui64('90-B3-D5-1F-30-01-00')).toBe(false);
  });
});

describe('EUI-64 and bigint', () => {
  it('round-trips', () => {
    const id = parseEui64('90-B3-D5-1F-30-01-00-2A');
    expect(eui64ToBigInt(id)).toBe(0x90b3d51f3001002an);
    expect(eui64FromBigInt(eui64ToBigInt(id))).toBe(id);
  });

  it('pads small values and handles the maximum', () => {
    expect(eui64FromBigInt(1n)).toBe('00-00-00-00-00-00-00-01');
    expect(eui64FromBigInt(0xffff_ffff_ffff_ffffn)).toBe('FF-FF-FF-FF-FF-FF-FF-FF');
    expect(eui64ToBigInt('FF-FF-FF-FF-FF-FF-FF-FF' as Eui64)).toBe(2n ** 64n - 1n);
  });

  it('refuses values that do not fit in 64 bits', () => {
    expect(() => eui64FromBigInt(2n ** 64n)).toThrow(/must fit in 64 bits/);
    expect(() => eui64FromBigInt(-1n)).toThrow(InvalidValueError);
  });
});
