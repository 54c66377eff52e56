// Problems found in a DUIS message: where (element/attribute or JSON path) and what is wrong.

/** One thing wrong with a message; `path` names the element, attribute or JSON field. */
export interface Problem {
  /** e.g. `sr:Request/sr:Header/sr:RequestID`, `sr:Request/@schemaVersion`, `header.requestId`. */
  readonly path: string;
  readonly message: string;
}

/** The outcome of parsing a message: the value, or every problem found. */
export type Parsed<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problems: readonly Problem[] };

/** Default size limit of one DUIS message (256 KiB). */
export const DEFAULT_MAX_BYTES = 256 * 1024;

/** The schema versions opendsp accepts (those real DUIS files carry; DUIS 5.4 is current). */
export const SUPPORTED_SCHEMA_VERSIONS: readonly string[] = ['5.1', '5.2', '5.3', '5.4'];

/** The schema version opendsp writes. */
export const CURRENT_SCHEMA_VERSION = '5.4';

/** A problem when the text is larger than the limit, else undefined. */
export function sizeProblem(text: string, maxBytes: number): Problem | undefined {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes <= maxBytes) return undefined;
  return {
    path: '(message)',
    message: `the message is ${bytes} bytes; the limit is ${maxBytes} bytes`,
  };
}

/** Checks `schemaVersion` (xs:decimal) against the supported list; returns the reason or undefined. */
export function schemaVersionProblem(
  text: string,
  supported: readonly string[] = SUPPORTED_SCHEMA_VERSIONS,
): string | undefined {
  const trimmed = text.trim();
  if (!/^[+]?\d+(\.\d*)?$/.test(trimmed)) return `${JSON.stringify(text)} is not a decimal number`;
  const canonical = Number(trimmed).toString();
  if (supported.some((v) => Number(v).toString() === canonical)) return undefined;
  return `schema version ${trimmed} is not supported; supported versions: ${supported.join(', ')}`;
}
