// The SSI's login sessions and security event log on DuckDB.
import { BIGINT, TIMESTAMPTZ, VARCHAR } from '@duckdb/node-api';
import { ConflictError } from '../../core/errors.ts';
import type { SsiStore } from '../ssi-port.ts';
import { eventLimit, eventRangeSql, toLoginSession, toSecurityEvent } from '../ssi-rows.ts';
import type { Params, Session } from './session.ts';
import type { Row } from '../records.ts';
import { toTimestamp } from './writes.ts';

/** Bind values that are all text (IDs, emails, hashes). */
export const texts = (...values: string[]): Params => ({
  values,
  types: values.map(() => VARCHAR),
});

/** Reads the first row of a query through `read`, or undefined when there is none. */
export async function firstRow<T>(
  session: Session,
  query: { readonly sql: string; readonly params: Params },
  read: (row: Row) => T,
): Promise<T | undefined> {
  const rows = await session.rows(query.sql, query.params);
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

/** Creates the DuckDB session and event methods over a session. */
export function createDuckDbSsiSessions(session: Session): SsiSessionMethods {
  const deleted = async (where: string, params: Params) =>
    (await session.rows(`DELETE FROM login_sessions WHERE ${where} RETURNING 1 AS n`, params))
      .length;
  return {
    async addLoginSession(s) {
      try {
        await session.run(
          'INSERT INTO login_sessions VALUES ($1, $2, $3, $4, $5, $6)',
          {
            values: [
              ...[s.idHash, s.personId, s.csrfSecret],
              ...[s.createdAt, s.lastSeenAt, s.expiresAt].map(toTimestamp),
            ],
            types: [VARCHAR, VARCHAR, VARCHAR, TIMESTAMPTZ, TIMESTAMPTZ, TIMESTAMPTZ],
          },
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
        { sql: 'SELECT * FROM login_sessions WHERE id_hash = $1', params: texts(idHash) },
        toLoginSession,
      ),
    touchLoginSession: (idHash, at) =>
      session.run(
        'UPDATE login_sessions SET last_seen_at = $2 WHERE id_hash = $1',
        { values: [idHash, toTimestamp(at)], types: [VARCHAR, TIMESTAMPTZ] },
        'login_sessions',
      ),
    endLoginSession: async (idHash) => (await deleted('id_hash = $1', texts(idHash))) > 0,
    endLoginSessionsOf: (personId) => deleted('person_id = $1', texts(personId)),
    endExpiredLoginSessions: (now) =>
      deleted('expires_at <= $1', { values: [toTimestamp(now)], types: [TIMESTAMPTZ] }),
    appendSecurityEvent: (e) =>
      session.run(
        `INSERT INTO security_events (kind, occurred_at, person_id, email, ip, detail)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        {
          values: [e.kind, toTimestamp(e.at), e.personId, e.email, e.ip, e.detail],
          types: [VARCHAR, TIMESTAMPTZ, VARCHAR, VARCHAR, VARCHAR, VARCHAR],
        },
        'security_events',
      ),
    async securityEvents(range = {}) {
      const { where, values } = eventRangeSql(range);
      const sql = `SELECT * FROM security_events ${where} ORDER BY seq LIMIT $${values.length + 1}`;
      const rows = await session.rows(sql, {
        values: [...values.map(toTimestamp), BigInt(eventLimit(range.limit))],
        types: [...values.map(() => TIMESTAMPTZ), BIGINT],
      });
      return rows.map(toSecurityEvent);
    },
  };
}
