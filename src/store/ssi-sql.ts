// The SSI's organisations, people, login sessions and security events, written once for every
// engine: the statements are plain SQL both DuckDB and PostgreSQL run; an engine supplies only
// how to bind values and run a statement (src/store/*/ssi.ts).
import { ConflictError } from '../core/errors.ts';
import type { SqlValue } from './audit-sql.ts';
import { toUser, type Row } from './records.ts';
import type { SsiStore } from './ssi-port.ts';
import {
  eventLimit,
  eventRangeSql,
  organisationConflict,
  personConflict,
  rolesText,
  toLoginSession,
  toOrganisation,
  toPerson,
  toSecurityEvent,
} from './ssi-rows.ts';

/**
 * How an engine runs one statement, its values bound as the audit trail's are (audit-sql.ts):
 * rows as {@link Row} (EUI-64 columns as bigint).
 */
export interface SsiSql {
  /** `subject` names the table in error messages; a duplicate key is a ConflictError. */
  query(sql: string, values: readonly SqlValue[], subject: string): Promise<Row[]>;
}

const t = (value: string | null): SqlValue => ({ kind: 'text', value });
const at = (value: Date | null): SqlValue => ({ kind: 'time', value });
const int = (value: number): SqlValue => ({ kind: 'int', value });

/** Runs a write; a duplicate key becomes `conflict()`, anything else is rethrown. */
async function unique(write: Promise<unknown>, conflict: () => ConflictError): Promise<void> {
  try {
    await write;
  } catch (error) {
    throw error instanceof ConflictError ? conflict() : error;
  }
}

/** The SSI part of the store over an engine's statements. */
export function createSsiStore(db: SsiSql): SsiStore {
  const first = async <T>(
    sql: string,
    values: readonly SqlValue[],
    read: (row: Row) => T,
  ): Promise<T | undefined> => {
    const [row] = await db.query(sql, values, 'query');
    return row === undefined ? undefined : read(row);
  };
  const write = async (sql: string, values: readonly SqlValue[], table: string): Promise<void> => {
    await db.query(sql, values, table);
  };
  const deleted = async (where: string, value: SqlValue): Promise<number> =>
    (
      await db.query(
        `DELETE FROM login_sessions WHERE ${where} RETURNING 1 AS n`,
        [value],
        'login_sessions',
      )
    ).length;
  const personWhere = (where: string, key: string) =>
    first(`SELECT * FROM people WHERE ${where}`, [t(key)], toPerson);
  return {
    addOrganisation: (o) =>
      unique(
        write(
          'INSERT INTO organisations (organisation_id, name, created_at) VALUES ($1, $2, $3)',
          [t(o.id), t(o.name), at(o.createdAt)],
          'organisations',
        ),
        () => organisationConflict(o),
      ),
    organisation: (id) =>
      first('SELECT * FROM organisations WHERE organisation_id = $1', [t(id)], toOrganisation),
    async usersOf(organisationId) {
      const sql = 'SELECT * FROM users WHERE party_id = $1 ORDER BY user_id, role';
      return (await db.query(sql, [t(organisationId)], 'users')).map(toUser);
    },
    addPerson: (p) =>
      unique(
        write(
          `INSERT INTO people (person_id, organisation_id, name, email, password_hash, roles,
             failed_logins, failures_since, locked_until, created_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
          [
            ...[p.id, p.organisationId, p.name, p.email, p.passwordHash, rolesText(p.roles)].map(t),
            int(p.failedLogins),
            ...[p.failuresSince, p.lockedUntil, p.createdAt].map(at),
          ],
          'people',
        ),
        () => personConflict(p),
      ),
    person: (id) => personWhere('person_id = $1', id),
    personByEmail: (email) => personWhere('email = $1', email),
    async peopleOf(organisationId) {
      const sql = 'SELECT * FROM people WHERE organisation_id = $1 ORDER BY email';
      return (await db.query(sql, [t(organisationId)], 'people')).map(toPerson);
    },
    async setPasswordHash(personId, hash) {
      const sql = 'UPDATE people SET password_hash = $2 WHERE person_id = $1 RETURNING 1 AS n';
      return (await db.query(sql, [t(personId), t(hash)], 'people')).length > 0;
    },
    async recordLoginFailure(personId, when, windowStart) {
      // One statement, so concurrent failures each count (PostgreSQL's row lock orders them).
      // A window that began before windowStart (or none) starts again at `when` with 1.
      const rows = await db.query(
        `UPDATE people SET
           failed_logins = CASE WHEN coalesce(failures_since < $3, true) THEN 1
             ELSE failed_logins + 1 END,
           failures_since = CASE WHEN coalesce(failures_since < $3, true) THEN $2
             ELSE failures_since END
         WHERE person_id = $1 RETURNING failed_logins`,
        [t(personId), at(when), at(windowStart)],
        'people',
      );
      return Number(rows[0]?.['failed_logins'] ?? 0);
    },
    lockPerson: (personId, until) =>
      write(
        `UPDATE people SET locked_until = $2, failed_logins = 0, failures_since = NULL
         WHERE person_id = $1`,
        [t(personId), at(until)],
        'people',
      ),
    clearLoginFailures: (personId) =>
      write(
        `UPDATE people SET failed_logins = 0, failures_since = NULL, locked_until = NULL
         WHERE person_id = $1`,
        [t(personId)],
        'people',
      ),
    async addLoginSession(s) {
      try {
        await write(
          `INSERT INTO login_sessions
             (id_hash, person_id, csrf_secret, created_at, last_seen_at, expires_at)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [
            ...[s.idHash, s.personId, s.csrfSecret].map(t),
            ...[s.createdAt, s.lastSeenAt, s.expiresAt].map(at),
          ],
          'login_sessions',
        );
      } catch (error) {
        if (error instanceof ConflictError) {
          throw new ConflictError('login_sessions: the session ID hash exists already');
        }
        throw error;
      }
    },
    loginSession: (idHash) =>
      first('SELECT * FROM login_sessions WHERE id_hash = $1', [t(idHash)], toLoginSession),
    touchLoginSession: (idHash, when) =>
      write(
        'UPDATE login_sessions SET last_seen_at = $2 WHERE id_hash = $1',
        [t(idHash), at(when)],
        'login_sessions',
      ),
    endLoginSession: async (idHash) => (await deleted('id_hash = $1', t(idHash))) > 0,
    endLoginSessionsOf: (personId) => deleted('person_id = $1', t(personId)),
    endExpiredLoginSessions: (now) => deleted('expires_at <= $1', at(now)),
    appendSecurityEvent: (e) =>
      write(
        `INSERT INTO security_events (kind, occurred_at, person_id, email, ip, detail)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [t(e.kind), at(e.at), t(e.personId), t(e.email), t(e.ip), t(e.detail)],
        'security_events',
      ),
    async securityEvents(range = {}) {
      const { where, values } = eventRangeSql(range);
      const sql = `SELECT * FROM security_events ${where} ORDER BY seq LIMIT $${values.length + 1}`;
      const rows = await db.query(
        sql,
        [...values.map(at), int(eventLimit(range.limit))],
        'security_events',
      );
      return rows.map(toSecurityEvent);
    },
  };
}
