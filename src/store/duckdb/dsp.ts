// The DSP's own records on DuckDB: estate loading, credentials, endpoints, request counters.
import { TIMESTAMPTZ, UBIGINT, VARCHAR } from '@duckdb/node-api';
import { ConflictError } from '../../core/errors.ts';
import type { DspStore } from '../dsp-port.ts';
import { credentialConflict, toCounters, toCredential, toEndpoints } from '../dsp-rows.ts';
import { euiValue } from '../ids.ts';
import { readEstate } from './estate.ts';
import type { Session } from './session.ts';
import { toTimestamp } from './writes.ts';

/**
 * Highest counter per RequestID originator among authenticated request records: a columnar
 * scan of kind, originator_id and request_id (1M records in ~0.03 s, measured). UBIGINT is
 * exactly the counter's range (0 to 2^64−1); the digits check comes first because DuckDB's
 * cast also reads `1e3` or `12.5`, and casting to DECIMAL(20,0) measured 40x slower. A
 * malformed or out-of-range counter is NULL, which max() ignores.
 */
const COUNTERS_SQL = `
  SELECT originator, CAST(max(counter) AS VARCHAR) AS counter FROM (
    SELECT split_part(request_id, ':', 1) AS originator, split_part(request_id, ':', 3) AS digits,
      CASE WHEN regexp_full_match(digits, '[0-9]{1,20}') THEN TRY_CAST(digits AS UBIGINT) END
        AS counter
    FROM audit_trail
    WHERE kind = 'request' AND originator_id IS NOT NULL AND request_id IS NOT NULL)
  GROUP BY originator`;

/** Creates the DuckDB implementation of {@link DspStore} over a session. */
export function createDuckDbDsp(session: Session): DspStore {
  return {
    // One transaction: the four reads see one snapshot.
    loadEstate: () => session.transaction(readEstate),
    async addCredential(c) {
      try {
        await session.run(
          'INSERT INTO user_credentials VALUES ($1, $2, $3, $4, $5, $6)',
          {
            values: [
              c.issuer,
              c.serial,
              euiValue(c.userId),
              c.role,
              c.certificatePem,
              toTimestamp(c.addedAt),
            ],
            types: [VARCHAR, VARCHAR, UBIGINT, VARCHAR, VARCHAR, TIMESTAMPTZ],
          },
          'user_credentials',
        );
      } catch (error) {
        throw error instanceof ConflictError ? credentialConflict(c) : error;
      }
    },
    async credential(issuer, serial) {
      const rows = await session.rows(
        'SELECT * FROM user_credentials WHERE issuer = $1 AND serial = $2',
        { values: [issuer, serial], types: [VARCHAR, VARCHAR] },
      );
      return rows[0] === undefined ? undefined : toCredential(rows[0]);
    },
    async credentials() {
      const sql = 'SELECT * FROM user_credentials ORDER BY user_id, issuer, serial';
      return (await session.rows(sql)).map(toCredential);
    },
    setEndpoint: (userId, url, at) =>
      session.run(
        `INSERT INTO user_endpoints VALUES ($1, $2, $3)
         ON CONFLICT (user_id) DO UPDATE SET url = excluded.url, updated_at = excluded.updated_at`,
        {
          values: [euiValue(userId), url, toTimestamp(at)],
          types: [UBIGINT, VARCHAR, TIMESTAMPTZ],
        },
        'user_endpoints',
      ),
    async endpoints() {
      return toEndpoints(await session.rows('SELECT user_id, url FROM user_endpoints'));
    },
    async requestCounters() {
      return toCounters(await session.rows(COUNTERS_SQL));
    },
  };
}
