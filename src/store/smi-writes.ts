// Applying the DSP's SMI changes in order, whatever the engine: runs of joins go in one batch.
import type { Eui64 } from '../core/eui64.ts';
import type { HanJoin, SmiChange, StatusChange } from '../inventory/types.ts';

/** An engine's writes of each kind of change, inside the caller's transaction. */
export interface SmiWrites {
  joins(joins: readonly HanJoin[]): Promise<void>;
  unjoin(unjoin: { deviceId: Eui64; targetId: Eui64; at: Date }): Promise<unknown>;
  status(change: StatusChange): Promise<void>;
}

/**
 * Applies changes in the order they were made. Consecutive joins are written together; the
 * order matters where a pair is unjoined and joined again, or joined and then unjoined.
 */
export async function applySmiChanges(
  changes: readonly SmiChange[],
  writes: SmiWrites,
): Promise<void> {
  let joins: HanJoin[] = [];
  for (const change of changes) {
    if (change.kind === 'join') {
      joins.push(change.join);
      continue;
    }
    if (joins.length > 0) await writes.joins(joins);
    joins = [];
    if (change.kind === 'unjoin') await writes.unjoin(change);
    else await writes.status(change.change);
  }
  if (joins.length > 0) await writes.joins(joins);
}
