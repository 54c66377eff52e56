// Reads audit-search parameters (pages and API alike) into a store filter, or readable problems.
import { InvalidValueError } from '../../core/errors.ts';
import { parseEui64 } from '../../core/eui64.ts';
import { parseMpxn } from '../../core/mpxn.ts';
import { AUDIT_OUTCOMES, type AuditOutcome } from '../../audit/records.ts';
import type { AuditFilter } from '../../store/audit-port.ts';
import { decodeCursor } from '../../store/audit-sql.ts';
import { queryTexts } from '../query.ts';

/** The search fields as text, exactly as a form or query string gives them. */
export const SEARCH_FIELDS = [
  'deviceId',
  'mpxn',
  'requestId',
  'srv',
  'from',
  'to',
  'outcome',
  'limit',
  'after',
] as const;

/** One search field. */
export type SearchField = (typeof SEARCH_FIELDS)[number];

/** The raw form values (absent and empty fields are the same). */
export type SearchInput = Partial<Record<SearchField, string>>;

/** A checked search: the filter, the page, and what was wrong (empty when nothing was). */
export interface SearchQuery {
  readonly filter: AuditFilter;
  readonly limit: number;
  readonly after: string | undefined;
  readonly problems: readonly string[];
}

/** Page size when none is asked for, and the most a page of the SSI may hold. */
export const SEARCH_PAGE = { default: 50, max: 500 } as const;
/** Dates before this are refused as out of range (the DCC went live in 2013). */
export const EARLIEST_DATE = new Date('2013-01-01T00:00:00Z');
const DAY_MS = 86_400_000;

/**
 * Reads form values (query string) into a {@link SearchInput}, keeping only known fields; a
 * field given more than once is refused (400 INVALID_VALUE naming it).
 */
export function searchInput(raw: unknown): SearchInput {
  const input: SearchInput = {};
  for (const [field, value] of Object.entries(queryTexts(raw, SEARCH_FIELDS))) {
    if (value.trim() !== '') input[field as SearchField] = value.trim();
  }
  return input;
}

function date(field: 'from' | 'to', text: string, now: Date): Date {
  const match = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/;
  const parsed = new Date(/T/.test(text) ? text : `${text}T00:00:00Z`);
  if (!match.test(text) || Number.isNaN(parsed.getTime())) {
    throw new InvalidValueError(field, text, 'expected a date as YYYY-MM-DD or an ISO 8601 time');
  }
  if (parsed < EARLIEST_DATE || parsed.getTime() > now.getTime() + DAY_MS) {
    throw new InvalidValueError(field, text, 'it is out of range (2013-01-01 to tomorrow)');
  }
  // A date alone as `to` means the whole of that day.
  return field === 'to' && !/T/.test(text) ? new Date(parsed.getTime() + DAY_MS) : parsed;
}

function outcome(text: string): AuditOutcome {
  const found = AUDIT_OUTCOMES.find((o) => o === text);
  if (found === undefined) {
    throw new InvalidValueError('outcome', text, `expected one of ${AUDIT_OUTCOMES.join(', ')}`);
  }
  return found;
}

function limit(text: string): number {
  const n = /^\d{1,6}$/.test(text) ? Number(text) : NaN;
  if (!(n >= 1 && n <= SEARCH_PAGE.max)) {
    throw new InvalidValueError(
      'limit',
      text,
      `expected a whole number from 1 to ${SEARCH_PAGE.max}`,
    );
  }
  return n;
}

const PARSERS: {
  readonly [F in Exclude<SearchField, 'limit' | 'after'>]: (text: string, now: Date) => AuditFilter;
} = {
  deviceId: (t) => ({ deviceId: parseEui64(t, 'deviceId') }),
  mpxn: (t) => ({ mpxn: parseMpxn(t, 'mpxn') }),
  requestId: (t) => {
    if (t.length > 200) throw new InvalidValueError('requestId', t, 'it is too long');
    return { requestId: t };
  },
  srv: (t) => {
    if (!/^\d{1,2}\.\d{1,2}(\.\d{1,2})?$/.test(t)) {
      throw new InvalidValueError('srv', t, 'expected a Service Reference Variant such as 8.8.1');
    }
    return { srv: t };
  },
  from: (t, now) => ({ from: date('from', t, now) }),
  to: (t, now) => ({ to: date('to', t, now) }),
  outcome: (t) => ({ outcome: outcome(t) }),
};

/** Checks every field, collecting each problem's message rather than stopping at the first. */
export function parseSearch(input: SearchInput, now: Date): SearchQuery {
  const problems: string[] = [];
  let filter: AuditFilter = {};
  let size: number = SEARCH_PAGE.default;
  let after: string | undefined;
  const attempt = (step: () => void): void => {
    try {
      step();
    } catch (error) {
      if (!(error instanceof InvalidValueError)) throw error;
      problems.push(error.message);
    }
  };
  for (const field of Object.keys(PARSERS) as (keyof typeof PARSERS)[]) {
    const text = input[field];
    if (text !== undefined) attempt(() => (filter = { ...filter, ...PARSERS[field](text, now) }));
  }
  if (input.limit !== undefined) attempt(() => (size = limit(input.limit ?? '')));
  const cursor = input.after;
  if (cursor !== undefined) {
    attempt(() => {
      decodeCursor(cursor);
      after = cursor;
    });
  }
  if (filter.from && filter.to && filter.from >= filter.to) {
    problems.push('from: the start of the date range must be before its end');
  }
  return { filter, limit: size, after, problems };
}
