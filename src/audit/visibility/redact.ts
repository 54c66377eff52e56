// What of a record may be shown: titles without identities, detail with other Users hidden.
import type { Eui64 } from '../../core/eui64.ts';
import {
  titleOf,
  type AuditFormat,
  type AuditRecord,
  type AuditTitle,
  type JsonValue,
} from '../records.ts';

/** Shown in place of any User ID that is not the viewer's own (the TABASC concern). */
export const HIDDEN_USER = '[another User]';

/**
 * A record as its own User sees it: title and detail (payload, metadata), and the parties'
 * User IDs only where they are the viewer's; any other User's ID is replaced by
 * {@link HIDDEN_USER} in the RequestID, the payload and the metadata, or left out (null).
 */
export interface VisibleRecord extends AuditTitle {
  readonly originatorId: Eui64 | null;
  readonly recipientId: Eui64 | null;
  readonly payload: string | null;
  readonly format: AuditFormat | null;
  readonly metadata: { readonly [key: string]: JsonValue };
}

/** The originator part of a DUIS RequestID (`originator:target:counter`), if it has one. */
function requestOriginator(requestId: string | null): string | null {
  if (requestId === null) return null;
  const colon = requestId.indexOf(':');
  return colon < 0 ? null : requestId.slice(0, colon);
}

/** The RequestID with its originator hidden unless that originator is one of `own`. */
export function maskRequestId(requestId: string | null, own: ReadonlySet<string>): string | null {
  const originator = requestOriginator(requestId);
  if (requestId === null || originator === null || own.has(originator.toUpperCase())) {
    return requestId;
  }
  return HIDDEN_USER + requestId.slice(originator.length);
}

/**
 * A record's title with no User ID in it: the originator is shown by role only. (The fresh
 * title is changed in place: spreading it into a new object is some 50 times slower in V8.)
 */
export function redactedTitle(record: AuditRecord, own: ReadonlySet<string>): AuditTitle {
  const title: { -readonly [K in keyof AuditTitle]: AuditTitle[K] } = titleOf(record);
  title.requestId = maskRequestId(record.requestId, own);
  return title;
}

/** Matches a User ID written with or without hyphens, in either case. */
function idPattern(ids: readonly string[]): RegExp | null {
  const hex = ids.map((id) => id.replaceAll('-', '')).filter((h) => /^[0-9A-F]{16}$/i.test(h));
  if (hex.length === 0) return null;
  const alternatives = hex.map((h) => (h.match(/../g) ?? []).join('-?'));
  return new RegExp(alternatives.join('|'), 'gi');
}

/** Replaces every match of `pattern` in the strings of a JSON value. */
function scrubJson(value: JsonValue, pattern: RegExp): JsonValue {
  if (typeof value === 'string') return value.replace(pattern, HIDDEN_USER);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v: JsonValue) => scrubJson(v, pattern));
  const out: Record<string, JsonValue> = {};
  for (const [key, v] of Object.entries(value)) out[key] = scrubJson(v, pattern);
  return out;
}

/** Shows records to one viewer, keeping the patterns it builds for the other parties' IDs. */
export interface Redactor {
  /** A record's title with no User ID in it: the originator is shown by role only. */
  title(record: AuditRecord): AuditTitle;
  /**
   * A record in full for its own User, with every other party hidden: the other parties are
   * the record's originator, recipient and RequestID originator that are not the viewer's
   * (for example the sender of the request behind an alert the viewer received).
   */
  full(record: AuditRecord): VisibleRecord;
}

/** A redactor for a viewer with these User IDs (canonical upper-case EUI-64s). */
export function createRedactor(own: ReadonlySet<string>): Redactor {
  const patterns = new Map<string, RegExp | null>();
  const patternFor = (others: readonly string[]): RegExp | null => {
    const key = others.join(' ');
    let pattern = patterns.get(key);
    if (pattern === undefined) {
      pattern = idPattern(others);
      patterns.set(key, pattern);
    }
    return pattern;
  };
  const mine = (id: Eui64 | null): Eui64 | null => (id !== null && own.has(id) ? id : null);
  return {
    title: (record) => redactedTitle(record, own),
    full(record) {
      const others = [record.originatorId, record.recipientId, requestOriginator(record.requestId)]
        .filter((id): id is string => id !== null)
        .map((id) => id.toUpperCase())
        .filter((id) => !own.has(id));
      const pattern = others.length === 0 ? null : patternFor(others);
      return Object.assign(redactedTitle(record, own), {
        originatorId: mine(record.originatorId),
        recipientId: mine(record.recipientId),
        format: record.format,
        payload:
          pattern === null || record.payload === null
            ? record.payload
            : record.payload.replace(pattern, HIDDEN_USER),
        metadata:
          pattern === null
            ? record.metadata
            : (scrubJson(record.metadata, pattern) as VisibleRecord['metadata']),
      });
    },
  };
}
