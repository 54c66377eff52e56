// EUI-64 identifiers in the DCC's written form: eight hex octets joined by hyphens.
import { InvalidValueError } from './errors.ts';

/** An EUI-64 in canonical DCC form, e.g. `90-B3-D5-1F-30-01-00-00` (upper-case hex). */
export type Eui64 = string & { readonly __brand: 'Eui64' };

const OCTET = /^[0-9A-Fa-f]{2}$/;

/**
 * Parses an EUI-64 written as DUIS does (`XX-XX-XX-XX-XX-XX-XX-XX`, either case) and returns
 * it in canonical upper case. Anything else is refused with the reason.
 */
export function parseEui64(text: string, field = 'EUI-64'): Eui64 {
  if (typeof text !== 'string') throw new InvalidValueError(field, text, 'expected a string');
  const trimmed = text.trim();
  if (trimmed.length === 0) throw new InvalidValueError(field, text, 'it is empty');
  if (/^[0-9A-Fa-f]{16}$/.test(trimmed)) {
    throw new InvalidValueError(
      field,
      text,
      'octets must be separated by "-" (XX-XX-XX-XX-XX-XX-XX-XX)',
    );
  }
  if (/[:. ]/.test(trimmed) && !trimmed.includes('-')) {
    throw new InvalidValueError(
      field,
      text,
      'octets must be separated by "-", not ":", "." or spaces',
    );
  }
  const octets = trimmed.split('-');
  if (octets.length !== 8) {
    throw new InvalidValueError(
      field,
      text,
      `expected 8 octets separated by "-", found ${octets.length}`,
    );
  }
  for (const [index, octet] of octets.entries()) {
    if (!OCTET.test(octet)) {
      throw new InvalidValueError(
        field,
        text,
        `octet ${index + 1} (${JSON.stringify(octet)}) must be two hexadecimal digits`,
      );
    }
  }
  return octets.join('-').toUpperCase() as Eui64;
}

/** True when the text is an EUI-64 in DCC form. */
export function isEui64(text: string): boolean {
  return /^[0-9A-Fa-f]{2}(-[0-9A-Fa-f]{2}){7}$/.test(text);
}

/** Formats a 64-bit number as a canonical EUI-64. */
export function eui64FromBigInt(value: bigint): Eui64 {
  if (value < 0n || value > 0xffff_ffff_ffff_ffffn) {
    throw new InvalidValueError('EUI-64', value.toString(), 'must fit in 64 bits');
  }
  const hex = value.toString(16).toUpperCase().padStart(16, '0');
  return (hex.match(/../g) ?? []).join('-') as Eui64;
}

/** The 64-bit number an EUI-64 stands for. */
export function eui64ToBigInt(id: Eui64): bigint {
  return BigInt(`0x${id.replaceAll('-', '')}`);
}
