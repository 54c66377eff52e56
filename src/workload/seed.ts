// Seeds a store with a generated estate, writing batch by batch.
import type { Store } from '../store/port.ts';
import { generateEstate, type EstateBatch } from './estate.ts';
import { buildMarket } from './parties.ts';

/** Options for {@link seedEstate}. */
export interface SeedOptions {
  readonly store: Store;
  readonly devices: number;
  readonly seed: number;
  readonly asOf: Date;
  readonly batchSize?: number;
  /** Called after each batch is stored, with the number of devices stored so far. */
  readonly onProgress?: (devices: number) => void;
}

/** What a seeding run wrote. */
export interface SeedSummary {
  readonly users: number;
  readonly devices: number;
  readonly joins: number;
  readonly registrations: number;
  readonly seconds: number;
}

async function writeBatch(store: Store, batch: EstateBatch): Promise<void> {
  await store.insertDevices(batch.devices);
  await store.insertRegistrations(batch.registrations);
  await store.insertJoins(batch.joins);
}

/**
 * Generates and stores an estate. The next batch is generated while the previous one is being
 * written, so a server database's round trips overlap the generation work.
 */
export async function seedEstate(options: SeedOptions): Promise<SeedSummary> {
  const { store } = options;
  const started = performance.now();
  const market = buildMarket();
  await store.insertUsers(market.users);
  let devices = 0;
  let joins = 0;
  let registrations = 0;
  let pending: Promise<void> = Promise.resolve();
  const estate = generateEstate({
    devices: options.devices,
    seed: options.seed,
    market,
    asOf: options.asOf,
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
  });
  for (const batch of estate) {
    await pending;
    pending = writeBatch(store, batch).then(() => {
      devices += batch.devices.length;
      joins += batch.joins.length;
      registrations += batch.registrations.length;
      options.onProgress?.(devices);
    });
  }
  await pending;
  return {
    users: market.users.length,
    devices,
    joins,
    registrations,
    seconds: (performance.now() - started) / 1000,
  };
}
