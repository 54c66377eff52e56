// Drives generated traffic through the pipeline in process, writing the audit trail in batches.
import { setImmediate as nextTurn } from 'node:timers/promises';
import {
  createAuditIdSource,
  createAuditWriter,
  type AuditRecord,
  type AuditWriter,
} from '../audit/index.ts';
import type { Catalogue } from '../catalogue/index.ts';
import { createHan } from '../devices/index.ts';
import type { RulesInForce } from '../rules/index.ts';
import type { AuditStore } from '../store/audit-port.ts';
import type { Estate } from '../store/dsp-port.ts';
import type { Store } from '../store/port.ts';
import { generateTraffic, type TrafficItem } from '../workload/traffic.ts';
import { createHanGateway } from './han-gateway.ts';
import { createPipeline } from './pipeline.ts';
import { createTrailRecorder } from './recorder.ts';
import { createRenderer } from './render.ts';
import { persistSmiChanges } from './smi-persist.ts';
import { createSmiView, type SmiChange } from './smi-view.ts';

/** The estate a simulation starts from (as loaded from the store). */
export type { Estate };

/** Options for {@link runSimulation}. */
export interface SimulationOptions {
  readonly estate: Estate;
  readonly store: Pick<AuditStore, 'appendAudit'> &
    Pick<Store, 'insertJoins' | 'endJoin' | 'recordStatusChange'>;
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
  const writer: AuditWriter = createAuditWriter({
    store,
    maxBatch: options.auditBatch ?? 50_000,
    maxDelayMs: 50,
  });
  const replies = new Map<string, number>();
  const outcomes = new Map<string, number>();
  const unjoins = { before: { requests: 0, e080801: 0 }, after: { requests: 0, e080801: 0 } };
  let requests = 0;
  let records = 0;
  let smiChanges = 0;
  let pending: Promise<void> = Promise.resolve();
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
  const waiting: AuditRecord[] = [];
  // One batch of `batchSize` records is written while the next hours are simulated; at most
  // one batch is in flight. The loop yields every YIELD_EVERY requests so the batch's
  // statements (they run on DuckDB's threads, each needing a turn of the event loop to start
  // the next) move on meanwhile rather than all at the next hand-over.
  const write = async (count: number): Promise<void> => {
    await pending;
    const batch = waiting.splice(0, count);
    records += batch.length;
    const smiBatch = changes.splice(0);
    smiChanges += smiBatch.length;
    pending = Promise.all([
      writer.appendAll(batch),
      writer.flush(),
      persistSmiChanges(store, smiBatch),
    ]).then(() => undefined);
    pending.catch(() => undefined);
  };
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
    while (waiting.length >= batchSize) await write(batchSize);
    options.onProgress?.(hour, requests);
  }
  await write(waiting.length);
  await pending;
  await writer.close();
  return {
    requests,
    auditRecords: records,
    replies: toCounts(replies),
    outcomes: toCounts(outcomes),
    smiChanges,
    unjoins,
    seconds: (performance.now() - started) / 1000,
  };

  function handle(item: TrafficItem): void {
    const handled = pipeline.handle(item.request, { sender: item.sender, at: item.at });
    requests += 1;
    count(replies, `${item.request.srv} ${handled.reply.responseCode}`);
    if (item.request.srv === '8.8.1' || item.request.srv === '8.8.2') {
      const side = options.rules.inForce('MP178.unjoin-without-smi-join-check', item.at)
        ? unjoins.after
        : unjoins.before;
      side.requests += 1;
      if (handled.reply.responseCode === 'E080801') side.e080801 += 1;
    }
    const final = handled.trail.filter(
      (e) => e.kind === 'response' || (e.kind === 'alert' && e.code === 'N13'),
    );
    for (const e of final) count(outcomes, `${item.request.srv} ${e.code ?? ''}`);
    for (const r of recorder.records(handled.trail, item.request.format)) waiting.push(r);
  }
}
