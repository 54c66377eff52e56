// The analytics queries on DuckDB: the device view joins the model dictionary; exports use COPY.
import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { eui64ToBigInt } from '../../core/eui64.ts';
import type { AnalyticsStore } from '../analytics-port.ts';
import { decodeAnalyticsRow, inlineValues, lit, type Dialect } from '../analytics-sql.ts';
import type { SqlValue } from '../audit-sql.ts';
import { bind } from './audit.ts';
import type { Session } from './session.ts';

const DIALECT: Dialect = {
  devices: `(SELECT d.device_id, d.type, m.manufacturer, m.model, m.firmware_version, d.smets,
    d.region, d.mpxn, d.status, d.status_since FROM devices d JOIN device_models m USING (model_id))`,
  idText: (column) => `CAST(${column} AS VARCHAR)`,
  mpxnText: (column) => `CAST(${column} AS VARCHAR)`,
  epochMs: (column) => `epoch_ms(${column})`,
  idHex: (column) => `upper(format('{:016x}', ${column}))`,
  isoText: (column) => `strftime(${column} AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.%gZ')`,
};

function literal(value: SqlValue): string {
  switch (value.kind) {
    case 'id':
      return eui64ToBigInt(value.value).toString();
    case 'record':
      return value.value.toString();
    case 'int':
    case 'mpxn':
      return String(Number(value.value));
    case 'time':
      return value.value === null ? 'NULL' : `TIMESTAMPTZ ${lit(value.value.toISOString())}`;
    case 'text':
      return value.value === null ? 'NULL' : lit(value.value);
  }
}

/** Every CSV file under a partitioned COPY's folder, by partition key. */
async function partitionFiles(dir: string, depth: number): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.endsWith('.csv')) continue;
    const parts = path.relative(dir, entry.parentPath).split(path.sep);
    if (parts.length !== depth) continue;
    const key = parts.map((p) => decodeURIComponent(p.slice(p.indexOf('=') + 1))).join('|');
    files.set(key, path.join(entry.parentPath, entry.name));
  }
  return files;
}

/** Creates the DuckDB implementation of {@link AnalyticsStore} over a session. */
export function createDuckDbAnalytics(session: Session): AnalyticsStore {
  return {
    async analyticsRows(query) {
      const built = query.build(DIALECT);
      const rows = await session.rows(built.text, bind(built));
      return rows.map((row) => decodeAnalyticsRow(row, query.name));
    },
    async analyticsCsvFiles(query, dir) {
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
      const sql = inlineValues(query.build(DIALECT), literal);
      // One output file per partition keeps each data set in one file, in the query's order.
      await session.run(
        `COPY (${sql}) TO ${lit(dir)} (FORMAT csv, HEADER, NEW_LINE '\r\n', ` +
          `PARTITION_BY (${query.partitionBy.join(', ')}), OVERWRITE_OR_IGNORE, PER_THREAD_OUTPUT false)`,
        undefined,
        query.name,
      );
      return partitionFiles(dir, query.partitionBy.length);
    },
  };
}
