// The SSI part of the store on DuckDB: the shared statements (ssi-sql.ts), bound as the trail.
import type { SsiStore } from '../ssi-port.ts';
import { createSsiStore } from '../ssi-sql.ts';
import { bind } from './audit.ts';
import type { Session } from './session.ts';

/** Creates the DuckDB implementation of {@link SsiStore} over a session. */
export function createDuckDbSsi(session: Session): SsiStore {
  return createSsiStore({
    query: (sql, values, subject) => session.rows(sql, bind({ values }), subject),
  });
}
