// In-process throughput as a library: pre-generated traffic through the DSP pipeline alone, with
// its audit records built, and end to end with the Service Audit Trail written durably in batches
// (the loop of `opendsp simulate`, src/dsp/simulation.ts, with generation taken out of the timing).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { loadCatalogue } from '../src/catalogue/index.ts';
import { loadRules } from '../src/rules/index.ts';
import { openStore, type Engine } from '../src/store/index.ts';
import { seedEstate } from '../src/workload/seed.ts';
import { benchAudit } from './audit.ts';
import { runJsonChild } from './child.ts';
import {
  endToEnd,
  FROM,
  generate,
  timePipeline,
  timeRecords,
  type Context,
} from './in-process-stages.ts';

/** Options for {@link benchInProcess}. */
export interface InProcessOptions {
  readonly engine: Engine;
  /** Devices seeded with seedEstate before anything is timed. */
  readonly devices: number;
  /** Service Requests generated up front, then driven through the pipeline. */
  readonly requests: number;
  /** Also time the pipeline alone and with its audit records built (no store). */
  readonly stages: boolean;
  /** Records for the store-alone append rate (bench/audit.ts); 0 skips it. */
  readonly storeAloneRecords: number;
  /** Audit records per transaction (default 50,000, as `opendsp simulate`). */
  readonly auditBatch?: number;
  /** PostgreSQL URL (default OPENDSP_TEST_DATABASE_URL, then the local CI server). */
  readonly url?: string;
}

/** What one run measured; times in seconds. */
export interface InProcessResult {
  readonly engine: Engine;
  readonly devices: number;
  readonly requests: number;
  readonly auditRecords: number;
  readonly smiChanges: number;
  readonly seedSeconds: number;
  readonly generateSeconds: number;
  /** pipeline.handle only: replay check, access control, validation, HAN simulation. */
  readonly pipelineSeconds: number | null;
  /** The pipeline plus the trail recorder (audit records built and their payloads rendered). */
  readonly recordSeconds: number | null;
  /** Pipeline, recorder, audit writer and SMI write-through, until the last batch committed. */
  readonly endToEndSeconds: number;
  /** Share of the end-to-end time the JavaScript thread was busy. */
  readonly endToEndBusy: number;
  /** End-to-end time the request loop stood waiting for the previous hour's batch to commit. */
  readonly storeWaitSeconds: number;
  /** The store's own append rate through the same writer (synthetic records, bench/audit.ts). */
  readonly storeAloneRecordsPerSecond: number | null;
  readonly storeAloneRecords: number;
}

/** Seeds a fresh store, generates traffic, then times each stage; see {@link InProcessResult}. */
export async function benchInProcess(options: InProcessOptions): Promise<InProcessResult> {
  const { engine } = options;
  const auditBatch = options.auditBatch ?? 50_000;
  const url =
    options.url ?? process.env['OPENDSP_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1/test';
  const schema = `bench_inproc_${process.pid}_${Date.now()}`;
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'opendsp-inproc-bench-'));
  const admin = engine === 'postgres' ? new pg.Client({ connectionString: url }) : undefined;
  try {
    await admin?.connect();
    const store = await openStore(engine === 'postgres' ? { url, schema } : { dataDir });
    let result: Omit<InProcessResult, 'storeAloneRecordsPerSecond' | 'storeAloneRecords'>;
    try {
      const seedStarted = performance.now();
      await seedEstate({ store, devices: options.devices, seed: 1, asOf: new Date(FROM) });
      const seedSeconds = (performance.now() - seedStarted) / 1000;
      const context: Context = {
        estate: await store.loadEstate(),
        catalogue: loadCatalogue(),
        rules: loadRules(),
      };
      const generateStarted = performance.now();
      const hours = generate(context, options.requests);
      const generateSeconds = (performance.now() - generateStarted) / 1000;
      const requests = hours.reduce((sum, items) => sum + items.length, 0);
      const pipelineSeconds = options.stages ? timePipeline(context, hours) : null;
      const recordSeconds = options.stages ? timeRecords(context, hours) : null;
      const e2e = await endToEnd(context, { store, hours, auditBatch });
      result = {
        engine,
        devices: context.estate.devices.length,
        requests,
        auditRecords: e2e.records,
        smiChanges: e2e.smiChanges,
        seedSeconds,
        generateSeconds,
        pipelineSeconds,
        recordSeconds,
        endToEndSeconds: e2e.seconds,
        endToEndBusy: e2e.busy,
        storeWaitSeconds: e2e.waitSeconds,
      };
    } finally {
      await store.close();
    }
    const aloneRecords = Math.min(options.storeAloneRecords, result.auditRecords);
    const alone =
      aloneRecords > 0
        ? await benchAudit(engine, aloneRecords, { batchSize: auditBatch, url })
        : undefined;
    return {
      ...result,
      storeAloneRecordsPerSecond: alone?.recordsPerSecond ?? null,
      storeAloneRecords: aloneRecords,
    };
  } finally {
    await admin?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await admin?.end();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** Runs {@link benchInProcess} in a child process (its own heap and event loop). */
export function benchInProcessInChild(options: InProcessOptions): Promise<InProcessResult> {
  return runJsonChild<InProcessResult>('in-process-one.ts', [JSON.stringify(options)]);
}
