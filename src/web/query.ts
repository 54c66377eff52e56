// Reads query-string parameters that must each be given once (a repeat arrives as an array).
import { InvalidValueError } from '../core/errors.ts';

/**
 * The named parameters as text, absent ones left out. A parameter given more than once (or as
 * anything but text) is refused with a 400 INVALID_VALUE that names it, rather than reaching
 * code that expects a string.
 */
export function queryTexts<K extends string>(
  query: unknown,
  names: readonly K[],
): Partial<Record<K, string>> {
  const texts: Partial<Record<K, string>> = {};
  if (typeof query !== 'object' || query === null) return texts;
  for (const name of names) {
    if (!Object.hasOwn(query, name)) continue;
    const value: unknown = (query as Record<string, unknown>)[name];
    if (typeof value !== 'string') {
      throw new InvalidValueError(name, value, 'give this query parameter once, as text');
    }
    texts[name] = value;
  }
  return texts;
}
