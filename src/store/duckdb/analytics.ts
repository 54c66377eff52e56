// The analytics queries on DuckDB: the device view joins the model dictionary.
import type { AnalyticsStore } from '../analytics-port.ts';
import { decodeAnalyticsRow, type Dialect } from '../analytics-sql.ts';
import { bind } from './audit.ts';
import type { Session } from './session.ts';

const DIALECT: Dialect = {
  devices: `(SELECT d.device_id, d.type, m.manufacturer, m.model, m.firmware_version, d.smets,
    d.region, d.mpxn, d.status, d.status_since FROM devices d JOIN device_models m USING (model_id))`,
  idText: (column) => `CAST(${column} AS VARCHAR)`,
  mpxnText: (column) => `CAST(${column} AS VARCHAR)`,
};

/** Creates the DuckDB implementation of {@link AnalyticsStore} over a session. */
export function createDuckDbAnalytics(session: Session): AnalyticsStore {
  return {
    async analyticsRows(query) {
      const built = query.build(DIALECT);
      const rows = await session.rows(built.text, bind(built));
      return rows.map((row) => decodeAnalyticsRow(row, query.name));
    },
  };
}
