// Writes the DSP's SMI changes through to the store, in order.
import type { Store } from '../store/port.ts';
import type { SmiChange } from './smi-view.ts';

/** The store methods SMI changes need. */
export type SmiStore = Pick<Store, 'insertJoins' | 'endJoin' | 'recordStatusChange'>;

/** Writes a batch of changes: joins in one batch, then unjoins and status changes in order. */
export async function persistSmiChanges(
  store: SmiStore,
  changes: readonly SmiChange[],
): Promise<void> {
  const joins = changes.flatMap((c) => (c.kind === 'join' ? [c.join] : []));
  if (joins.length > 0) await store.insertJoins(joins);
  for (const c of changes) {
    if (c.kind === 'unjoin') await store.endJoin(c.deviceId, c.targetId, c.at);
    else if (c.kind === 'status') await store.recordStatusChange(c.change);
  }
}
