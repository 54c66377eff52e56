// Device-history latency as a library: a synthetic trail of N records written by the engine's own
// SQL (bench/history-trail.ts) into a store made by its own migrations, then 1,000 device
// histories read through the real query path, store.auditByDevice and visibleDeviceHistory.
//
// Measured on the 2-core CI machine (shared, load average 2–4), 10M records, 1M devices:
// PostgreSQL p50 0.4–0.5 ms, p99 3.5–7 ms (a backward scan of the (device_id, recorded_at,
// record_id) key per month partition, newest month first: 27 buffers for a busy device);
// build 85–115 s (WAL-bound: max_wal_size 1GB checkpoints every 3 s), 8.4 GiB with 1.5 GiB of
// indexes. DuckDB p50 18 ms, p99 47 ms (auditByDevice) and 22 / 102 ms (visibleDeviceHistory);
// build 45–53 s, 2.6 GiB. DuckDB misses because it never uses the audit_by_device ART index for
// these queries: it reads through the index only when the device is the scan's *only* filter
// and no Top-N sits above the scan. `ORDER BY … LIMIT` pushes a dynamic Top-N filter on
// recorded_at into the scan, and visibleDeviceHistory's retention window adds a recorded_at
// range, so every history scans the whole device_id column (about 20 ms per 10M records).
// Reading the device's rows in a MATERIALIZED CTE with the device as its sole condition and
// filtering, ordering and limiting outside it gave p50 2.0–2.4 ms, p99 19–27 ms (the tail is
// busy devices' ~200 rows fetched from ~200 row groups on first touch).
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DuckDBInstance } from '@duckdb/node-api';
import pg from 'pg';
import { visibleDeviceHistory } from '../src/audit/visibility/index.ts';
import type { Registration } from '../src/inventory/types.ts';
import { loadRules } from '../src/rules/index.ts';
import { euiValue } from '../src/store/ids.ts';
import { DUCKDB_FILE_NAME, openStore, type Engine, type Store } from '../src/store/index.ts';
import {
  deviceOf,
  monthRecords,
  mpxnOf,
  previousSupplierOf,
  supplierOf,
  TRAIL_TO,
  trailInserts,
  trailShape,
  type TrailShape,
} from './history-trail.ts';
import { toPgId } from '../src/store/postgres/codec.ts';
import { runJsonChild } from './child.ts';

/** Options for {@link benchHistory}. */
export interface HistoryOptions {
  readonly engine: Engine;
  /** Records in the trail (default 10,000,000). */
  readonly records: number;
  /** Devices whose history is timed (default 1,000), a tenth of them busy ones. */
  readonly samples?: number;
  /** Untimed queries first, on other devices (default 100). */
  readonly warmup?: number;
  /** PostgreSQL URL (default OPENDSP_TEST_DATABASE_URL, then the local CI server). */
  readonly url?: string;
}

/** Latency of one query path, in milliseconds. */
export interface Latency {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
  /** The same for the busy devices alone (a tenth of the samples). */
  readonly busyP99: number;
  /** Records (or visible items) returned per query, on average. */
  readonly rows: number;
}

/** What one run measured. */
export interface HistoryResult {
  readonly engine: Engine;
  readonly records: number;
  readonly devices: number;
  readonly busyDevices: number;
  /** The INSERT … SELECT statements. */
  readonly insertSeconds: number;
  /** ANALYZE / VACUUM and CHECKPOINT after them. */
  readonly settleSeconds: number;
  /** The DuckDB file (with any WAL), or every audit_trail partition with its indexes. */
  readonly bytes: number;
  /** PostgreSQL: the indexes' share of `bytes`. */
  readonly indexBytes: number | null;
  readonly byDevice: Latency;
  readonly visible: Latency;
  /** The query plan of one busy device's history (EXPLAIN ANALYZE), for the report. */
  readonly plan: string;
}

/** A small seeded generator (mulberry32), so every run samples the same devices. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Device numbers to read: `count` of them, one in ten busy, shuffled. */
function sampleDevices(shape: TrailShape, count: number, seed: number): number[] {
  const next = random(seed);
  return Array.from({ length: count }, (_, i) =>
    i % 10 === 0
      ? Math.floor(next() * shape.busyDevices)
      : shape.busyDevices + Math.floor(next() * (shape.devices - shape.busyDevices)),
  );
}

function latency(times: readonly number[], busy: readonly boolean[], rows: number): Latency {
  const quantile = (sorted: readonly number[], q: number): number =>
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
  const sorted = [...times].sort((a, b) => a - b);
  const busySorted = times.filter((_, i) => busy[i]).sort((a, b) => a - b);
  return {
    p50: quantile(sorted, 0.5),
    p99: quantile(sorted, 0.99),
    max: sorted[sorted.length - 1] ?? 0,
    mean: times.reduce((sum, t) => sum + t, 0) / Math.max(1, times.length),
    busyP99: quantile(busySorted, 0.99),
    rows: rows / Math.max(1, times.length),
  };
}

/** Times `query` once per device, one after another. */
async function timeQueries(
  devices: readonly number[],
  shape: TrailShape,
  query: (d: number) => Promise<number>,
): Promise<Latency> {
  const times: number[] = [];
  let rows = 0;
  for (const d of devices) {
    const started = performance.now();
    rows += await query(d);
    times.push(performance.now() - started);
  }
  return latency(
    times,
    devices.map((d) => d < shape.busyDevices),
    rows,
  );
}

/** The device-history page as the SSI asks for it: 50 records, newest first. */
const PAGE = 50;
/** The viewing time: the day after the trail ends, so its three months are all in the window. */
const NOW = new Date(TRAIL_TO + 86_400_000);

/** A small fixed registration history: the owner since June 2024, another supplier before. */
function registrationsOf(d: number): readonly Registration[] {
  const mpxn = mpxnOf(d);
  const since = new Date(Date.UTC(2024, 5, 1));
  return [
    {
      mpxn,
      role: 'ImportSupplier',
      userId: previousSupplierOf(d),
      from: new Date(Date.UTC(2021, 0, 1)),
      to: since,
    },
    { mpxn, role: 'ImportSupplier', userId: supplierOf(d), from: since, to: null },
  ];
}

/** Reads the samples through both query paths (after a warm-up on other devices). */
async function measure(
  store: Store,
  shape: TrailShape,
  options: HistoryOptions,
): Promise<Pick<HistoryResult, 'byDevice' | 'visible'>> {
  const rules = loadRules();
  const devices = sampleDevices(shape, options.samples ?? 1_000, 1);
  const warm = sampleDevices(shape, options.warmup ?? 100, 2);
  const byDevice = async (d: number): Promise<number> =>
    (await store.auditByDevice(deviceOf(d), { limit: PAGE })).records.length;
  const visible = async (d: number): Promise<number> => {
    const page = await visibleDeviceHistory({
      store,
      viewer: { userId: supplierOf(d), role: 'ImportSupplier' },
      now: NOW,
      rules,
      registrationsFor: (mpxn) => (mpxn === mpxnOf(d) ? registrationsOf(d) : []),
      deviceId: deviceOf(d),
      page: { limit: PAGE },
    });
    return page.items.length;
  };
  for (const d of warm) await byDevice(d);
  const first = await timeQueries(devices, shape, byDevice);
  for (const d of warm) await visible(d);
  return { byDevice: first, visible: await timeQueries(devices, shape, visible) };
}

/** The SQL auditByDevice runs (src/store/audit-sql.ts), with a literal device for EXPLAIN. */
function historySql(device: string): string {
  return `SELECT * FROM audit_trail WHERE device_id = ${device}
    ORDER BY recorded_at DESC, record_id DESC LIMIT ${PAGE}`;
}

const log = (text: string): void => {
  process.stderr.write(`  history: ${text}\n`);
};

async function benchDuckDb(options: HistoryOptions, shape: TrailShape): Promise<HistoryResult> {
  const dataDir = await mkdtemp(
    path.join(process.env['OPENDSP_BENCH_DIR'] ?? os.tmpdir(), 'opendsp-history-'),
  );
  const file = path.join(dataDir, DUCKDB_FILE_NAME);
  try {
    // The store's migrations make the schema; its appender writes one record per month.
    const made = await openStore({ dataDir });
    const seeded = monthRecords();
    await made.appendAudit(seeded);
    await made.close();
    const instance = await DuckDBInstance.create(file);
    const connection = await instance.connect();
    let started = performance.now();
    for (const sql of trailInserts('duckdb', shape)) await connection.run(sql);
    const insertSeconds = (performance.now() - started) / 1000;
    log(`duckdb: ${insertSeconds.toFixed(1)} s to insert`);
    started = performance.now();
    await connection.run('CHECKPOINT');
    const settleSeconds = (performance.now() - started) / 1000;
    const counted = await connection.runAndReadAll('SELECT count(*) AS n FROM audit_trail');
    const records = Number(counted.getRowObjects()[0]?.['n'] ?? 0);
    const explained = await connection.runAndReadAll(
      `EXPLAIN ANALYZE ${historySql(`${euiValue(deviceOf(0))}::UBIGINT`)}`,
    );
    const plan = explained
      .getRowObjects()
      .map((row) => String(row['explain_value'] ?? ''))
      .join('\n');
    connection.closeSync();
    instance.closeSync();
    let bytes = 0;
    for (const name of await readdir(dataDir)) bytes += (await stat(path.join(dataDir, name))).size;
    const store = await openStore({ dataDir });
    try {
      const figures = await measure(store, shape, options);
      return {
        engine: 'duckdb',
        records,
        devices: shape.devices,
        busyDevices: shape.busyDevices,
        insertSeconds,
        settleSeconds,
        bytes,
        indexBytes: null,
        ...figures,
        plan,
      };
    } finally {
      await store.close();
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function benchPostgres(options: HistoryOptions, shape: TrailShape): Promise<HistoryResult> {
  const url =
    options.url ??
    process.env['OPENDSP_TEST_DATABASE_URL'] ??
    'postgres://postgres@127.0.0.1:5432/test';
  const schema = `bench_history_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const clients: pg.Client[] = [];
  try {
    // The store's migrations make the schema; its appendAudit makes the month partitions.
    const store = await openStore({ url, schema });
    try {
      await store.appendAudit(monthRecords());
      // One connection per core, each inserting its share of the slots.
      const parts = Math.max(1, Math.min(4, os.cpus().length));
      for (let i = 0; i < parts; i++) {
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        await client.query(`SET search_path TO ${schema}`);
        clients.push(client);
      }
      let started = performance.now();
      const inserts = trailInserts('postgres', shape, parts);
      await Promise.all(
        inserts.map(async (sql, i) => {
          const client = clients[i % parts];
          if (client !== undefined) await client.query(sql);
        }),
      );
      const insertSeconds = (performance.now() - started) / 1000;
      log(`postgres: ${insertSeconds.toFixed(1)} s to insert`);
      started = performance.now();
      // VACUUM sets the hint bits and visibility map an old trail has; ANALYZE the statistics.
      await admin.query(`VACUUM (ANALYZE) ${schema}.audit_trail`);
      await admin.query('CHECKPOINT');
      const settleSeconds = (performance.now() - started) / 1000;
      const size = await admin.query<{ bytes: string; indexes: string; n: string }>(
        `SELECT sum(pg_total_relation_size(relid))::text AS bytes,
           sum(pg_indexes_size(relid))::text AS indexes,
           (SELECT count(*) FROM ${schema}.audit_trail)::text AS n
         FROM pg_partition_tree(format('%I.audit_trail', $1::text)::regclass)`,
        [schema],
      );
      const explained = await (clients[0] ?? admin).query<{ 'QUERY PLAN': string }>(
        `EXPLAIN (ANALYZE, BUFFERS) ${historySql(toPgId(deviceOf(0)))}`,
      );
      const plan = explained.rows.map((row) => row['QUERY PLAN']).join('\n');
      const figures = await measure(store, shape, options);
      return {
        engine: 'postgres',
        records: Number(size.rows[0]?.n ?? 0),
        devices: shape.devices,
        busyDevices: shape.busyDevices,
        insertSeconds,
        settleSeconds,
        bytes: Number(size.rows[0]?.bytes ?? 0),
        indexBytes: Number(size.rows[0]?.indexes ?? 0),
        ...figures,
        plan,
      };
    } finally {
      await store.close();
    }
  } finally {
    for (const client of clients) await client.end();
    await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin.end();
  }
}

/** Builds the trail in a fresh store of `options.engine` and times device histories. */
export function benchHistory(options: HistoryOptions): Promise<HistoryResult> {
  const shape = trailShape(options.records, monthRecords().length);
  return options.engine === 'duckdb' ? benchDuckDb(options, shape) : benchPostgres(options, shape);
}

/** Runs {@link benchHistory} in a child process (its own heap and event loop). */
export function benchHistoryInChild(options: HistoryOptions): Promise<HistoryResult> {
  return runJsonChild<HistoryResult>('history-one.ts', [JSON.stringify(options)]);
}
