// One analytics benchmark run (child process): a month of ≥ 10M audit records, then every report.
//
// argv: records devices. Seeds `devices` into a fresh DuckDB file, writes May 2023 with the
// month-trail generator at the rate that gives about `records` records (plus the install history
// before it), reopens the store (so the report reads a checkpointed file, as a real monthly run
// would), then times a bare full scan of the month (the machine's limit for one pass) and
// runAnalytics for every reporting party, CSV and PDF. Prints one JSON line.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runAnalytics } from '../src/analytics/run.ts';
import { failureMultiplier, loadIncidents } from '../src/analytics/incidents.ts';
import { parseReportMonth } from '../src/analytics/month.ts';
import { loadCatalogue } from '../src/catalogue/index.ts';
import { createDuckDbStore, type Store } from '../src/store/index.ts';
import { seedEstate } from '../src/workload/seed.ts';
import { writeMonthTrail } from '../src/workload/month-trail.ts';

const [records = 10_500_000, devices = 300_000] = process.argv.slice(2).map(Number);
const dir = await mkdtemp(path.join(os.tmpdir(), 'opendsp-bench-analytics-'));
const file = path.join(dir, 'bench.duckdb');
const month = parseReportMonth('2023-05');
const catalogue = loadCatalogue();
const log = (line: string): boolean => process.stderr.write(`${line}\n`);

try {
  let store: Store = await createDuckDbStore({ path: file });
  await store.migrate();
  await seedEstate({ store, devices, seed: 7, asOf: month.from });
  const estate = await store.loadEstate();
  // About 2.95 records per request (request, I99 unless refused, response or alert, a few device
  // alerts), as the month-trail generator writes them.
  const rate = records / 2.95 / devices / month.days.length;
  let started = performance.now();
  const trail = await writeMonthTrail({
    store,
    estate,
    catalogue,
    seed: 7,
    from: month.from,
    to: month.to,
    rate,
    incidents: loadIncidents().map((i) => ({ ...i, failureMultiplier: failureMultiplier(i) })),
    onProgress: (done, total) => {
      if (done % 72 === 0) log(`month trail: ${done}/${total} hours`);
    },
  });
  const writeSeconds = (performance.now() - started) / 1000;
  await store.close();
  store = await createDuckDbStore({ path: file });
  started = performance.now();
  // One pass reading the columns the process queries read: the engine's own floor for a month.
  const [count] = await store.analyticsRows({
    name: 'bare scan',
    build: (d) => ({
      text: `SELECT CAST(count(*) AS INTEGER) AS records,
        CAST(sum(round_trip_ms) AS DOUBLE PRECISION) AS rtt, max(srv) AS srv,
        CAST(count(DISTINCT originator_id) AS INTEGER) AS senders, max(${d.epochMs('recorded_at')}) AS last
        FROM audit_trail WHERE recorded_at >= $1 AND recorded_at < $2`,
      values: [
        { kind: 'time', value: month.from },
        { kind: 'time', value: month.to },
      ],
    }),
  });
  const scanSeconds = (performance.now() - started) / 1000;
  log(`${trail.records} records written in ${writeSeconds.toFixed(1)} s; reporting...`);
  started = performance.now();
  const summary = await runAnalytics({
    store,
    catalogue,
    month: month.id,
    outDir: path.join(dir, 'reports'),
    onProgress: (done, total) => log(`reports: ${done}/${total}`),
  });
  const reportSeconds = (performance.now() - started) / 1000;
  await store.close();
  process.stdout.write(
    `${JSON.stringify({
      devices,
      records: summary.records,
      monthRecords: Number(count?.['records'] ?? 0),
      writeSeconds,
      scanSeconds,
      reportSeconds,
      reports: summary.reports.length,
      files: summary.files,
      bytes: summary.bytes,
      stages: summary.stages,
      fileBytes: (await stat(file)).size,
      maxRssBytes: process.resourceUsage().maxRSS * 1024,
    })}\n`,
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
