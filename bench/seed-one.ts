// Child process of the bench: seeds N devices into one engine and prints the figures as JSON.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openStore } from '../src/store/index.ts';
import { seedEstate } from '../src/workload/seed.ts';

const [engine = 'duckdb', count = '1000000'] = process.argv.slice(2);
const devices = Number(count);
const dataDir = await mkdtemp(
  path.join(process.env['OPENDSP_BENCH_DIR'] ?? os.tmpdir(), 'opendsp-bench-'),
);
const url = process.env['OPENDSP_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const schema = `bench_${process.pid}`;

let pgClient: pg.Client | undefined;
if (engine === 'postgres') {
  pgClient = new pg.Client({ connectionString: url });
  await pgClient.connect();
  await pgClient.query(`CREATE SCHEMA ${schema}`);
}
const schemaUrl = (): string => {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
};

try {
  const store = await openStore(
    engine === 'postgres' ? { url: schemaUrl(), dataDir } : { dataDir },
  );
  const started = performance.now();
  const summary = await seedEstate({
    store,
    devices,
    seed: 1,
    asOf: new Date('2026-01-01T00:00:00Z'),
  });
  // Every batch is durable when its transaction commits (DuckDB: in its write-ahead log).
  const seconds = (performance.now() - started) / 1000;
  // Closing also checkpoints DuckDB's log into the main file; reported separately.
  await store.close();
  const secondsWithClose = (performance.now() - started) / 1000;
  let bytes: number;
  if (pgClient) {
    const result = await pgClient.query<{ bytes: string }>(
      `SELECT sum(pg_total_relation_size(c.oid))::text AS bytes FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r'`,
      [schema],
    );
    bytes = Number(result.rows[0]?.bytes ?? 0);
  } else {
    bytes = (await stat(path.join(dataDir, 'opendsp.duckdb'))).size;
  }
  const maxRssBytes = process.resourceUsage().maxRSS * 1024;
  process.stdout.write(
    `${JSON.stringify({ engine, devices: summary.devices, seconds, secondsWithClose, bytes, maxRssBytes })}\n`,
  );
} finally {
  if (pgClient) {
    await pgClient.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pgClient.end();
  }
  await rm(dataDir, { recursive: true, force: true });
}
