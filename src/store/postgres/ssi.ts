// The SSI part of the store on PostgreSQL: the shared statements (ssi-sql.ts), bound as the trail.
import type { SsiStore } from '../ssi-port.ts';
import { createSsiStore } from '../ssi-sql.ts';
import { bind } from './audit.ts';
import { unsignRow } from './codec.ts';
import type { Session } from './session.ts';

/** Creates the PostgreSQL implementation of {@link SsiStore} over a session. */
export function createPostgresSsi(session: Session): SsiStore {
  return createSsiStore({
    query: async (sql, values, subject) =>
      (await session.query(sql, bind({ values }), subject)).map(unsignRow),
  });
}
