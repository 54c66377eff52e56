// Store benchmark as a library: inserts N synthetic devices in batches and measures the store.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { eui64FromBigInt } from '../src/core/eui64.ts';
import type { Mpxn } from '../src/core/mpxn.ts';
import type { Device } from '../src/inventory/types.ts';
import { openStore, type Engine } from '../src/store/index.ts';

/** Options for {@link benchStore}. */
export interface StoreBenchOptions {
  /** Devices per insertDevices call (default 50,000). */
  readonly batchSize?: number;
  /** PostgreSQL URL (default OPENDSP_TEST_DATABASE_URL, then the local CI server). */
  readonly url?: string;
}

/** What one run measured: insert speed of the store alone, and the devices table on disk. */
export interface StoreBenchResult {
  readonly engine: Engine;
  readonly devices: number;
  readonly seconds: number;
  readonly devicesPerSecond: number;
  /** Bytes on disk per device: the DuckDB file, or the PostgreSQL devices table + indexes. */
  readonly bytesPerDevice: number;
}

const TYPES = ['ESME', 'GSME', 'CHF', 'GPF', 'IHD'] as const;

/** Synthetic devices with scattered IDs (as real EUI-64s are), built before timing starts. */
function syntheticBatches(n: number, batchSize: number): Device[][] {
  const batches: Device[][] = [];
  const since = Date.UTC(2024, 0, 1);
  for (let start = 0; start < n; start += batchSize) {
    const batch: Device[] = [];
    for (let i = start; i < Math.min(n, start + batchSize); i++) {
      const scattered = (BigInt(i + 1) * 0x9e37_79b9_7f4a_7c15n) & 0xffff_ffff_ffffn;
      batch.push({
        id: eui64FromBigInt((0x00_db_12n << 40n) | scattered),
        type: TYPES[i % TYPES.length] ?? 'ESME',
        manufacturer: `Maker ${i % 7}`,
        model: `M-${i % 23}`,
        firmwareVersion: `2.${i % 5}.0`,
        smets: i % 9 === 0 ? 'SMETS1' : 'SMETS2',
        region: 10 + (i % 14),
        mpxn: i % 5 === 4 ? null : (String(1_000_000_000_000 + Math.floor(i / 5) * 11) as Mpxn),
        status: 'Commissioned',
        statusSince: new Date(since + i * 1_003),
      });
    }
    batches.push(batch);
  }
  return batches;
}

/** Inserts `n` devices into a fresh store of `engine` and reports speed and size. */
export async function benchStore(
  engine: Engine,
  n: number,
  options: StoreBenchOptions = {},
): Promise<StoreBenchResult> {
  const batches = syntheticBatches(n, options.batchSize ?? 50_000);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'opendsp-store-bench-'));
  const url =
    options.url ?? process.env['OPENDSP_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1/test';
  const schema = `bench_store_${process.pid}_${Date.now()}`;
  const admin = engine === 'postgres' ? new pg.Client({ connectionString: url }) : undefined;
  try {
    await admin?.connect();
    const store = await openStore(engine === 'postgres' ? { url, schema } : { dataDir });
    const started = performance.now();
    for (const batch of batches) await store.insertDevices(batch);
    const seconds = (performance.now() - started) / 1000;
    await store.close();
    let bytes: number;
    if (admin !== undefined) {
      const result = await admin.query<{ bytes: string }>(
        `SELECT pg_total_relation_size(format('%I.devices', $1::text)::regclass)::text AS bytes`,
        [schema],
      );
      bytes = Number(result.rows[0]?.bytes ?? 0);
    } else {
      bytes = (await stat(path.join(dataDir, 'opendsp.duckdb'))).size;
    }
    return {
      engine,
      devices: n,
      seconds,
      devicesPerSecond: n / seconds,
      bytesPerDevice: bytes / n,
    };
  } finally {
    await admin?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin?.end();
    await rm(dataDir, { recursive: true, force: true });
  }
}
