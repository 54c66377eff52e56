// `opendsp inventory show|stats`: look a device or supply point up; summarise the estate.
import { createInventory } from '../../inventory/index.ts';
import { parseTimeOption } from '../args.ts';
import { withStore, type Context } from '../context.ts';
import { partyNames, renderLookup, renderStats } from '../format.ts';

/** Runs `opendsp inventory show <device-id|mpxn>`. */
export async function inventoryShowCommand(
  context: Context,
  key: string,
  options: { readonly at?: string; readonly json?: boolean },
): Promise<void> {
  const at = options.at === undefined ? new Date() : parseTimeOption('--at', options.at);
  await withStore(context, async (store) => {
    const result = await createInventory({ store }).lookup(key);
    context.out(
      options.json
        ? JSON.stringify(result, null, 2)
        : renderLookup(result, at, await partyNames(store)),
    );
  });
}

/** Runs `opendsp inventory stats`. */
export async function inventoryStatsCommand(
  context: Context,
  options: { readonly json?: boolean },
): Promise<void> {
  await withStore(context, async (store) => {
    const stats = await store.inventoryStats();
    context.out(options.json ? JSON.stringify(stats, null, 2) : renderStats(stats, store.location));
  });
}
