// `npm run bench`: the performance targets, each measured beside the machine's own limits.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { diskFsyncRate, diskSequentialWrite } from './machine.ts';
import { mbps, n, renderTable, type BenchRow } from './table.ts';

const run = promisify(execFile);
const devices = Number(process.env['OPENDSP_BENCH_DEVICES'] ?? 1_000_000);

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
for (const engine of ['duckdb', 'postgres']) {
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
process.stdout.write(
  `\nopendsp benchmarks (${os.cpus().length} cores, Node ${process.version})\n\n${renderTable(rows)}\n`,
);
