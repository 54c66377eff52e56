// Drives generated traffic through the pipeline in process, writing the audit trail in batches.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { createAuditIdSource, malformedRecord, type AuditRecord } from '../audit/index.ts';
import type { Catalogue } from '../catalogue/index.ts';
import { createHan } from '../devices/index.ts';
import type { RulesInForce } from '../rules/index.ts';
import type { DspWriteStore } from '../store/audit-port.ts';
import type { Estate } from '../store/dsp-port.ts';
import { generateTraffic, type TrafficItem } from '../workload/traffic.ts';
import { createHanGateway } from './han-gateway.ts';
import { createPipeline, replyCode } from './pipeline.ts';
import { createTrailRecorder } from './recorder.ts';
import { createRenderer } from './render.ts';
import { createSmiView, type SmiChange } from './smi-view.ts';

/** The estate a simulation starts from (as loaded from the store). */
export type { Estate };

/** Options for {@link runSimulation}. */
export interface SimulationOptions {
  readonly estate: Estate;
  /** Where each batch of audit records goes, with the SMI changes made meanwhile. */
  readonly store: DspWriteStore;
  readonly catalogue: Catalogue;
  readonly rules: RulesInForce;
  readonly seed: number;
  readonly from: Date;
  readonly days: number;
  /** Service Requests per device per day. */
  readonly rate: number;
  /** Called after each simulated hour with hours done and requests so far. */
  readonly onProgress?: (hoursDone: number, requests: number) => void;
  /** Audit records per transaction (default 50,000). */
  readonly auditBatch?: number;
}

/** Counts of one SRV and response code. */
export interface OutcomeCount {
  readonly srv: string;
  readonly code: string;
  readonly count: number;
}

/** What a simulation did. */
export interface SimulationSummary {
  readonly requests: number;
  readonly auditRecords: number;
  /** Synchronous replies by SRV and code (I99 acknowledgements, I0 and refusals). */
  readonly replies: readonly OutcomeCount[];
  /** Final outcomes by SRV and code: device responses, N13 for no answer, refusals. */
  readonly outcomes: readonly OutcomeCount[];
  readonly smiChanges: number;
  /** Unjoins (8.8.x) before and after MP178 took effect, and how many got E080801. */
  readonly unjoins: {
    readonly before: { readonly requests: number; readonly e080801: number };
    readonly after: { readonly requests: number; readonly e080801: number };
  };
  readonly seconds: number;
}

/** Service Requests between turns of the event loop (see the loop in runSimulation). */
const YIELD_EVERY = 200;

const count = (map: Map<string, number>, key: string): void => {
  map.set(key, (map.get(key) ?? 0) + 1);
};

const toCounts = (map: Map<string, number>): OutcomeCount[] =>
  [...map]
    .map(([key, n]) => {
      const [srv = '', code = ''] = key.split(' ');
      return { srv, code, count: n };
    })
    .sort((a, b) => b.count - a.count);

/** Audit records waiting for their batch, and the batches written so far. */
export interface TrailBatches {
  /** Records not yet handed over, oldest first: the caller pushes onto it. */
  readonly waiting: AuditRecord[];
  /**
   * Hands the first `count` waiting records, with every SMI change made since the last batch,
   * to the store as one transaction, once the batch before has committed (at most one is in
   * flight). Resolves with the milliseconds spent waiting for that batch; a malformed record
   * (a bug in the recorder) is an InvalidValueError and nothing of its batch is written.
   */
  write(count: number): Promise<number>;
  /** Resolves when the last batch has committed. */
  done(): Promise<void>;
  readonly records: number;
  readonly smiChanges: number;
}

/** Batches of audit records over a store, taking SMI changes from `changes` as they come. */
export function createTrailBatches(store: DspWriteStore, changes: SmiChange[]): TrailBatches {
  const waiting: AuditRecord[] = [];
  let pending: Promise<void> = Promise.resolve();
  let records = 0;
  let smiChanges = 0;
  return {
    waiting,
    async write(count) {
      const from = performance.now();
      await pending;
      const waited = performance.now() - from;
      const batch = waiting.splice(0, count);
      for (const record of batch) {
        const refusal = malformedRecord(record);
        if (refusal !== undefined) throw refusal;
      }
      const smi = changes.splice(0);
      records += batch.length;
      smiChanges += smi.length;
      pending = store.writeDsp({ audit: batch, outbox: [], smi });
      pending.catch(() => undefined); // seen by the next write or done()
      return waited;
    },
    done: () => pending,
    get records() {
      return records;
    },
    get smiChanges() {
      return smiChanges;
    },
  };
}

/** Runs the simulation; the audit trail and SMI changes are durable when it resolves. */
export async function runSimulation(options: SimulationOptions): Promise<SimulationSummary> {
  const started = performance.now();
  const { estate, store, catalogue } = options;
  const changes: SmiChange[] = [];
  const smi = createSmiView({ ...estate, onChange: (c) => changes.push(c) });
  const han = createHan({ seed: options.seed, catalogue });
  han.loadJoins(estate.joins);
  const pipeline = createPipeline({
    catalogue,
    smi,
    rules: options.rules,
    devices: createHanGateway(han),
  });
  const recorder = createTrailRecorder({
    ids: createAuditIdSource(),
    catalogue,
    renderer: createRenderer({ memo: false }),
  });
  const replies = new Map<string, number>();
  const outcomes = new Map<string, number>();
  const unjoins = { before: { requests: 0, e080801: 0 }, after: { requests: 0, e080801: 0 } };
  let requests = 0;
  const traffic = generateTraffic({
    ...estate,
    smi,
    catalogue,
    seed: options.seed,
    from: options.from,
    days: options.days,
    rate: options.rate,
  });
  const batchSize = options.auditBatch ?? 50_000;
  const batches = createTrailBatches(store, changes);
  // The loop yields every YIELD_EVERY requests so the batch in flight (its statements run on
  // DuckDB's threads, each needing a turn of the event loop to start the next) moves on
  // meanwhile rather than all at the next hand-over.
  let hour = 0;
  let sinceTurn = 0;
  for (const items of traffic) {
    for (const item of items) {
      handle(item);
      if (++sinceTurn === YIELD_EVERY) {
        sinceTurn = 0;
        await nextTurn();
      }
    }
    hour += 1;
    while (batches.waiting.length >= batchSize) await batches.write(batchSize);
    options.onProgress?.(hour, requests);
  }
  await batches.write(batches.waiting.length);
  await batches.done();
  return {
    requests,
    auditRecords: batches.records,
    replies: toCounts(replies),
    outcomes: toCounts(outcomes),
    smiChanges: batches.smiChanges,
    unjoins,
    seconds: (performance.now() - started) / 1000,
  };

  function handle(item: TrafficItem): void {
    const handled = pipeline.handle(item.request, { sender: item.sender, at: item.at });
    requests += 1;
    count(replies, `${item.request.srv} ${replyCode(handled.reply)}`);
    if (item.request.srv === '8.8.1' || item.request.srv === '8.8.2') {
      const side = options.rules.inForce('MP178.unjoin-without-smi-join-check', item.at)
        ? unjoins.after
        : unjoins.before;
      side.requests += 1;
      if (replyCode(handled.reply) === 'E080801') side.e080801 += 1;
    }
    const final = handled.trail.filter(
      (e) => e.kind === 'response' || (e.kind === 'alert' && e.code === 'N13'),
    );
    for (const e of final) count(outcomes, `${item.request.srv} ${e.code ?? ''}`);
    for (const r of recorder.records(handled.trail, item.request.format)) batches.waiting.push(r);
  }
}
