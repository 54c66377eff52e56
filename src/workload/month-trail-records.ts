// Month-trail records: SRV facts for the hot path, and an hour-bucketed timeline that hands records
// over in time order with their IDs.
import { createAuditIdSource } from '../audit/ids.ts';
import type { AuditRecord } from '../audit/records.ts';
import type { Catalogue } from '../catalogue/index.ts';
import { DEVICE_FAILURE_CODES } from '../devices/codes.ts';
import { HOUR_MS } from './month-trail-time.ts';

/** An audit record still being built: its ID is set when its hour is handed over. */
export type TrailRecord = { -readonly [K in keyof AuditRecord]: AuditRecord[K] };

/** What the generator needs to know about one SRV, computed once. */
export interface SrvInfo {
  readonly srv: string;
  readonly name: string | null;
  /** The first two parts of the SRV, e.g. `4.6` for `4.6.1`. */
  readonly serviceReference: string;
  readonly critical: boolean;
  /** Answered by the DSP itself (CV 8), never reaching a Device. */
  readonly nonDevice: boolean;
  /** Round-trip multiplier: critical Commands and firmware take longer than reads. */
  readonly latencyFactor: number;
  /** The response code of a Device's refusal (src/devices/codes.ts). */
  readonly failureCode: string;
}

/** Firmware Commands: the image moves over the SM WAN, so they take longest. */
const FIRMWARE = new Set(['11.3', '11.4']);

/** Looks SRVs up once each; unknown SRVs are an error of the generator's own tables. */
export function createSrvTable(catalogue: Pick<Catalogue, 'srv'>): (srv: string) => SrvInfo {
  const memo = new Map<string, SrvInfo>();
  return (ref) => {
    const known = memo.get(ref);
    if (known !== undefined) return known;
    const srv = catalogue.srv(ref);
    const join = ref.startsWith('8.7.');
    const unjoin = ref.startsWith('8.8.');
    const info: SrvInfo = {
      srv: srv.srv,
      name: srv.name,
      serviceReference: ref.split('.').slice(0, 2).join('.'),
      critical: srv.critical,
      nonDevice: srv.kind === 'non-device',
      latencyFactor: FIRMWARE.has(ref) ? 2.5 : srv.critical ? 1.5 : ref === '8.11' ? 1.2 : 1,
      failureCode: join
        ? DEVICE_FAILURE_CODES.join
        : unjoin
          ? DEVICE_FAILURE_CODES.unjoin
          : DEVICE_FAILURE_CODES.generic,
    };
    memo.set(ref, info);
    return info;
  };
}

/** The fields every record of one request (or one Alert) shares. */
export type RecordBase = Pick<
  AuditRecord,
  | 'requestId'
  | 'deviceId'
  | 'mpxn'
  | 'serviceReference'
  | 'srv'
  | 'srvName'
  | 'originatorRole'
  | 'originatorId'
>;

/** Header-only records carry no metadata; one frozen object serves them all. */
const EMPTY = Object.freeze({});

/**
 * A record of `base` at `at`: a pending step with no code, round trip or recipient until the
 * caller sets them. Every record gets the same fields in the same order (one object shape).
 */
export function recordOf(base: RecordBase, kind: TrailRecord['kind'], at: Date): TrailRecord {
  return {
    kind,
    id: 0n,
    at,
    requestId: base.requestId,
    deviceId: base.deviceId,
    mpxn: base.mpxn,
    serviceReference: base.serviceReference,
    srv: base.srv,
    srvName: base.srvName,
    code: null,
    outcome: 'pending',
    originatorRole: base.originatorRole,
    roundTripMs: null,
    originatorId: base.originatorId,
    recipientId: null,
    payload: null,
    format: null,
    metadata: EMPTY,
  };
}

/** Records filed by hour, handed over hour by hour in time order. */
export interface Timeline {
  /** First instant of hour 0 (ms). */
  readonly start: number;
  /** Number of hours held; records at or after `start + hours` are dropped. */
  readonly hours: number;
  /** Files a record under its hour; false when it falls outside the timeline. */
  add(record: TrailRecord): boolean;
  /**
   * The records of hour `h`, sorted by time (stably: a request stays before its acknowledgement
   * at the same instant) and given increasing IDs. Hours must be taken in order.
   */
  take(h: number): TrailRecord[];
}

/** Records per hour the sort key has room for (2^21; the ms within an hour take 22 bits). */
const MAX_PER_HOUR = 2 ** 21;

/** Creates a timeline of `hours` hours from `start`. */
export function createTimeline(start: number, hours: number): Timeline {
  const buckets: TrailRecord[][] = Array.from({ length: hours }, () => []);
  let now = new Date(start);
  const ids = createAuditIdSource({ clock: { now: () => now } });
  const byTime = (a: TrailRecord, b: TrailRecord): number => a.at.getTime() - b.at.getTime();
  return {
    start,
    hours,
    add(record) {
      const h = Math.floor((record.at.getTime() - start) / HOUR_MS);
      const bucket = buckets[h];
      if (bucket === undefined) return false;
      bucket.push(record);
      return true;
    },
    take(h) {
      const bucket = buckets[h] ?? [];
      buckets[h] = [];
      let sorted = bucket;
      if (bucket.length < MAX_PER_HOUR) {
        // Sort numbers, not objects: (ms within the hour, position) packed in one exact double.
        const base = start + h * HOUR_MS;
        const keys = new Float64Array(bucket.length);
        for (let i = 0; i < bucket.length; i++)
          keys[i] = ((bucket[i] as TrailRecord).at.getTime() - base) * MAX_PER_HOUR + i;
        keys.sort();
        sorted = new Array<TrailRecord>(bucket.length);
        for (let i = 0; i < keys.length; i++)
          sorted[i] = bucket[(keys[i] as number) % MAX_PER_HOUR] as TrailRecord;
      } else {
        bucket.sort(byTime);
      }
      for (const r of sorted) {
        now = r.at;
        r.id = ids.next();
      }
      return sorted;
    },
  };
}
