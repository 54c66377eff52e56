// The DSP's write per batch of requests on DuckDB: trail, outbox and SMI in one transaction.
import type { DspWriteStore } from '../audit-port.ts';
import { applySmiChanges } from '../smi-writes.ts';
import { appendAuditIn } from './audit.ts';
import { enqueueIn } from './outbox.ts';
import type { Session } from './session.ts';
import { endJoinIn, recordStatusChangeIn } from './store.ts';
import { appendJoins } from './writes.ts';

/** Creates the DuckDB implementation of {@link DspWriteStore} over a session. */
export function createDuckDbDspWrites(session: Session): DspWriteStore {
  return {
    async writeDsp({ audit, outbox, smi }) {
      if (audit.length === 0 && outbox.length === 0 && smi.length === 0) return;
      await session.transaction(async (tx) => {
        await appendAuditIn(tx, audit);
        await enqueueIn(tx, outbox);
        await applySmiChanges(smi, {
          joins: (joins) => appendJoins(tx, joins),
          unjoin: (unjoin) => endJoinIn(tx, unjoin),
          status: (change) => recordStatusChangeIn(tx, change),
        });
      });
    },
  };
}
