// The analytics queries on PostgreSQL: EUI-64s are stored offset by 2^63 (codec.ts).
import type { AnalyticsStore } from '../analytics-port.ts';
import { decodeAnalyticsRow, type Dialect } from '../analytics-sql.ts';
import { bind } from './audit.ts';
import type { Session } from './session.ts';

const DIALECT: Dialect = {
  devices: 'devices',
  // A NULL stays NULL; the non-device sentinel (the smallest bigint) becomes 0, which no device has.
  idText: (column) => `CAST((${column}::numeric + 9223372036854775808) AS VARCHAR)`,
  mpxnText: (column) => column,
};

/** Creates the PostgreSQL implementation of {@link AnalyticsStore} over a session. */
export function createPostgresAnalytics(session: Session): AnalyticsStore {
  return {
    async analyticsRows(query) {
      const built = query.build(DIALECT);
      const rows = await session.query(built.text, bind(built), 'analytics');
      return rows.map((row) => decodeAnalyticsRow(row, query.name));
    },
  };
}
