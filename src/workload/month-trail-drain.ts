// Hands the month trail's timeline to the store hour by hour, drawing each hour's ordinary traffic
// first, with one batch appended while the next is generated.
import type { AuditKind } from '../audit/records.ts';
import type { AuditStore } from '../store/audit-port.ts';
import type { Timeline, TrailRecord } from './month-trail-records.ts';
import { HOUR_MS } from './month-trail-time.ts';
import type { OrdinaryTraffic } from './month-trail-traffic.ts';

/** Options for {@link drainTimeline}. */
export interface DrainOptions {
  readonly store: Pick<AuditStore, 'appendAudit'>;
  readonly timeline: Timeline;
  readonly traffic: OrdinaryTraffic;
  /** The window ordinary traffic is drawn in. */
  readonly window: { readonly from: number; readonly to: number };
  readonly batchSize: number;
  /** Store work to finish before the first append (the inventory changes). */
  readonly before: Promise<void>;
  readonly onProgress?: (done: number, total: number) => void;
}

/** Records appended, by kind. */
export type KindCounts = Record<AuditKind, number>;

/**
 * Appends every hour of the timeline in order. A batch holds whole hours, so batches follow one
 * another in time too. The write of one batch (whose heavy part runs on the database's threads)
 * overlaps the generation of the next; at most one is in flight.
 */
export async function drainTimeline(options: DrainOptions): Promise<KindCounts> {
  const { store, timeline, window } = options;
  const counts: KindCounts = { request: 0, acknowledgement: 0, response: 0, alert: 0 };
  let pending = options.before;
  pending.catch(() => undefined);
  const flush = async (batch: TrailRecord[]): Promise<void> => {
    await pending;
    for (const r of batch) counts[r.kind] += 1;
    pending = store.appendAudit(batch);
    // Rejections are observed by the next `await pending`; keep Node from reporting them early.
    pending.catch(() => undefined);
  };
  let batch: TrailRecord[] = [];
  for (let h = 0; h < timeline.hours; h++) {
    const hourStart = timeline.start + h * HOUR_MS;
    options.traffic({
      from: Math.max(hourStart, window.from),
      to: Math.min(hourStart + HOUR_MS, window.to),
    });
    for (const r of timeline.take(h)) batch.push(r);
    if (batch.length >= options.batchSize) {
      await flush(batch);
      batch = [];
    }
    options.onProgress?.(h + 1, timeline.hours);
  }
  if (batch.length > 0) await flush(batch);
  await pending;
  return counts;
}
