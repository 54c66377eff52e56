import { describe, expect, it } from 'vitest';
import { InvalidValueError } from './errors.ts';
import {
  mpanCheckDigit,
  mpanWithCheckDigit,
  mpxnKind,
  parseMpanCore,
  parseMprn,
  parseMpxn,
} from './mpxn.ts';

// Check digit = (Σ digit × weight) mod 11 mod 10, weights 3 5 7 13 17 19 23 29 31 37 41 43.
// 120000000000: 1×3 + 2×5 = 13; 13 mod 11 = 2                       → 1200000000002
// 230000000000: 2×3 + 3×5 = 21; 21 mod 11 = 10; 10 mod 10 = 0       → 2300000000000
// 101234567890: 3+0+7+26+51+76+115+174+217+296+369+0 = 1334;
//               1334 = 121×11 + 3                                    → 1012345678903
// 100000000001: 1×3 + 1×43 = 46; 46 mod 11 = 2                      → 1000000000012
describe('MPAN cores', () => {
  it('computes check digits as worked by hand above', () => {
    expect(mpanCheckDigit('120000000000')).toBe(2);
    expect(mpanCheckDigit('230000000000')).toBe(0);
    expect(mpanCheckDigit('101234567890')).toBe(3);
    expect(mpanCheckDigit('100000000001')).toBe(2);
  });

  it('accepts valid cores, with or without spaces between groups', () => {
    expect(parseMpanCore('1200000000002')).toBe('1200000000002');
    expect(parseMpanCore('2300000000000')).toBe('2300000000000');
    expect(parseMpanCore('10 1234 5678 903')).toBe('1012345678903');
    expect(parseMpanCore('1000000000012')).toBe('1000000000012');
  });

  it('refuses a wrong check digit, saying what it is and what it should be', () => {
    expect(() => parseMpanCore('1012345678904')).toThrow(
      'MPAN core: "1012345678904" is not valid: check digit is 4 but the first 12 digits give 3',
    );
  });

  it('refuses 12 and 14 digits, and letters', () => {
    expect(() => parseMpanCore('120000000000')).toThrow(/13 digits, found 12/);
    expect(() => parseMpanCore('12000000000020')).toThrow(/13 digits, found 14/);
    expect(() => parseMpanCore('12000000000A2')).toThrow(/digits only/);
  });

  it('refuses a distributor ID below 10', () => {
    // 050000000000: 5×5 = 25; 25 mod 11 = 3 → the check digit is right, the distributor is not.
    expect(() => parseMpanCore('0500000000003')).toThrow(/distributor ID 05 does not exist/);
  });

  it('completes 12 digits with their check digit', () => {
    expect(mpanWithCheckDigit('101234567890')).toBe('1012345678903');
    expect(() => mpanWithCheckDigit('12345')).toThrow(InvalidValueError);
  });
});

describe('MPRNs', () => {
  it('accepts 6 to 10 digits', () => {
    expect(parseMprn('123456')).toBe('123456');
    expect(parseMprn(' 1234567890 ')).toBe('1234567890');
  });

  it('refuses 5 and 11 digits, a leading zero and letters', () => {
    expect(() => parseMprn('12345')).toThrow(/6 to 10 digits, found 5/);
    expect(() => parseMprn('12345678901')).toThrow(/found 11/);
    expect(() => parseMprn('0123456')).toThrow(/does not start with 0/);
    expect(() => parseMprn('12345A')).toThrow(/digits only/);
  });
});

describe('either kind', () => {
  it('tells the kinds apart by shape', () => {
    expect(mpxnKind('1200000000002')).toBe('MPAN');
    expect(mpxnKind('12 0000 0000 002')).toBe('MPAN');
    expect(mpxnKind('7412345')).toBe('MPRN');
    expect(mpxnKind('741 2345')).toBeUndefined(); // an MPRN is not written in groups
    expect(mpxnKind('0123456')).toBeUndefined();
  });

  it('parses either and refuses what is neither', () => {
    expect(parseMpxn('1200000000002')).toBe('1200000000002');
    expect(parseMpxn('7412345')).toBe('7412345');
    expect(() => parseMpxn('1200000000001')).toThrow(/check digit/);
    expect(() => parseMpxn('12-34')).toThrow(/13-digit MPAN core or a 6–10 digit MPRN/);
  });
});
