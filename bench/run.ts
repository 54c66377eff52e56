// `npm run bench`: the performance targets, each measured beside the machine's own limits.
//
// Scale with environment variables (defaults in brackets):
//   OPENDSP_BENCH_ONLY               sections to run: seed,in-process,http,history,analytics,reliability [all]
//   OPENDSP_BENCH_DEVICES            devices seeded per engine in the seed section [1,000,000]
//   OPENDSP_BENCH_INPROC_ENGINES     engines of the in-process run [duckdb,postgres]
//   OPENDSP_BENCH_INPROC_DEVICES     estate of the in-process run [200,000]
//   OPENDSP_BENCH_INPROC_REQUESTS    SRVs driven through it [500,000]
//   OPENDSP_BENCH_AUDIT_RECORDS      records of the store-alone audit append rate [500,000]
//   OPENDSP_BENCH_HTTP_DEVICES       estate of the DSP server [200,000]
//   OPENDSP_BENCH_HTTP_REQUESTS      measured requests to the DSP [2,000]
//   OPENDSP_BENCH_HTTP_BARE_REQUESTS measured requests to the bare Fastify server [20,000]
//   OPENDSP_BENCH_HISTORY_RECORDS    audit records of the device-history latency trail [10,000,000]
//   OPENDSP_BENCH_HISTORY_ENGINES    engines of the device-history run [duckdb,postgres]
//   OPENDSP_BENCH_ANALYTICS_RECORDS  audit records of the analytics month [10,500,000]
//   OPENDSP_BENCH_ANALYTICS_DEVICES  estate of the analytics month [300,000]
//   OPENDSP_BENCH_RELIABILITY_ENGINES   engines of the kill-and-restart run [duckdb,postgres]
//   OPENDSP_BENCH_RELIABILITY_KILLS     SIGKILLs per engine [20]
//   OPENDSP_BENCH_RELIABILITY_DEVICES   estate of the server killed [2,000]
//   OPENDSP_BENCH_RELIABILITY_USERS     Users sending at once, one request in flight each [8]
//   OPENDSP_BENCH_RELIABILITY_UPTIME_MS time under load before each kill, min-max [1000-4000]
//   OPENDSP_BENCH_PROFILE            a directory: every child process writes a .cpuprofile there
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Engine } from '../src/store/index.ts';
import { analyticsRows, benchAnalyticsInChild } from './analytics.ts';
import { benchHistoryInChild } from './history.ts';
import { historyRows } from './history-rows.ts';
import {
  benchReliabilityInChild,
  cliStartMs,
  reliabilityRows,
  type KillReport,
} from './reliability.ts';
import { benchHttp } from './http.ts';
import { benchInProcessInChild } from './in-process.ts';
import { diskFsyncRate, diskSequentialWrite } from './machine.ts';
import { mbps, n, renderTable, type BenchRow } from './table.ts';
import { httpRows, inProcessRows } from './throughput-rows.ts';

const run = promisify(execFile);
const env = (name: string, fallback: string): string =>
  process.env[`OPENDSP_BENCH_${name}`] ?? fallback;
const devices = Number(env('DEVICES', '1000000'));
const sections = new Set(
  env('ONLY', 'seed,in-process,http,history,analytics,reliability').split(','),
);

interface SeedFigures {
  readonly engine: string;
  readonly devices: number;
  readonly seconds: number;
  readonly secondsWithClose: number;
  readonly bytes: number;
  readonly maxRssBytes: number;
}

async function seedIn(engine: string): Promise<SeedFigures> {
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, 'seed-one.ts'), engine, String(devices)],
    {
      maxBuffer: 2 ** 20,
      env: process.env,
    },
  );
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as SeedFigures;
}

const dir = await mkdtemp(path.join(os.tmpdir(), 'opendsp-disk-'));
process.stderr.write('measuring the disk...\n');
const seqWrite = await diskSequentialWrite(dir);
const fsyncs = await diskFsyncRate(dir);
await rm(dir, { recursive: true, force: true });

const rows: BenchRow[] = [
  {
    measure: 'disk sequential write',
    value: mbps(seqWrite),
    target: '',
    limit: mbps(seqWrite),
    note: '512 MiB + fsync',
  },
  {
    measure: 'disk group commits (fsync)',
    value: `${n(fsyncs)}/s`,
    target: '',
    limit: `${n(fsyncs)}/s`,
    note: '512 B write + fdatasync',
  },
];
for (const engine of sections.has('seed') ? ['duckdb', 'postgres'] : []) {
  process.stderr.write(`seeding ${n(devices)} devices into ${engine}...\n`);
  try {
    const f = await seedIn(engine);
    const rate = f.devices / f.seconds;
    const perDevice = f.bytes / f.devices;
    rows.push(
      {
        measure: `${engine}: seed ${n(f.devices)} devices`,
        value: `${n(rate)} devices/s`,
        target: engine === 'duckdb' ? '≥ 200,000 devices/s' : '',
        limit: `${n(seqWrite / perDevice)} devices/s`,
        note: `${n(f.seconds, 2)} s to the last commit; limit = disk rate ÷ bytes per device`,
      },
      {
        measure: `${engine}: seed incl. closing the store`,
        value: `${n(f.devices / f.secondsWithClose)} devices/s`,
        target: '',
        limit: '',
        note:
          engine === 'duckdb'
            ? `${n(f.secondsWithClose, 2)} s; closing checkpoints the log into the file`
            : `${n(f.secondsWithClose, 2)} s`,
      },
      {
        measure: `${engine}: bytes per device on disk`,
        value: n(perDevice, 1),
        target: '',
        limit: '',
        note: `${n(f.bytes / 2 ** 20, 1)} MiB incl. joins, registrations, indexes`,
      },
      {
        measure: `${engine}: peak memory (RSS)`,
        value: `${n(f.maxRssBytes / 2 ** 20)} MiB`,
        target: '',
        limit: `${n(os.totalmem() / 2 ** 30)} GiB total`,
        note: 'whole seeding process',
      },
    );
  } catch (error) {
    rows.push({
      measure: `${engine}: seed`,
      value: 'failed',
      target: '',
      limit: '',
      note: error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error),
    });
  }
}
const failed = (measure: string, error: unknown): BenchRow => ({
  measure,
  value: 'failed',
  target: '',
  limit: '',
  note: error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error),
});
const inProcessEngines = sections.has('in-process')
  ? (env('INPROC_ENGINES', 'duckdb,postgres').split(',') as Engine[])
  : [];
for (const [i, engine] of inProcessEngines.entries()) {
  const requests = Number(env('INPROC_REQUESTS', '500000'));
  process.stderr.write(`driving ${n(requests)} SRVs through the pipeline on ${engine}...\n`);
  try {
    const result = await benchInProcessInChild({
      engine,
      devices: Number(env('INPROC_DEVICES', '200000')),
      requests,
      // The stages without a store are the same on every engine: measured once.
      stages: i === 0,
      storeAloneRecords: Number(env('AUDIT_RECORDS', '500000')),
    });
    rows.push(...inProcessRows(result, fsyncs));
  } catch (error) {
    rows.push(failed(`${engine}: SRVs in process`, error));
  }
}
if (sections.has('http')) {
  process.stderr.write('loading the DSP and a bare Fastify server over loopback...\n');
  try {
    const result = await benchHttp({
      devices: Number(env('HTTP_DEVICES', '200000')),
      requests: Number(env('HTTP_REQUESTS', '2000')),
      bareRequests: Number(env('HTTP_BARE_REQUESTS', '20000')),
      warmup: 200,
    });
    rows.push(...httpRows(result));
  } catch (error) {
    rows.push(failed('http: DSP and bare Fastify', error));
  }
}
const historyEngines = sections.has('history')
  ? (env('HISTORY_ENGINES', 'duckdb,postgres').split(',') as Engine[])
  : [];
for (const engine of historyEngines) {
  const records = Number(env('HISTORY_RECORDS', '10000000'));
  process.stderr.write(`device histories on a trail of ${n(records)} records in ${engine}...\n`);
  const started = performance.now();
  try {
    const result = await benchHistoryInChild({ engine, records });
    rows.push(...historyRows(result, (performance.now() - started) / 1000));
  } catch (error) {
    // The child's own error is the last line of its stderr, after execFile's "Command failed".
    const lines = error instanceof Error ? error.message.trim().split('\n') : [];
    const last = lines.filter((line) => /\w/.test(line) && !/^\s+at /.test(line)).pop();
    rows.push(failed(`${engine}: device history`, last ?? error));
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  }
}
if (sections.has('analytics')) {
  const records = Number(env('ANALYTICS_RECORDS', '10500000'));
  process.stderr.write(`a month of ${n(records)} audit records, then every analytics report...\n`);
  try {
    rows.push(
      ...analyticsRows(
        await benchAnalyticsInChild(records, Number(env('ANALYTICS_DEVICES', '300000'))),
      ),
    );
  } catch (error) {
    rows.push(failed('duckdb: analytics reports', error));
  }
}
const reliabilityEngines = sections.has('reliability')
  ? (env('RELIABILITY_ENGINES', 'duckdb,postgres').split(',') as Engine[])
  : [];
const reliabilityReports: KillReport[] = [];
for (const engine of reliabilityEngines) {
  const kills = Number(env('RELIABILITY_KILLS', '20'));
  const [minUp = 1000, maxUp = 4000] = env('RELIABILITY_UPTIME_MS', '1000-4000')
    .split('-')
    .map(Number);
  process.stderr.write(`${kills} SIGKILLs of opendsp serve under load on ${engine}...\n`);
  try {
    const report = await benchReliabilityInChild({
      engine,
      kills,
      devices: Number(env('RELIABILITY_DEVICES', '2000')),
      users: Number(env('RELIABILITY_USERS', '8')),
      uptimeMs: [minUp, maxUp],
    });
    reliabilityReports.push(report);
    for (const line of report.details) process.stderr.write(`${engine}: ${line}\n`);
  } catch (error) {
    rows.push(failed(`${engine}: SIGKILL and restart`, error));
  }
}
if (reliabilityReports.length > 0) {
  // Measured after the runs, so it loads the modules as warm as the restarts did.
  const cliMs = await cliStartMs();
  for (const report of reliabilityReports) rows.push(...reliabilityRows(report, cliMs));
}
process.stdout.write(
  `\nopendsp benchmarks (${os.cpus().length} cores, Node ${process.version})\n\n${renderTable(rows)}\n`,
);
