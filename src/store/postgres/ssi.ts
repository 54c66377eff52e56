// The SSI part of the store on PostgreSQL: the shared statements (ssi-sql.ts) on the pool.
import type { SsiStore } from '../ssi-port.ts';
import { createSsiStore } from '../ssi-sql.ts';
import { unsignRow } from './codec.ts';
import type { Session } from './session.ts';

/** Creates the PostgreSQL implementation of {@link SsiStore} over a session. */
export function createPostgresSsi(session: Session): SsiStore {
  return createSsiStore({
    query: async (sql, values, subject) =>
      (
        await session.query(
          sql,
          values.map((v) => v.value),
          subject,
        )
      ).map(unsignRow),
  });
}
