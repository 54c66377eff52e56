// Reads stored SSI rows (organisations, people, sessions, security events), whatever the engine.
import { ConflictError, InvalidValueError, StorageError } from '../core/errors.ts';
import type { TimeRange } from './audit-port.ts';
import { count, text, textOrNull, time, timeOrNull, type Row } from './records.ts';
import {
  SSI_ROLES,
  type LoginSession,
  type Organisation,
  type Person,
  type SecurityEvent,
  type SecurityEventKind,
  type SsiRole,
} from './ssi-port.ts';

/**
 * Security event kinds as schema version 5 knows them (the `security_event_kind` enum type).
 * Frozen: a new kind needs a migration that extends the type (a test keeps them in step).
 */
export const V5_SECURITY_EVENT_KINDS = [
  'login',
  'login-failed',
  'lock-out',
  'logout',
  'permission-refused',
  'csrf-refused',
  'rate-limited',
] as const;

/** Most security events one read returns. */
export const MAX_SECURITY_EVENTS = 10_000;

const KNOWN_ROLES: ReadonlySet<string> = new Set(SSI_ROLES);

/**
 * Roles as stored: sorted, space-separated. A closed set of four read whole with the person
 * needs no table of its own, and text reads the same on both engines.
 */
export function rolesText(roles: readonly SsiRole[]): string {
  return [...new Set(roles)].sort().join(' ');
}

/** Reads the roles column; an unknown role is a StorageError (the store was edited by hand). */
function rolesOf(row: Row): SsiRole[] {
  const stored = text(row, 'roles');
  const roles = stored === '' ? [] : stored.split(' ');
  for (const role of roles) {
    if (!KNOWN_ROLES.has(role)) {
      throw new StorageError('store', `people.roles holds an unknown SSI role ${role}`);
    }
  }
  return roles as SsiRole[];
}

/** An `organisations` row as an organisation. */
export function toOrganisation(row: Row): Organisation {
  return {
    id: text(row, 'organisation_id'),
    name: text(row, 'name'),
    createdAt: time(row, 'created_at'),
  };
}

/** A `people` row as a person. */
export function toPerson(row: Row): Person {
  return {
    id: text(row, 'person_id'),
    organisationId: text(row, 'organisation_id'),
    name: text(row, 'name'),
    email: text(row, 'email'),
    passwordHash: text(row, 'password_hash'),
    roles: rolesOf(row),
    failedLogins: count(row, 'failed_logins'),
    failuresSince: timeOrNull(row, 'failures_since'),
    lockedUntil: timeOrNull(row, 'locked_until'),
    createdAt: time(row, 'created_at'),
  };
}

/** A `login_sessions` row as a session. */
export function toLoginSession(row: Row): LoginSession {
  return {
    idHash: text(row, 'id_hash'),
    personId: text(row, 'person_id'),
    csrfSecret: text(row, 'csrf_secret'),
    createdAt: time(row, 'created_at'),
    lastSeenAt: time(row, 'last_seen_at'),
    expiresAt: time(row, 'expires_at'),
  };
}

/** A `security_events` row as an event (the enum type makes the kind cast sound). */
export function toSecurityEvent(row: Row): SecurityEvent {
  return {
    seq: count(row, 'seq'),
    kind: text(row, 'kind') as SecurityEventKind,
    at: time(row, 'occurred_at'),
    personId: textOrNull(row, 'person_id'),
    email: textOrNull(row, 'email'),
    ip: textOrNull(row, 'ip'),
    detail: text(row, 'detail'),
  };
}

/** The error for a person whose ID or email is taken. */
export function personConflict(person: Person): ConflictError {
  return new ConflictError(
    `people: a person with ID ${person.id} or email ${person.email} exists already`,
  );
}

/** The error for an organisation whose ID is taken. */
export function organisationConflict(organisation: Organisation): ConflictError {
  return new ConflictError(`organisations: ${organisation.id} exists already`);
}

/** The WHERE clause (with $1, $2 placeholders) and values selecting events in a time range. */
export function eventRangeSql(range: TimeRange): {
  readonly where: string;
  readonly values: Date[];
} {
  const clauses: string[] = [];
  const values: Date[] = [];
  if (range.from !== undefined) {
    values.push(range.from);
    clauses.push(`occurred_at >= $${values.length}`);
  }
  if (range.to !== undefined) {
    values.push(range.to);
    clauses.push(`occurred_at < $${values.length}`);
  }
  return { where: clauses.length === 0 ? '' : `WHERE ${clauses.join(' AND ')}`, values };
}

/** The event limit to use: default 1,000, at most {@link MAX_SECURITY_EVENTS}. */
export function eventLimit(limit: number | undefined): number {
  if (limit === undefined) return 1000;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new InvalidValueError('limit', limit, 'expected a whole number above 0');
  }
  return Math.min(limit, MAX_SECURITY_EVENTS);
}
