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
  /** Devices per stored batch (default 245,760: two DuckDB row groups; measured fastest). */
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

/** Devices generated between two turns of the event loop. */
const SLICE = 4_096;

const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function merge(into: EstateBatch, slice: EstateBatch): void {
  for (const d of slice.devices) into.devices.push(d);
  for (const j of slice.joins) into.joins.push(j);
  for (const r of slice.registrations) into.registrations.push(r);
}

/**
 * Generates and stores an estate. Generation runs in small slices with a turn of the event loop
 * between them, so the previous batch's write (whose heavy part runs on the database's own
 * threads or server) proceeds while the next batch is being generated.
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
  const batchSize = options.batchSize ?? 245_760;
  const estate = generateEstate({
    devices: options.devices,
    seed: options.seed,
    market,
    asOf: options.asOf,
    batchSize: SLICE,
  });
  const flush = async (batch: EstateBatch): Promise<void> => {
    await pending;
    pending = writeBatch(store, batch).then(() => {
      devices += batch.devices.length;
      joins += batch.joins.length;
      registrations += batch.registrations.length;
      options.onProgress?.(devices);
    });
    // Rejections are observed by the next `await pending`; keep Node from reporting them early.
    pending.catch(() => undefined);
  };
  let batch: EstateBatch = { devices: [], joins: [], registrations: [] };
  for (const slice of estate) {
    merge(batch, slice);
    if (batch.devices.length >= batchSize) {
      await flush(batch);
      batch = { devices: [], joins: [], registrations: [] };
    }
    await nextTurn();
  }
  if (batch.devices.length > 0) await flush(batch);
  await pending;
  return {
    users: market.users.length,
    devices,
    joins,
    registrations,
    seconds: (performance.now() - started) / 1000,
  };
}
