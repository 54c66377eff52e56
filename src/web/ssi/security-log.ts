// Writes the SSI's security events (logins, failures, lock-outs, refusals) to the store.
import type { Clock } from '../../core/clock.ts';
import type { SecurityEventKind, SsiStore } from '../../store/ssi-port.ts';

/** Who and where an event concerns; unknown parts are left out. */
export interface EventSubject {
  readonly personId?: string | null;
  readonly email?: string | null;
  readonly ip?: string | null;
}

/** Records security events, stamped with the clock's time. */
export interface SecurityLog {
  /** Appends one event; the detail is for the DCC's security staff, never shown to the person. */
  record(kind: SecurityEventKind, subject: EventSubject, detail: string): Promise<void>;
}

/** Longest email kept in an event (what was typed into the form may be anything). */
const MAX_EMAIL = 320;

/** Creates the log over the store's append-only security event table. */
export function createSecurityLog(store: Pick<SsiStore, 'appendSecurityEvent'>, clock: Clock) {
  const log: SecurityLog = {
    record: (kind, subject, detail) =>
      store.appendSecurityEvent({
        kind,
        at: clock.now(),
        personId: subject.personId ?? null,
        email: subject.email == null ? null : subject.email.slice(0, MAX_EMAIL),
        ip: subject.ip ?? null,
        detail,
      }),
  };
  return log;
}
