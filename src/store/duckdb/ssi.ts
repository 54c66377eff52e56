// The SSI's organisations and people on DuckDB (sessions and events: ssi-sessions.ts).
import { INTEGER, TIMESTAMPTZ, VARCHAR } from '@duckdb/node-api';
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
import type { Session } from './session.ts';
import { createDuckDbSsiSessions, firstRow, texts } from './ssi-sessions.ts';
import { toTimestamp, toTimestampOrNull } from './writes.ts';

/** Runs a write; a duplicate key becomes `conflict()`, anything else is rethrown. */
async function unique(write: Promise<void>, conflict: () => ConflictError): Promise<void> {
  try {
    await write;
  } catch (error) {
    throw error instanceof ConflictError ? conflict() : error;
  }
}

/** Creates the DuckDB implementation of {@link SsiStore} over a session. */
export function createDuckDbSsi(session: Session): SsiStore {
  const personWhere = (where: string, key: string) =>
    firstRow(session, { sql: `SELECT * FROM people WHERE ${where}`, params: texts(key) }, toPerson);
  return {
    addOrganisation: (o) =>
      unique(
        session.run(
          'INSERT INTO organisations VALUES ($1, $2, $3)',
          {
            values: [o.id, o.name, toTimestamp(o.createdAt)],
            types: [VARCHAR, VARCHAR, TIMESTAMPTZ],
          },
          'organisations',
        ),
        () => organisationConflict(o),
      ),
    organisation: (id) =>
      firstRow(
        session,
        { sql: 'SELECT * FROM organisations WHERE organisation_id = $1', params: texts(id) },
        toOrganisation,
      ),
    async usersOf(organisationId) {
      const sql = 'SELECT * FROM users WHERE party_id = $1 ORDER BY user_id, role';
      return (await session.rows(sql, texts(organisationId))).map(toUser);
    },
    addPerson: (p) =>
      unique(
        session.run(
          'INSERT INTO people VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)',
          {
            values: [
              ...[p.id, p.organisationId, p.name, p.email, p.passwordHash, rolesText(p.roles)],
              p.failedLogins,
              toTimestampOrNull(p.failuresSince),
              toTimestampOrNull(p.lockedUntil),
              toTimestamp(p.createdAt),
            ],
            types: [
              ...[VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, VARCHAR, INTEGER],
              ...[TIMESTAMPTZ, TIMESTAMPTZ, TIMESTAMPTZ],
            ],
          },
          'people',
        ),
        () => personConflict(p),
      ),
    person: (id) => personWhere('person_id = $1', id),
    personByEmail: (email) => personWhere('email = $1', email),
    async peopleOf(organisationId) {
      const sql = 'SELECT * FROM people WHERE organisation_id = $1 ORDER BY email';
      return (await session.rows(sql, texts(organisationId))).map(toPerson);
    },
    async setPasswordHash(personId, hash) {
      const sql = 'UPDATE people SET password_hash = $2 WHERE person_id = $1 RETURNING 1 AS n';
      return (await session.rows(sql, texts(personId, hash))).length > 0;
    },
    async recordLoginFailure(personId, at, windowStart) {
      // A window that began before windowStart (or none) starts again at `at` with 1.
      const rows = await session.rows(
        `UPDATE people SET
           failed_logins = CASE WHEN coalesce(failures_since < $3, true) THEN 1
             ELSE failed_logins + 1 END,
           failures_since = CASE WHEN coalesce(failures_since < $3, true) THEN $2
             ELSE failures_since END
         WHERE person_id = $1 RETURNING failed_logins`,
        {
          values: [personId, toTimestamp(at), toTimestamp(windowStart)],
          types: [VARCHAR, TIMESTAMPTZ, TIMESTAMPTZ],
        },
      );
      return Number(rows[0]?.['failed_logins'] ?? 0);
    },
    lockPerson: (personId, until) =>
      session.run(
        `UPDATE people SET locked_until = $2, failed_logins = 0, failures_since = NULL
         WHERE person_id = $1`,
        { values: [personId, toTimestamp(until)], types: [VARCHAR, TIMESTAMPTZ] },
        'people',
      ),
    clearLoginFailures: (personId) =>
      session.run(
        `UPDATE people SET failed_logins = 0, failures_since = NULL, locked_until = NULL
         WHERE person_id = $1`,
        texts(personId),
        'people',
      ),
    ...createDuckDbSsiSessions(session),
  };
}
