// Reads stored DSP rows (credentials, endpoints, request counters), whatever engine produced them.
import { ConflictError } from '../core/errors.ts';
import { isEui64, parseEui64, type Eui64 } from '../core/eui64.ts';
import type { UserRole } from '../core/roles.ts';
import type { UserCredential } from './dsp-port.ts';
import { eui, text, time, type Row } from './records.ts';

/** A `user_credentials` row as a credential (the user_role enum makes the role cast sound). */
export function toCredential(row: Row): UserCredential {
  return {
    issuer: text(row, 'issuer'),
    serial: text(row, 'serial'),
    userId: eui(row, 'user_id'),
    role: text(row, 'role') as UserRole,
    certificatePem: text(row, 'certificate_pem'),
    addedAt: time(row, 'added_at'),
  };
}

/** The error for a credential whose issuer and serial number are registered already. */
export function credentialConflict(credential: UserCredential): ConflictError {
  return new ConflictError(
    `user_credentials: the certificate issued by ${credential.issuer} with serial number ` +
      `${credential.serial} is already registered`,
  );
}

/** `user_endpoints` rows as a map of User ID to URL. */
export function toEndpoints(rows: readonly Row[]): Map<Eui64, string> {
  return new Map(rows.map((row) => [eui(row, 'user_id'), text(row, 'url')]));
}

/**
 * Rows of (originator text, highest counter as decimal text) as the counters map. An
 * originator that is not an EUI-64, or a counter that did not parse (NULL), is skipped; the
 * same User written in two cases keeps the higher counter.
 */
export function toCounters(rows: readonly Row[]): Map<Eui64, bigint> {
  const counters = new Map<Eui64, bigint>();
  for (const row of rows) {
    const originator = row['originator'];
    const counter = row['counter'];
    if (typeof originator !== 'string' || typeof counter !== 'string') continue;
    if (!isEui64(originator)) continue;
    const id = parseEui64(originator);
    const value = BigInt(counter);
    const known = counters.get(id);
    if (known === undefined || value > known) counters.set(id, value);
  }
  return counters;
}
