// The DSP's own records on PostgreSQL: estate loading, credentials, endpoints, request counters.
import { ConflictError } from '../../core/errors.ts';
import type { DspStore } from '../dsp-port.ts';
import { credentialConflict, toCounters, toCredential, toEndpoints } from '../dsp-rows.ts';
import type { Row } from '../records.ts';
import { toPgId, unsignRow } from './codec.ts';
import { readEstate } from './estate.ts';
import type { Session } from './session.ts';

/**
 * Highest counter per RequestID originator among authenticated request records: a scan of
 * every partition (1M records in ~0.3 s, measured). The counter is read as numeric(20,0) and
 * kept only when it is digits within 0 to 2^64−1 (the DuckDB adapter's UBIGINT range);
 * otherwise it is NULL, which max() ignores.
 */
const COUNTERS_SQL = `
  SELECT originator, max(counter)::text AS counter FROM (
    SELECT originator,
      CASE WHEN digits ~ '^[0-9]{1,20}$' AND digits::numeric(20,0) <= 18446744073709551615
        THEN digits::numeric(20,0) END AS counter
    FROM (
      SELECT split_part(request_id, ':', 1) AS originator, split_part(request_id, ':', 3) AS digits
      FROM audit_trail
      WHERE kind = 'request' AND originator_id IS NOT NULL AND request_id IS NOT NULL) AS r
  ) AS c
  GROUP BY originator`;

const toStoredCredential = (row: Row): ReturnType<typeof toCredential> =>
  toCredential(unsignRow(row));

/** Creates the PostgreSQL implementation of {@link DspStore} over a session. */
export function createPostgresDsp(session: Session): DspStore {
  return {
    loadEstate: () => session.transaction(readEstate),
    async addCredential(c) {
      try {
        await session.query(
          `INSERT INTO user_credentials (issuer, serial, user_id, role, certificate_pem, added_at)
           VALUES ($1, $2, $3, $4, $5, $6)`,
          [c.issuer, c.serial, toPgId(c.userId), c.role, c.certificatePem, c.addedAt],
          'user_credentials',
        );
      } catch (error) {
        throw error instanceof ConflictError ? credentialConflict(c) : error;
      }
    },
    async credential(issuer, serial) {
      const rows = await session.query(
        'SELECT * FROM user_credentials WHERE issuer = $1 AND serial = $2',
        [issuer, serial],
      );
      return rows[0] === undefined ? undefined : toStoredCredential(rows[0]);
    },
    async credentials() {
      const sql = 'SELECT * FROM user_credentials ORDER BY user_id, issuer, serial';
      return (await session.query(sql)).map(toStoredCredential);
    },
    async setEndpoint(userId, url, at) {
      await session.query(
        `INSERT INTO user_endpoints (user_id, url, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (user_id) DO UPDATE SET url = excluded.url, updated_at = excluded.updated_at`,
        [toPgId(userId), url, at],
        'user_endpoints',
      );
    },
    async endpoints() {
      const rows = await session.query('SELECT user_id, url FROM user_endpoints');
      return toEndpoints(rows.map(unsignRow));
    },
    async requestCounters() {
      return toCounters(await session.query(COUNTERS_SQL, [], 'audit_trail'));
    },
  };
}
