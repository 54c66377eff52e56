// Table rows of the device-history latency bench (issue 5, item 6).
import type { HistoryResult, Latency } from './history.ts';
import { n, type BenchRow } from './table.ts';

const ms = (x: number): string => `${n(x, x < 10 ? 2 : 1)} ms`;
const mib = (bytes: number): string =>
  bytes >= 2 ** 30 ? `${n(bytes / 2 ** 30, 2)} GiB` : `${n(bytes / 2 ** 20)} MiB`;

/** Rows for one engine's run; `wallSeconds` is the whole child process, build to last query. */
export function historyRows(r: HistoryResult, wallSeconds: number): BenchRow[] {
  const e = r.engine;
  const latencyRow = (measure: string, l: Latency, what: string): BenchRow => ({
    measure: `${e}: ${measure} p50 / p99`,
    value: `${ms(l.p50)} / ${ms(l.p99)}`,
    target: 'p99 ≤ 20 ms',
    limit: '',
    note: `max ${ms(l.max)}, mean ${ms(l.mean)}, busy devices' p99 ${ms(l.busyP99)}; ${n(l.rows, 1)} ${what}/query`,
  });
  return [
    {
      measure: `${e}: history trail, ${n(r.records)} records`,
      value: `${n(r.insertSeconds + r.settleSeconds, 1)} s`,
      target: '',
      limit: '',
      note:
        `SQL INSERT ${n(r.insertSeconds, 1)} s + ` +
        `${e === 'duckdb' ? 'CHECKPOINT' : 'VACUUM ANALYZE, CHECKPOINT'} ${n(r.settleSeconds, 1)} s; ` +
        `${n(r.devices)} devices (${n(r.busyDevices)} busy, ~200 records each); section ${n(wallSeconds)} s`,
    },
    {
      measure: `${e}: history trail on disk`,
      value: mib(r.bytes),
      target: '',
      limit: '',
      note:
        r.indexBytes === null
          ? `${n(r.bytes / r.records)} B/record, the database file`
          : `${n(r.bytes / r.records)} B/record, partitions with indexes (indexes ${mib(r.indexBytes)})`,
    },
    latencyRow('auditByDevice, 50 newest', r.byDevice, 'records'),
    latencyRow('visibleDeviceHistory, owner', r.visible, 'items'),
  ];
}
