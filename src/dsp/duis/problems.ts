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

/**
 * Deepest nesting accepted in one DUIS message, counted in elements (XML) or objects and arrays
 * (JSON). The deepest of the 300 request templates of DCC's Reference Test Data Set
 * (SmartDCCInnovation/duis-templates) is 10 elements (1.1.1 tariff blocks, 2.1), and an enveloped
 * signature reaches 6 (Request/Signature/KeyInfo/X509Data/X509IssuerSerial/X509IssuerName), so
 * 64 leaves ample room for any real message while keeping the recursive code behind the parsers
 * (DOM walks, canonicalisation, zod's JSON check) far from the stack limit. It is checked on the
 * text, before anything recursive runs.
 */
export const DEFAULT_MAX_DEPTH = 64;

/**
 * The problem of a message nested deeper than `maxDepth`: `segments` name the containers down to
 * the one past the limit (only the first few are shown), `place` is its line and column.
 */
export function depthProblem(input: {
  readonly segments: readonly string[];
  readonly separator: string;
  readonly place: string;
  readonly maxDepth: number;
}): Problem {
  const { segments, separator } = input;
  const shown = segments.slice(0, 6).join(separator);
  return {
    path: segments.length > 6 ? `${shown}${separator}…` : shown || '(message)',
    message: `the message nests deeper than ${input.maxDepth} levels (the limit) at ${input.place}`,
  };
}

/** Line and column (1-based) of a character offset, for messages about a place in the text. */
export function lineAndColumn(text: string, index: number): string {
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  return `line ${line}, column ${index - before.lastIndexOf('\n')}`;
}

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
