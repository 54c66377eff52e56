// Table rows of the issue-4 throughput benchmarks: in process (pipeline, audit) and over HTTP.
import os from 'node:os';
import type { HttpBenchResult } from './http.ts';
import type { InProcessResult } from './in-process.ts';
import { n, type BenchRow } from './table.ts';

const perSecond = (count: number, seconds: number): number => count / seconds;
const ms = (x: number): string => `${n(x, x < 10 ? 2 : 1)} ms`;

/** Rows for one engine's in-process run; `fsyncs` is the disk's group-commit rate. */
export function inProcessRows(r: InProcessResult, fsyncs: number): BenchRow[] {
  const e = r.engine;
  const srvs = perSecond(r.requests, r.endToEndSeconds);
  const recordsPerSrv = r.auditRecords / r.requests;
  const alone = r.storeAloneRecordsPerSecond;
  const rows: BenchRow[] = [];
  const stage = (measure: string, seconds: number | null, note: string): void => {
    if (seconds === null) return;
    rows.push({
      measure,
      value: `${n(perSecond(r.requests, seconds))} SRVs/s`,
      target: '',
      limit: '',
      note: `${n(seconds, 2)} s; ${note}`,
    });
  };
  stage(
    `in process: generate ${n(r.requests)} SRVs`,
    // Generation is the same work on every engine: shown with the stages, once.
    r.pipelineSeconds === null ? null : r.generateSeconds,
    `${n(r.devices)} devices at 0.6 SRVs/device/day; before timing, not in the rows below`,
  );
  stage(
    'in process: pipeline alone (no store)',
    r.pipelineSeconds,
    'replay check, access control, validation, HAN simulation, answers',
  );
  stage(
    'in process: pipeline + audit records built',
    r.recordSeconds,
    `no store; ${n(recordsPerSrv, 2)} records/SRV (${n(r.auditRecords / (r.recordSeconds ?? 1))} records/s), each payload rendered`,
  );
  if (alone !== null) {
    rows.push({
      measure: `${e}: audit appends, store alone`,
      value: `${n(alone)} records/s`,
      target: '',
      limit: `${n(fsyncs)} commits/s (disk)`,
      note: `${n(r.storeAloneRecords)} synthetic records, 50,000 per commit (bench/audit.ts)`,
    });
  }
  rows.push(
    {
      measure: `${e}: SRVs end to end, audit durable`,
      value: `${n(srvs)} SRVs/s`,
      target: '≥ 100,000 SRVs/s',
      limit: alone === null ? '' : `${n(alone / recordsPerSrv)} SRVs/s (store alone)`,
      note: `${n(r.endToEndSeconds, 1)} s for ${n(r.requests)} SRVs on ${n(r.devices)} devices; JS thread busy ${n(100 * r.endToEndBusy)}%, waited ${n(r.storeWaitSeconds, 1)} s on commits`,
    },
    {
      measure: `${e}: audit records end to end`,
      value: `${n(perSecond(r.auditRecords, r.endToEndSeconds))} records/s`,
      target: '',
      limit: alone === null ? '' : `${n(alone)} records/s (store alone)`,
      note: `${n(r.auditRecords)} records and ${n(r.smiChanges)} SMI changes, batches of ≤ 50,000 per commit`,
    },
  );
  return rows;
}

/** Rows for the HTTP run: the DSP, the bare Fastify baseline, and their ratio. */
export function httpRows(r: HttpBenchResult): BenchRow[] {
  const codes = (c: Readonly<Record<string, number>>): string =>
    Object.entries(c)
      .map(([code, count]) => `${n(count)} ${code}`)
      .join(', ');
  const ratio = r.dsp.requestsPerSecond / r.bare.requestsPerSecond;
  return [
    {
      measure: 'http: DSP POST /duis (signed 4.1.1)',
      value: `${n(r.dsp.requestsPerSecond)} req/s`,
      target: '≥ 50% of bare Fastify',
      limit: `${n(r.bare.requestsPerSecond)} req/s (bare Fastify)`,
      note: `p50 ${ms(r.dsp.p50Ms)}, p99 ${ms(r.dsp.p99Ms)}; ${n(r.connections)} connections, 1 User each, ${r.dsp.pipelining} pipelined; ${codes(r.dsp.codes)}; ${n(r.dsp.errors)} errors`,
    },
    {
      measure: 'http: bare Fastify validated POST',
      value: `${n(r.bare.requestsPerSecond)} req/s`,
      target: '',
      limit: '',
      note: `p50 ${ms(r.bare.p50Ms)}, p99 ${ms(r.bare.p99Ms)}; same ${n(r.bare.bodyBytes)}-byte bodies: xmldom parse, root + RequestID check, fixed ack`,
    },
    {
      measure: 'http: DSP signature work alone',
      value: `${n(r.signatures.requestsPerSecond)} req/s`,
      target: '',
      limit: '1 core',
      note: `per request: parse + verify (${n(r.signatures.parseAndVerifyPerSecond)}/s), sign ack and response (${n(r.signatures.signPerSecond)}/s); 50% of bare = ${n(r.bare.requestsPerSecond / 2)} req/s`,
    },
    {
      measure: 'http: DSP ÷ bare Fastify',
      value: `${n(100 * ratio, 1)}%`,
      target: '≥ 50%',
      limit: '',
      note: `server and autocannon in separate processes, sharing the ${os.cpus().length} cores`,
    },
  ];
}
