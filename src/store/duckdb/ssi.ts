// The SSI part of the store on DuckDB: the shared statements (ssi-sql.ts), bound with types.
import { INTEGER, TIMESTAMPTZ, VARCHAR, type DuckDBType, type DuckDBValue } from '@duckdb/node-api';
import type { SsiStore } from '../ssi-port.ts';
import { createSsiStore, type SsiValue } from '../ssi-sql.ts';
import type { Params, Session } from './session.ts';
import { toTimestampOrNull } from './writes.ts';

/** DuckDB bind values and their types (a NULL needs its type). */
function bind(values: readonly SsiValue[]): Params {
  const bound: DuckDBValue[] = [];
  const types: DuckDBType[] = [];
  for (const v of values) {
    if (v.kind === 'time') {
      bound.push(toTimestampOrNull(v.value));
      types.push(TIMESTAMPTZ);
    } else if (v.kind === 'int') {
      bound.push(v.value);
      types.push(INTEGER);
    } else {
      bound.push(v.value);
      types.push(VARCHAR);
    }
  }
  return { values: bound, types };
}

/** Creates the DuckDB implementation of {@link SsiStore} over a session. */
export function createDuckDbSsi(session: Session): SsiStore {
  return createSsiStore({
    query: (sql, values, subject) => session.rows(sql, bind(values), subject),
  });
}
