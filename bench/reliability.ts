// The reliability benchmark: SIGKILLs of `opendsp serve` under load on each engine (the kill
// harness in test/support), shown as rows beside the time the CLI alone takes to start.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Engine } from '../src/store/index.ts';
import type { KillReport } from '../test/support/kill-harness.ts';
import { runJsonChild } from './child.ts';
import { n, type BenchRow } from './table.ts';

export type { KillReport };

const run = promisify(execFile);

/** What one engine's run is asked to do. */
export interface ReliabilityBenchOptions {
  readonly engine: Engine;
  readonly kills: number;
  readonly devices: number;
  readonly users: number;
  readonly uptimeMs: readonly [number, number];
}

/** Runs the kill harness on one engine in its own process. */
export function benchReliabilityInChild(options: ReliabilityBenchOptions): Promise<KillReport> {
  return runJsonChild<KillReport>('reliability-one.ts', [
    options.engine,
    String(options.kills),
    String(options.devices),
    String(options.users),
    String(options.uptimeMs[0]),
    String(options.uptimeMs[1]),
  ]);
}

/**
 * The floor of a restart: `opendsp --help` loads the whole command line (every command's
 * modules, through tsx) and exits without opening a store. Best of five, in ms (the machine
 * is shared, so one start can be slow for reasons of its own).
 */
export async function cliStartMs(): Promise<number> {
  const bin = path.join(import.meta.dirname, '..', 'bin', 'opendsp.js');
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    await run(process.execPath, [bin, '--help']);
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

const seconds = (ms: number): string => `${n(ms / 1000, 1)} s`;
const mib = (bytes: number): string => `${n(bytes / 2 ** 20, 2)} MiB`;

/** Table rows of one engine's run: the three loss counts, restart times and DuckDB's log. */
export function reliabilityRows(r: KillReport, cliMs: number): BenchRow[] {
  const e = r.engine;
  const rows: BenchRow[] = [
    {
      measure: `${e}: SIGKILLs under load, restarted`,
      value: n(r.kills),
      target: '',
      limit: '',
      note: `${n(r.operations)} operations by ${r.users} Users on ${n(r.devices)} devices; ${n(r.answered)} answers, ${n(r.cutOff)} cut off by a kill (${n(r.committedUnanswered)} of them committed)`,
    },
    {
      measure: `${e}: acknowledged, missing from the trail`,
      value: n(r.acknowledgedMissing),
      target: '0',
      limit: '',
      note: 'HTTP 200 answers whose request, acknowledgement or answer the trail lacks',
    },
    {
      measure: `${e}: SMI changes lost`,
      value: n(r.smiLost),
      target: '0',
      limit: '',
      note: `${n(r.smiChangesChecked)} joins, unjoins and commissions checked; ${n(r.smiUnexplained)} other disagreements with the trail`,
    },
    {
      measure: `${e}: messages never delivered`,
      value: n(r.undelivered),
      target: '0',
      limit: '',
      note: `of ${n(r.messagesExpected)} queued (${n(r.undeliveredUnacknowledged)} more of cut-off requests); ${n(r.pushes - r.messagesDelivered)} pushed twice; last ${seconds(r.deliveryWaitMs)} after the restart (an N13 is due 60 s after its request; a killed server's claims return after the 60 s push lease)`,
    },
    {
      measure: `${e}: restart (spawn to /health)`,
      value: `p50 ${seconds(r.restartP50Ms)}, max ${seconds(r.restartMaxMs)}`,
      target: '',
      limit: `${seconds(cliMs)} CLI start`,
      note: 'limit: opendsp --help, which loads every module and opens no store',
    },
  ];
  if (r.walBytesAfterLastRestart !== null) {
    rows.push({
      measure: `${e}: write-ahead log after the last restart`,
      value: mib(r.walBytesAfterLastRestart),
      target: '< 16 MiB',
      limit: '64 MiB checkpoint threshold',
      note: `largest at a kill ${mib(Math.max(0, ...r.walBytesAtKill))}; after restarts at most ${mib(Math.max(0, ...r.walBytesAfterRestart))}`,
    });
  }
  return rows;
}
