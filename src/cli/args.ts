// Parsers for CLI option values; each refuses bad input with the option's name and the reason.
import { parseInstant } from '../core/clock.ts';
import { InvalidValueError } from '../core/errors.ts';

/** Parses a whole number within [min, max]; accepts `1_000_000` and `1,000,000`. */
export function parseWholeNumber(
  option: string,
  text: string,
  range: { min: number; max: number },
): number {
  const cleaned = text.trim().replaceAll(/[_,]/g, '');
  if (!/^-?\d+$/.test(cleaned)) {
    throw new InvalidValueError(option, text, 'expected a whole number');
  }
  const value = Number(cleaned);
  if (!Number.isSafeInteger(value) || value < range.min || value > range.max) {
    throw new InvalidValueError(
      option,
      text,
      `expected a whole number from ${range.min.toLocaleString('en-GB')} to ${range.max.toLocaleString('en-GB')}`,
    );
  }
  return value;
}

/** Parses a date or instant option (`2026-01-01` or `2026-01-01T12:00:00Z`). */
export function parseTimeOption(option: string, text: string): Date {
  return parseInstant(text, option);
}

/** Parses a decimal number above `above` and at most `max`; `what` says what it measures. */
export function parseDecimal(
  option: string,
  text: string,
  range: { above: number; max: number; what: string },
): number {
  const value = Number(text.trim());
  if (!/^\d+(\.\d+)?$/.test(text.trim()) || !(value > range.above) || value > range.max) {
    throw new InvalidValueError(
      option,
      text,
      `expected ${range.what}: a number above ${range.above} and at most ${range.max.toLocaleString('en-GB')}`,
    );
  }
  return value;
}
