// The stages of the in-process benchmark: a fresh DSP over the estate, traffic generated up
// front, and the timed loops (pipeline alone, with records built, end to end with the store).
import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { createAuditIdSource } from '../src/audit/index.ts';
import type { Catalogue } from '../src/catalogue/index.ts';
import { createHan } from '../src/devices/index.ts';
import { createHanGateway } from '../src/dsp/han-gateway.ts';
import { createPipeline, type Pipeline } from '../src/dsp/pipeline.ts';
import { createTrailRecorder, type TrailRecorder } from '../src/dsp/recorder.ts';
import { createRenderer } from '../src/dsp/render.ts';
import { createTrailBatches } from '../src/dsp/simulation.ts';
import { createSmiView, type SmiChange } from '../src/dsp/smi-view.ts';
import type { RulesInForce } from '../src/rules/index.ts';
import type { Estate, Store } from '../src/store/index.ts';
import { generateTraffic, type TrafficItem } from '../src/workload/traffic.ts';

interface Dsp {
  readonly pipeline: Pipeline;
  readonly recorder: TrailRecorder;
  readonly changes: SmiChange[];
}

/** What every stage starts from. */
export interface Context {
  readonly estate: Estate;
  readonly catalogue: Catalogue;
  readonly rules: RulesInForce;
}

const SEED = 7;
/** First simulated day (the estate is seeded as of this moment). */
export const FROM = new Date('2026-01-02T00:00:00Z');
/** Service Requests per device per day: the GB average. */
const RATE = 0.6;
/** Service Requests between turns of the event loop (as runSimulation). */
const YIELD_EVERY = 200;

/** A fresh DSP (SMI view, HAN, pipeline) over the loaded estate, as runSimulation builds it. */
function freshDsp({ estate, catalogue, rules }: Context): Dsp {
  const changes: SmiChange[] = [];
  const smi = createSmiView({ ...estate, onChange: (c) => changes.push(c) });
  const han = createHan({ seed: SEED, catalogue });
  han.loadJoins(estate.joins);
  const pipeline = createPipeline({ catalogue, smi, rules, devices: createHanGateway(han) });
  const recorder = createTrailRecorder({
    ids: createAuditIdSource(),
    catalogue,
    renderer: createRenderer({ memo: false }),
  });
  return { pipeline, recorder, changes };
}

/** Generates at least `requests` Service Requests, hour by hour, at the GB average rate. */
export function generate(context: Context, requests: number): TrafficItem[][] {
  const { estate, catalogue } = context;
  const smi = createSmiView(estate);
  const days = Math.ceil((requests / (estate.devices.length * RATE)) * 1.5) + 1;
  const hours: TrafficItem[][] = [];
  let total = 0;
  for (const items of generateTraffic({
    ...estate,
    smi,
    catalogue,
    seed: SEED,
    from: FROM,
    days,
    rate: RATE,
  })) {
    const take = items.slice(0, requests - total);
    hours.push(take);
    total += take.length;
    if (total >= requests) break;
  }
  return hours;
}

/** Seconds for pipeline.handle alone over all the traffic. */
export function timePipeline(context: Context, hours: readonly TrafficItem[][]): number {
  const { pipeline, changes } = freshDsp(context);
  const started = performance.now();
  for (const items of hours) {
    for (const item of items) pipeline.handle(item.request, { sender: item.sender, at: item.at });
    changes.length = 0;
  }
  return (performance.now() - started) / 1000;
}

/** Seconds for the pipeline and the trail recorder (records built, not stored). */
export function timeRecords(context: Context, hours: readonly TrafficItem[][]): number {
  const { pipeline, recorder, changes } = freshDsp(context);
  const started = performance.now();
  let records = 0;
  for (const items of hours) {
    for (const item of items) {
      const handled = pipeline.handle(item.request, { sender: item.sender, at: item.at });
      records += recorder.records(handled.trail, item.request.format).length;
    }
    changes.length = 0;
  }
  if (records === 0) throw new Error('the pipeline produced no audit records');
  return (performance.now() - started) / 1000;
}

/** What the end-to-end loop measured. */
export interface EndToEnd {
  readonly seconds: number;
  readonly busy: number;
  readonly waitSeconds: number;
  readonly records: number;
  readonly smiChanges: number;
}

/**
 * The loop of runSimulation (src/dsp/simulation.ts): records gather hour by hour; each full
 * `auditBatch` goes to the store through the same TrailBatches while the next hours run, and the loop yields every YIELD_EVERY requests so that batch's statements move
 * on. Kept in step with that loop by hand: only generation is taken out.
 */
export async function endToEnd(
  context: Context,
  input: { store: Store; hours: readonly TrafficItem[][]; auditBatch: number },
): Promise<EndToEnd> {
  const { pipeline, recorder, changes } = freshDsp(context);
  const { store, auditBatch } = input;
  const batches = createTrailBatches(store, changes);
  let waited = 0;
  const elu = performance.eventLoopUtilization();
  const started = performance.now();
  let sinceTurn = 0;
  for (const items of input.hours) {
    for (const item of items) {
      const handled = pipeline.handle(item.request, { sender: item.sender, at: item.at });
      for (const r of recorder.records(handled.trail, item.request.format)) batches.waiting.push(r);
      if (++sinceTurn === YIELD_EVERY) {
        sinceTurn = 0;
        await nextTurn();
      }
    }
    while (batches.waiting.length >= auditBatch) waited += await batches.write(auditBatch);
  }
  waited += await batches.write(batches.waiting.length);
  const waitFrom = performance.now();
  await batches.done();
  waited += performance.now() - waitFrom;
  const seconds = (performance.now() - started) / 1000;
  const busy = performance.eventLoopUtilization(elu).utilization;
  return {
    seconds,
    busy,
    waitSeconds: waited / 1000,
    records: batches.records,
    smiChanges: batches.smiChanges,
  };
}
