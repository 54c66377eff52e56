// `opendsp seed`: creates a plausible estate in the store.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { ConflictError } from '../../core/errors.ts';
import { seedEstate } from '../../workload/seed.ts';
import { parseTimeOption, parseWholeNumber } from '../args.ts';
import { withStore, type Context } from '../context.ts';
import { createProgress } from '../progress.ts';

/** Raw options of the seed command, as commander hands them over. */
export interface SeedCommandOptions {
  readonly devices: string;
  readonly seed: string;
  readonly asOf: string;
  readonly fresh?: boolean;
}

/** The largest estate `seed` accepts (about the size of the GB smart estate). */
export const MAX_SEED_DEVICES = 60_000_000;

/** The DuckDB file of a data directory. */
export function duckDbFile(dataDir: string): string {
  return path.join(dataDir, 'opendsp.duckdb');
}

/** Runs `opendsp seed`. */
export async function seedCommand(context: Context, raw: SeedCommandOptions): Promise<void> {
  const devices = parseWholeNumber('--devices', raw.devices, { min: 1, max: MAX_SEED_DEVICES });
  const seed = parseWholeNumber('--seed', raw.seed, { min: 0, max: 2 ** 31 - 1 });
  const asOf = parseTimeOption('--as-of', raw.asOf);
  if (raw.fresh) {
    if (context.databaseUrl) {
      throw new ConflictError(
        '--fresh only replaces the embedded DuckDB file; on PostgreSQL, drop the opendsp tables (or use a new database) first',
      );
    }
    const file = duckDbFile(context.dataDir);
    await rm(file, { force: true });
    await rm(`${file}.wal`, { force: true });
  }
  await withStore(context, async (store) => {
    const existing = await store.inventoryStats();
    if (existing.devices > 0 || existing.users > 0) {
      throw new ConflictError(
        `${store.location} already holds an estate of ${existing.devices.toLocaleString('en-GB')} devices; ` +
          'add --fresh to replace it, or use another --data-dir',
      );
    }
    const progress = createProgress({
      label: 'seeding',
      total: devices,
      unit: 'devices',
      ...context.progress,
    });
    const summary = await seedEstate({
      store,
      devices,
      seed,
      asOf,
      onProgress: (n) => {
        progress.update(n);
      },
    });
    progress.stop();
    const rate = Math.round(summary.devices / summary.seconds);
    context.out(
      `Seeded ${summary.devices.toLocaleString('en-GB')} devices, ${summary.registrations.toLocaleString('en-GB')} registrations, ` +
        `${summary.joins.toLocaleString('en-GB')} HAN joins and ${summary.users} DCC Users into ${store.location} ` +
        `in ${summary.seconds.toFixed(2)} s (${rate.toLocaleString('en-GB')} devices/s, seed ${seed}, as of ${asOf.toISOString()})`,
    );
  });
}
