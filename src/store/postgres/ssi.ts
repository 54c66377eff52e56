// The SSI's organisations and people on PostgreSQL (sessions and events: ssi-sessions.ts).
import { ConflictError } from '../../core/errors.ts';
import { toUser } from '../records.ts';
import type { SsiStore } from '../ssi-port.ts';
import {
  organisationConflict,
  personConflict,
  rolesText,
  toOrganisation,
  toPerson,
} from '../ssi-rows.ts';
import { unsignRow } from './codec.ts';
import type { Session } from './session.ts';
import { createPostgresSsiSessions, firstRow } from './ssi-sessions.ts';

/** Runs a write; a duplicate key becomes `conflict()`, anything else is rethrown. */
async function unique(write: Promise<unknown>, conflict: () => ConflictError): Promise<void> {
  try {
    await write;
  } catch (error) {
    throw error instanceof ConflictError ? conflict() : error;
  }
}

/** Creates the PostgreSQL implementation of {@link SsiStore} over a session. */
export function createPostgresSsi(session: Session): SsiStore {
  const personWhere = (where: string, key: string) =>
    firstRow(session, { sql: `SELECT * FROM people WHERE ${where}`, params: [key] }, toPerson);
  return {
    addOrganisation: (o) =>
      unique(
        session.query(
          'INSERT INTO organisations (organisation_id, name, created_at) VALUES ($1, $2, $3)',
          [o.id, o.name, o.createdAt],
          'organisations',
        ),
        () => organisationConflict(o),
      ),
    organisation: (id) =>
      firstRow(
        session,
        { sql: 'SELECT * FROM organisations WHERE organisation_id = $1', params: [id] },
        toOrganisation,
      ),
    async usersOf(organisationId) {
      const sql = 'SELECT * FROM users WHERE party_id = $1 ORDER BY user_id, role';
      return (await session.query(sql, [organisationId])).map((row) => toUser(unsignRow(row)));
    },
    addPerson: (p) =>
      unique(
        session.query(
          `INSERT INTO people (person_id, organisation_id, name, email, password_hash, roles,
             failed_logins, failures_since, locked_until, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [
            ...[p.id, p.organisationId, p.name, p.email, p.passwordHash, rolesText(p.roles)],
            ...[p.failedLogins, p.failuresSince, p.lockedUntil, p.createdAt],
          ],
          'people',
        ),
        () => personConflict(p),
      ),
    person: (id) => personWhere('person_id = $1', id),
    personByEmail: (email) => personWhere('email = $1', email),
    async peopleOf(organisationId) {
      const sql = 'SELECT * FROM people WHERE organisation_id = $1 ORDER BY email';
      return (await session.query(sql, [organisationId])).map(toPerson);
    },
    async setPasswordHash(personId, hash) {
      const sql = 'UPDATE people SET password_hash = $2 WHERE person_id = $1 RETURNING 1 AS n';
      return (await session.query(sql, [personId, hash], 'people')).length > 0;
    },
    async recordLoginFailure(personId, at, windowStart) {
      // One statement, so concurrent failures each count (the row lock orders them).
      const rows = await session.query(
        `UPDATE people SET
           failed_logins = CASE WHEN coalesce(failures_since < $3, true) THEN 1
             ELSE failed_logins + 1 END,
           failures_since = CASE WHEN coalesce(failures_since < $3, true) THEN $2
             ELSE failures_since END
         WHERE person_id = $1 RETURNING failed_logins`,
        [personId, at, windowStart],
        'people',
      );
      return Number(rows[0]?.['failed_logins'] ?? 0);
    },
    async lockPerson(personId, until) {
      await session.query(
        `UPDATE people SET locked_until = $2, failed_logins = 0, failures_since = NULL
         WHERE person_id = $1`,
        [personId, until],
        'people',
      );
    },
    async clearLoginFailures(personId) {
      await session.query(
        `UPDATE people SET failed_logins = 0, failures_since = NULL, locked_until = NULL
         WHERE person_id = $1`,
        [personId],
        'people',
      );
    },
    ...createPostgresSsiSessions(session),
  };
}
