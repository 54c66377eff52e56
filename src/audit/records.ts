// Service Audit Trail records: immutable, append-only, split into an MP141 title and a detail.
import { InvalidValueError } from '../core/errors.ts';
import type { Eui64 } from '../core/eui64.ts';
import type { Mpxn } from '../core/mpxn.ts';
import type { UserRole } from '../core/roles.ts';

/**
 * What a record is about. A rejected Service Request is not a kind of its own: it keeps its
 * `request` record and its `response` record carries the DUIS error code (outcome `failure`),
 * so every request has the same shape of history whatever happened to it.
 */
export const AUDIT_KINDS = ['request', 'acknowledgement', 'response', 'alert'] as const;
/** One audit record kind. */
export type AuditKind = (typeof AUDIT_KINDS)[number];

/** How the step ended: `pending` for a request or acknowledgement still awaiting its response. */
export const AUDIT_OUTCOMES = ['success', 'failure', 'pending'] as const;
/** One outcome. */
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** The wire format of an audited message. */
export type AuditFormat = 'xml' | 'json';

/** A JSON value, for record metadata. */
export type JsonValue =
  string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/**
 * The title of a record: what MP141 lets the device's Responsible Supplier and Network
 * Operator see, whoever sent it. It names the originator's User Role, never a User ID (the
 * TABASC concern: a competitor's identity is not disclosed).
 */
export interface AuditTitle {
  readonly kind: AuditKind;
  /** Sortable and unique: later records have larger IDs (see ids.ts). */
  readonly id: bigint;
  /** When the step happened (request received, response or alert sent). */
  readonly at: Date;
  /** DUIS RequestID text `originator:target:counter`; null when there is none (an alert). */
  readonly requestId: string | null;
  /** The Business Target device; null for SRVs that address no device. */
  readonly deviceId: Eui64 | null;
  /** The device's supply point at the time of the record, when it had one. */
  readonly mpxn: Mpxn | null;
  /** DUIS Service Reference, e.g. `8.8`. */
  readonly serviceReference: string | null;
  /** DUIS Service Reference Variant (the SRV), e.g. `8.8.1`. */
  readonly srv: string | null;
  /** The SRV's name from the catalogue, e.g. `Unjoin Service (Non-Critical)`. */
  readonly srvName: string | null;
  /** Response code (`I0`, `E080801`, …) or alert code (`N13`, `8F12`); null on a request. */
  readonly code: string | null;
  readonly outcome: AuditOutcome;
  /** User Role of the User who sent the request (or the DCC for DCC-originated alerts). */
  readonly originatorRole: UserRole | null;
  /** Milliseconds from request received to response sent; responses only. */
  readonly roundTripMs: number | null;
}

/** Title plus the parties: what reports and the visibility layer need, but no message. */
export interface AuditHeader extends AuditTitle {
  /** User ID of the request's originator; hidden from everyone but that User. */
  readonly originatorId: Eui64 | null;
  /** User ID the acknowledgement, response or alert was sent to; null on a request. */
  readonly recipientId: Eui64 | null;
}

/** A whole record: header plus the detail only its sender or recipient may see. */
export interface AuditRecord extends AuditHeader {
  /** The message text exactly as received or sent (DUIS XML or JSON). */
  readonly payload: string | null;
  /** Format of `payload`, when there is one. */
  readonly format: AuditFormat | null;
  /** Command Variant, signer, delivery endpoint, reason text and the like. */
  readonly metadata: { readonly [key: string]: JsonValue };
}

/** The title of a record, with the originator's and recipient's identities left out. */
export function titleOf(record: AuditRecord | AuditHeader): AuditTitle {
  return {
    kind: record.kind,
    id: record.id,
    at: record.at,
    requestId: record.requestId,
    deviceId: record.deviceId,
    mpxn: record.mpxn,
    serviceReference: record.serviceReference,
    srv: record.srv,
    srvName: record.srvName,
    code: record.code,
    outcome: record.outcome,
    originatorRole: record.originatorRole,
    roundTripMs: record.roundTripMs,
  };
}

/** The header of a record (its title and parties, without payload or metadata). */
export function headerOf(record: AuditRecord): AuditHeader {
  return { ...titleOf(record), originatorId: record.originatorId, recipientId: record.recipientId };
}

/**
 * The longest round trip a record can hold: PostgreSQL's `integer` column, the narrower of the two
 * engines' (about 24.8 days; a DSP future-dated command's round trip is counted from its
 * ExecutionDateTime, so a real one never comes near).
 */
export const MAX_ROUND_TRIP_MS = 2_147_483_647;

/** The refusal of a malformed record, naming its problems; undefined when it is well formed. */
export function malformedRecord(record: AuditRecord): InvalidValueError | undefined {
  const problems = auditRecordProblems(record);
  return problems.length === 0
    ? undefined
    : new InvalidValueError('audit record', record.id, problems.join('; '));
}

/** Problems with a record's shape for its kind, empty when it is well formed. */
export function auditRecordProblems(record: AuditRecord): string[] {
  const problems: string[] = [];
  switch (record.kind) {
    case 'request':
      if (record.recipientId !== null) problems.push('a request has no recipient');
      if (record.roundTripMs !== null) problems.push('round-trip time belongs on the response');
      break;
    case 'acknowledgement':
    case 'response':
    case 'alert':
      if (record.recipientId === null) problems.push(`the ${record.kind} needs its recipient`);
      if (record.code === null) problems.push(`the ${record.kind} needs its code`);
      break;
  }
  if (
    record.roundTripMs !== null &&
    !(Number.isFinite(record.roundTripMs) && record.roundTripMs >= 0)
  ) {
    problems.push('round-trip time must be a non-negative number of milliseconds');
  } else if (record.roundTripMs !== null && record.roundTripMs > MAX_ROUND_TRIP_MS) {
    problems.push(
      `round-trip time ${record.roundTripMs} ms is over the ${MAX_ROUND_TRIP_MS} ms the trail holds`,
    );
  }
  if (record.payload?.includes('\u0000') === true) {
    problems.push('the payload holds a NUL character (U+0000), which no store can keep as text');
  }
  if (JSON.stringify(record.metadata).includes('\\u0000')) {
    problems.push('the metadata holds a NUL character (U+0000), which no store can keep as text');
  }
  if (record.payload !== null && record.format === null) problems.push('a payload needs a format');
  if (record.id < 0n || record.id >= 1n << 63n) problems.push('ID must fit in 63 bits');
  return problems;
}
