// The DSP's write per batch of requests on PostgreSQL: trail, outbox and SMI in one transaction.
import type { DspWriteStore } from '../audit-port.ts';
import { applySmiChanges } from '../smi-writes.ts';
import { copyAuditIn } from './audit.ts';
import { enqueueIn } from './outbox.ts';
import { createPartitions } from './partitions.ts';
import type { Session } from './session.ts';
import { endJoinIn, recordStatusChangeIn } from './store.ts';
import { copyJoins } from './writes.ts';

/** Creates the PostgreSQL implementation of {@link DspWriteStore} over a session. */
export function createPostgresDspWrites(session: Session): DspWriteStore {
  const partitions = createPartitions(session);
  return {
    async writeDsp({ audit, outbox, smi }) {
      if (audit.length === 0 && outbox.length === 0 && smi.length === 0) return;
      // Partitions are made in their own statements first, as appendAudit does.
      await partitions.ensure(audit.map((r) => r.at));
      await session.transaction(async (tx) => {
        await copyAuditIn(tx, audit);
        await enqueueIn(tx, outbox);
        await applySmiChanges(smi, {
          joins: (joins) => copyJoins(tx, joins),
          unjoin: (unjoin) => endJoinIn(tx, unjoin),
          status: (change) => recordStatusChangeIn(tx, change),
        });
      });
    },
  };
}
