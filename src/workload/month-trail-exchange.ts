// The records of one Service Request as the DSP pipeline writes them (src/dsp/dispatch.ts,
// pipeline.ts), and of Alerts, drawn from the Device's profile and the sender's quality.
import type { Eui64 } from '../core/eui64.ts';
import type { Random } from '../core/random.ts';
import { DEVICE_TIMEOUT_MS } from '../dsp/dispatch.ts';
import {
  recordOf,
  type RecordBase,
  type SrvInfo,
  type Timeline,
  type TrailRecord,
} from './month-trail-records.ts';
import { incidentFactor, type TrailIncident } from './month-trail-time.ts';
import type { Unit, UserInfo } from './month-trail-world.ts';
import { DCC_ID } from './traffic.ts';

/** One Service Request to write. */
export interface Send {
  /** When the DSP received it (ms). */
  readonly at: number;
  readonly user: UserInfo;
  readonly srv: SrvInfo;
  /** The Business Target; null for a non-device SRV about no device (8.2). */
  readonly unit: Unit | null;
  /** The Device answers, with success (a read the scenario needs to have worked). */
  readonly force?: boolean;
  /** The DSP refuses it synchronously with this response code. */
  readonly refuse?: string;
}

/** How a request ended. */
export interface Sent {
  readonly ok: boolean;
  /** When its final response or Alert was sent (ms). */
  readonly doneAt: number;
  readonly requestId: string;
}

/** An Alert to a User, optionally about a request whose identifiers it carries. */
export interface AlertSpec {
  readonly code: string;
  /** When the event behind it happened (ms); the Alert is sent `delayMs` later. */
  readonly eventAt: number;
  readonly delayMs: number;
  readonly recipient: Eui64;
  readonly unit: Unit;
  readonly about?: { readonly requestId: string; readonly srv: SrvInfo; readonly user: UserInfo };
}

/** Writes requests and Alerts to the timeline. */
export interface Exchanges {
  /** Writes the request and its answers; one at or after `until` is not sent (ok false). */
  send(request: Send): Sent;
  /** Writes the Alert (outcome success) unless it is sent at or after `until`; true if written. */
  alert(spec: AlertSpec): boolean;
  /** Requests written so far. */
  readonly requests: () => number;
}

/** Options for {@link createExchanges}. */
export interface ExchangeOptions {
  readonly timeline: Timeline;
  readonly random: Random;
  readonly incidents: readonly TrailIncident[];
  /** End of the window: requests and unsolicited Alerts after it are not written. */
  readonly until: number;
}

/** The Device's (or the S1SP's) answer: its code, whether it worked, and its round trip. */
type Answer = { code: string; ok: boolean; rtt: number; at: number };

/** Share of requests to SMETS1 Devices the S1SP refuses (N55), before the sender's factor. */
const N55_RATE = 0.01;

/** Creates the request and Alert writer. */
export function createExchanges(options: ExchangeOptions): Exchanges {
  const { timeline, random, incidents } = options;
  let sequence = 0;
  /** A record sent to the request's sender (its outcome pending until the caller sets it). */
  const reply = (base: RecordBase, kind: TrailRecord['kind'], at: Date): TrailRecord => {
    const r = recordOf(base, kind, at);
    r.roundTripMs = 0;
    r.recipientId = base.originatorId;
    timeline.add(r);
    return r;
  };
  /** The final answer from the Device: the response, N13 or N55, `rtt` ms after the request. */
  const final = (base: RecordBase, answer: Answer): Date => {
    const done = new Date(answer.at + answer.rtt);
    const r = reply(base, answer.code.startsWith('N') ? 'alert' : 'response', done);
    r.code = answer.code;
    r.outcome = answer.ok ? 'success' : 'failure';
    r.roundTripMs = answer.rtt;
    return done;
  };

  const send = (s: Send): Sent => {
    const { user, srv, unit } = s;
    const t = Math.floor(s.at);
    if (t >= options.until) return { ok: false, doneAt: t, requestId: '' };
    // RequestID counters rise with time per originator (DUIS replay protection).
    const counter = t * 1000 + (sequence++ % 1000);
    const requestId = `${user.id}:${srv.nonDevice || unit === null ? DCC_ID : unit.id}:${counter}`;
    const at = new Date(t);
    const base: RecordBase = {
      requestId,
      deviceId: unit?.id ?? null,
      mpxn: unit?.mpxn ?? null,
      serviceReference: srv.serviceReference,
      srv: srv.srv,
      srvName: srv.name,
      originatorRole: user.role,
      originatorId: user.id,
    };
    const request = recordOf(base, 'request', at);
    timeline.add(request);
    if (s.refuse !== undefined || srv.nonDevice || unit === null) {
      // Refusals and DCC-answered SRVs: request and final response at once, no acknowledgement.
      const ok = s.refuse === undefined;
      request.outcome = ok ? 'success' : 'failure';
      const response = reply(base, 'response', at);
      response.code = s.refuse ?? 'I0';
      response.outcome = request.outcome;
      return { ok, doneAt: t, requestId };
    }
    reply(base, 'acknowledgement', at).code = 'I99';
    const p = unit.profile;
    const inc = incidentFactor(incidents, t);
    const force = s.force === true;
    const n55 = unit.smets1 && !force ? N55_RATE * user.failureFactor : 0;
    const silent = force
      ? 0
      : t >= unit.darkFrom
        ? 1
        : (p.noResponseRate + p.lostResponseRate) * inc;
    const r = random.next();
    let latency =
      Math.exp(p.mu + p.sigma * random.normal(0, 1)) * srv.latencyFactor * user.latencyFactor +
      150 +
      300 * random.next();
    if (force) latency = Math.min(latency, DEVICE_TIMEOUT_MS - 1000);
    let answer: Answer;
    if (r < n55) {
      answer = { code: 'N55', ok: false, rtt: Math.round(800 + 2500 * random.next()), at: t };
    } else if (r < n55 + silent || latency >= DEVICE_TIMEOUT_MS) {
      answer = { code: 'N13', ok: false, rtt: DEVICE_TIMEOUT_MS, at: t };
    } else {
      const ok = force || random.next() >= p.failureRate * user.failureFactor * inc;
      answer = { code: ok ? 'I0' : srv.failureCode, ok, rtt: Math.round(latency), at: t };
    }
    const done = final(base, answer);
    // The CHF reports the change to its Device Log (CS14, 8F12) to the sender of 8.11.
    if (answer.ok && srv.srv === '8.11') {
      const alert = reply(base, 'alert', done);
      alert.code = '8F12';
      alert.outcome = 'success';
      alert.roundTripMs = Math.round(200 + 800 * random.next());
    }
    return { ok: answer.ok, doneAt: done.getTime(), requestId };
  };
  return {
    send,
    alert(spec) {
      const { about, eventAt, delayMs } = spec;
      if (eventAt + delayMs >= options.until) return false;
      const alert = recordOf(
        {
          requestId: about?.requestId ?? null,
          deviceId: spec.unit.id,
          mpxn: spec.unit.mpxn,
          serviceReference: about?.srv.serviceReference ?? null,
          srv: about?.srv.srv ?? null,
          srvName: about?.srv.name ?? null,
          originatorRole: about?.user.role ?? 'DCC',
          originatorId: about?.user.id ?? null,
        },
        'alert',
        new Date(eventAt + delayMs),
      );
      alert.code = spec.code;
      alert.outcome = 'success';
      alert.roundTripMs = Math.round(delayMs);
      alert.recipientId = spec.recipient;
      timeline.add(alert);
      return true;
    },
    requests: () => sequence,
  };
}
