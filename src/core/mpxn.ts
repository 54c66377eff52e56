// Supply point identifiers: MPAN cores (electricity) and MPRNs (gas).
import { InvalidValueError } from './errors.ts';

/** A 13-digit MPAN core whose check digit is valid. */
export type MpanCore = string & { readonly __brand: 'MpanCore' };
/** A Meter Point Reference Number (gas). */
export type Mprn = string & { readonly __brand: 'Mprn' };
/** Either kind of supply point identifier. */
export type Mpxn = MpanCore | Mprn;

/** Weights of the MPAN core check digit (MRA Data Transfer Catalogue, MPAN core rules). */
const MPAN_WEIGHTS = [3, 5, 7, 13, 17, 19, 23, 29, 31, 37, 41, 43] as const;

/** The check digit for the first 12 digits of an MPAN core. */
export function mpanCheckDigit(first12: string): number {
  if (!/^\d{12}$/.test(first12)) {
    throw new InvalidValueError('MPAN core', first12, 'check digit needs exactly 12 digits');
  }
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (MPAN_WEIGHTS[i] ?? 0);
  return (sum % 11) % 10;
}

/**
 * Parses an MPAN core: 13 digits (spaces allowed between groups), a distributor ID (its first
 * two digits) of 10–23 for the 14 regions or 24 and above for IDNOs, and a valid check digit.
 */
export function parseMpanCore(text: string, field = 'MPAN core'): MpanCore {
  const digits = text.replaceAll(' ', '');
  if (!/^\d+$/.test(digits)) {
    throw new InvalidValueError(field, text, 'an MPAN core has digits only');
  }
  if (digits.length !== 13) {
    throw new InvalidValueError(field, text, `an MPAN core has 13 digits, found ${digits.length}`);
  }
  if (digits.startsWith('0')) {
    throw new InvalidValueError(
      field,
      text,
      `distributor ID ${digits.slice(0, 2)} does not exist (10–23 for the regions, 24 and above for IDNOs)`,
    );
  }
  const expected = mpanCheckDigit(digits.slice(0, 12));
  const actual = Number(digits[12]);
  if (expected !== actual) {
    throw new InvalidValueError(
      field,
      text,
      `check digit is ${actual} but the first 12 digits give ${expected}`,
    );
  }
  return digits as MpanCore;
}

/** Completes 12 digits with their check digit (the result passes {@link parseMpanCore}). */
export function mpanWithCheckDigit(first12: string): MpanCore {
  return parseMpanCore(`${first12}${mpanCheckDigit(first12)}`);
}

/**
 * Parses an MPRN: 6 to 10 digits with no leading zero. Its check digits follow a scheme that
 * is not in the public material this project uses, so they are not verified.
 */
export function parseMprn(text: string, field = 'MPRN'): Mprn {
  const digits = text.trim();
  if (!/^\d+$/.test(digits)) throw new InvalidValueError(field, text, 'an MPRN has digits only');
  if (digits.length < 6 || digits.length > 10) {
    throw new InvalidValueError(field, text, `an MPRN has 6 to 10 digits, found ${digits.length}`);
  }
  if (digits.startsWith('0'))
    throw new InvalidValueError(field, text, 'an MPRN does not start with 0');
  return digits as Mprn;
}

/** Which kind of supply point a string names, by its shape, or undefined if neither. */
export function mpxnKind(text: string): 'MPAN' | 'MPRN' | undefined {
  // The same normalising as the parsers: MPAN groups may be spaced, an MPRN is only trimmed.
  if (/^\d{13}$/.test(text.replaceAll(' ', ''))) return 'MPAN';
  if (/^[1-9]\d{5,9}$/.test(text.trim())) return 'MPRN';
  return undefined;
}

/** Parses either an MPAN core or an MPRN, choosing by length. */
export function parseMpxn(text: string, field = 'MPxN'): Mpxn {
  const kind = mpxnKind(text);
  if (kind === 'MPAN') return parseMpanCore(text, field);
  if (kind === 'MPRN') return parseMprn(text, field);
  throw new InvalidValueError(field, text, 'expected a 13-digit MPAN core or a 6–10 digit MPRN');
}
