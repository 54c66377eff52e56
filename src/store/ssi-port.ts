// The storage port's Self Service Interface part: organisations, people, sessions, security log.
import type { DccUser } from '../inventory/types.ts';
import type { TimeRange } from './audit-port.ts';

/**
 * SSI roles a person may hold. The SRO and ARO roles gate the functions DP108 reserves to
 * Senior / Authorised Responsible Officers (for example Anomaly Detection Threshold files).
 */
export const SSI_ROLES = [
  'viewer',
  'senior-responsible-officer',
  'authorised-responsible-officer',
  'organisation-administrator',
] as const;

/** One SSI role. */
export type SsiRole = (typeof SSI_ROLES)[number];

/** What the security event log records. */
export const SECURITY_EVENT_KINDS = [
  'login',
  'login-failed',
  'lock-out',
  'logout',
  'permission-refused',
  'csrf-refused',
  'rate-limited',
] as const;

/** One kind of security event. */
export type SecurityEventKind = (typeof SECURITY_EVENT_KINDS)[number];

/** A SEC Party as the SSI knows it; its DCC User IDs are the `users` rows with this party ID. */
export interface Organisation {
  /** The SEC Party ID (the `partyId` of its DCC Users). */
  readonly id: string;
  readonly name: string;
  readonly createdAt: Date;
}

/** A person who logs into the SSI on behalf of an organisation. */
export interface Person {
  readonly id: string;
  readonly organisationId: string;
  readonly name: string;
  /** Lower case; unique across all organisations. */
  readonly email: string;
  /** Self-describing hash string (algorithm and parameters included), never the password. */
  readonly passwordHash: string;
  /** Sorted, no repeats. */
  readonly roles: readonly SsiRole[];
  /** Failed logins counted since `failuresSince` (reset by a login or a lock-out). */
  readonly failedLogins: number;
  /** Start of the current failure window, or null when there are no failures. */
  readonly failuresSince: Date | null;
  /** Logins are refused until then; null when not locked. */
  readonly lockedUntil: Date | null;
  readonly createdAt: Date;
}

/** A server-side login session; the cookie holds the ID, the store only its SHA-256. */
export interface LoginSession {
  /** SHA-256 of the session ID, lower-case hex. */
  readonly idHash: string;
  readonly personId: string;
  /** Synchroniser token for this session's forms. */
  readonly csrfSecret: string;
  readonly createdAt: Date;
  readonly lastSeenAt: Date;
  /** Absolute end, whatever the activity. */
  readonly expiresAt: Date;
}

/** A security event to append. */
export interface NewSecurityEvent {
  readonly kind: SecurityEventKind;
  readonly at: Date;
  readonly personId: string | null;
  /** The email as typed (failed logins may name no known person). */
  readonly email: string | null;
  readonly ip: string | null;
  readonly detail: string;
}

/** A stored security event; `seq` is assigned by the store, increasing. */
export interface SecurityEvent extends NewSecurityEvent {
  readonly seq: number;
}

/** The SSI's accounts, sessions and security event log. */
export interface SsiStore {
  /** Adds an organisation; an ID already present is a ConflictError. */
  addOrganisation(organisation: Organisation): Promise<void>;
  /** The organisation with this ID, or undefined. */
  organisation(id: string): Promise<Organisation | undefined>;
  /** The DCC Users (User ID in a User Role) the organisation holds, by User ID then role. */
  usersOf(organisationId: string): Promise<DccUser[]>;

  /** Adds a person; a person ID or email already present is a ConflictError. */
  addPerson(person: Person): Promise<void>;
  /** The person with this ID, or undefined. */
  person(id: string): Promise<Person | undefined>;
  /** The person with exactly this (lower-case) email, or undefined. */
  personByEmail(email: string): Promise<Person | undefined>;
  /** An organisation's people, ordered by email. */
  peopleOf(organisationId: string): Promise<Person[]>;
  /** Replaces a person's password hash; false if there is no such person. */
  setPasswordHash(personId: string, passwordHash: string): Promise<boolean>;

  /**
   * Counts a failed login at `at`, atomically: a window that began before `windowStart`
   * starts afresh at `at`. Returns the failures in the current window (0: no such person).
   */
  recordLoginFailure(personId: string, at: Date, windowStart: Date): Promise<number>;
  /** Locks logins until `until` and clears the failure count. */
  lockPerson(personId: string, until: Date): Promise<void>;
  /** Clears the failure count and any lock (after a successful login). */
  clearLoginFailures(personId: string): Promise<void>;

  /** Stores a new session; an ID hash already present is a ConflictError. */
  addLoginSession(session: LoginSession): Promise<void>;
  /** The session with this ID hash, or undefined (expired ones too: the caller checks). */
  loginSession(idHash: string): Promise<LoginSession | undefined>;
  /** Moves a session's last-seen time. */
  touchLoginSession(idHash: string, at: Date): Promise<void>;
  /** Deletes a session; false if there was none. */
  endLoginSession(idHash: string): Promise<boolean>;
  /** Deletes every session of a person; returns how many. */
  endLoginSessionsOf(personId: string): Promise<number>;
  /** Deletes sessions whose absolute end is at or before `now`; returns how many. */
  endExpiredLoginSessions(now: Date): Promise<number>;

  /** Appends to the security event log (append-only: nothing updates or deletes events). */
  appendSecurityEvent(event: NewSecurityEvent): Promise<void>;
  /** Events in the range, oldest first, at most `limit` (default 1,000). */
  securityEvents(range?: TimeRange & { readonly limit?: number }): Promise<SecurityEvent[]>;
}
