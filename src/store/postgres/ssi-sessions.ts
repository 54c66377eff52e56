// The SSI's login sessions and security event log on PostgreSQL.
import { ConflictError } from '../../core/errors.ts';
import type { Row } from '../records.ts';
import type { SsiStore } from '../ssi-port.ts';
import { eventLimit, eventRangeSql, toLoginSession, toSecurityEvent } from '../ssi-rows.ts';
import type { Session } from './session.ts';

/** Reads the first row of a query through `read`, or undefined when there is none. */
export async function firstRow<T>(
  session: Session,
  query: { readonly sql: string; readonly params: readonly unknown[] },
  read: (row: Row) => T,
): Promise<T | undefined> {
  const rows = await session.query(query.sql, query.params);
  return rows[0] === undefined ? undefined : read(rows[0]);
}

/** The session and event methods of {@link SsiStore}. */
export type SsiSessionMethods = Pick<
  SsiStore,
  | 'addLoginSession'
  | 'loginSession'
  | 'touchLoginSession'
  | 'endLoginSession'
  | 'endLoginSessionsOf'
  | 'endExpiredLoginSessions'
  | 'appendSecurityEvent'
  | 'securityEvents'
>;

/** Creates the PostgreSQL session and event methods over a session. */
export function createPostgresSsiSessions(session: Session): SsiSessionMethods {
  const deleted = async (where: string, params: readonly unknown[]) =>
    (
      await session.query(
        `DELETE FROM login_sessions WHERE ${where} RETURNING 1 AS n`,
        params,
        'login_sessions',
      )
    ).length;
  return {
    async addLoginSession(s) {
      try {
        await session.query(
          `INSERT INTO login_sessions
             (id_hash, person_id, csrf_secret, created_at, last_seen_at, expires_at)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [s.idHash, s.personId, s.csrfSecret, s.createdAt, s.lastSeenAt, s.expiresAt],
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
      firstRow(
        session,
        { sql: 'SELECT * FROM login_sessions WHERE id_hash = $1', params: [idHash] },
        toLoginSession,
      ),
    async touchLoginSession(idHash, at) {
      const sql = 'UPDATE login_sessions SET last_seen_at = $2 WHERE id_hash = $1';
      await session.query(sql, [idHash, at], 'login_sessions');
    },
    endLoginSession: async (idHash) => (await deleted('id_hash = $1', [idHash])) > 0,
    endLoginSessionsOf: (personId) => deleted('person_id = $1', [personId]),
    endExpiredLoginSessions: (now) => deleted('expires_at <= $1', [now]),
    async appendSecurityEvent(e) {
      await session.query(
        `INSERT INTO security_events (kind, occurred_at, person_id, email, ip, detail)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [e.kind, e.at, e.personId, e.email, e.ip, e.detail],
        'security_events',
      );
    },
    async securityEvents(range = {}) {
      const { where, values } = eventRangeSql(range);
      const sql = `SELECT * FROM security_events ${where} ORDER BY seq LIMIT $${values.length + 1}`;
      const rows = await session.query(
        sql,
        [...values, eventLimit(range.limit)],
        'security_events',
      );
      return rows.map(toSecurityEvent);
    },
  };
}
