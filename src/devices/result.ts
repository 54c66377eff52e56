// Builds the Device's answer records, all of one shape so the hot path stays monomorphic.
import type { SrvTraits } from './codes.ts';
import { syntheticPayload } from './stream.ts';
import type { DeviceOutcome, DeviceReport, DeviceResult, RaisedDeviceAlert } from './types.ts';

/** The shared empty alert list (most answers raise none). */
export const NO_ALERTS: readonly RaisedDeviceAlert[] = Object.freeze([]);

/** The numbers every part of one Command's answer shares. */
export interface Turn {
  readonly latencyMs: number;
  /** The Command's random stream (see stream.ts). */
  readonly stream: number;
  /** How many Commands the Device had received before this one. */
  readonly count: number;
  /** Builds the GBCS Response; null (or absent) falls back to the synthetic stand-in. */
  readonly gbcs?: (() => string | null) | undefined;
}

/** What an answer says beyond its turn; absent flags are false, absent lists empty. */
export interface ResultSpec extends Turn {
  readonly outcome: DeviceOutcome;
  readonly acted?: boolean;
  readonly responseLost?: boolean;
  readonly failureCode?: string;
  readonly reason?: string;
  readonly alerts?: readonly RaisedDeviceAlert[];
  readonly report?: DeviceReport | undefined;
}

function codeOf(spec: ResultSpec): string | null {
  if (spec.outcome === 'success') return 'I0';
  if (spec.outcome === 'failure') return spec.failureCode ?? 'E100';
  return null;
}

/**
 * One Device answer. Its GBCS payload is built on first read (a GBCS Response costs a key
 * derivation and AES-GCM, see src/devices/gbcs), so callers that never read it pay nothing.
 * A class (getter on the prototype, state in private fields) keeps every answer of one shape;
 * an object literal with a getter was several times slower to create.
 */
class Answer implements DeviceResult {
  readonly kind = 'device-result';
  readonly outcome: DeviceOutcome;
  readonly acted: boolean;
  readonly responseLost: boolean;
  readonly latencyMs: number;
  readonly responseCode: string | null;
  readonly reason: string | undefined;
  readonly alerts: readonly RaisedDeviceAlert[];
  readonly report: DeviceReport | undefined;
  readonly #spec: ResultSpec;
  /** undefined until read; null when no response reached the DSP. */
  #payload: string | null | undefined;

  constructor(spec: ResultSpec) {
    this.outcome = spec.outcome;
    this.acted = spec.acted ?? false;
    this.responseLost = spec.responseLost ?? false;
    this.latencyMs = spec.latencyMs;
    this.responseCode = codeOf(spec);
    this.reason = spec.reason;
    this.alerts = spec.alerts ?? NO_ALERTS;
    this.report = spec.report;
    this.#spec = spec;
    this.#payload = spec.outcome === 'no-response' ? null : undefined;
  }

  get gbcsPayload(): string | null {
    if (this.#payload === undefined) {
      const spec = this.#spec;
      this.#payload =
        spec.gbcs?.() ??
        syntheticPayload(spec.stream, spec.count, spec.outcome === 'failure' ? 1 : 0);
    }
    return this.#payload;
  }
}

/** One Device answer; the payload exists only when a response reaches the DSP. */
export function resultOf(spec: ResultSpec): DeviceResult {
  return new Answer(spec);
}

/** A Device's refusal, with the code its SRV's refusals carry. */
export function failureOf(turn: Turn, traits: SrvTraits, reason: string): DeviceResult {
  return resultOf({ ...turn, outcome: 'failure', failureCode: traits.failureCode, reason });
}

/** Which alert a Device raised, when. */
export interface AlertSpec {
  readonly code: string;
  readonly deviceId: string;
  readonly at: Date;
}

/** A Device Alert whose GBCS alert is built on first read (undefined where opendsp has none). */
class RaisedAlert implements RaisedDeviceAlert {
  readonly kind = 'device-alert';
  readonly #gbcs: () => string | null;
  #payload: string | null | undefined;

  readonly code: string;
  readonly deviceId: string;
  readonly at: Date;

  constructor(alert: AlertSpec, gbcs: () => string | null) {
    this.code = alert.code;
    this.deviceId = alert.deviceId;
    this.at = alert.at;
    this.#gbcs = gbcs;
  }

  get gbcsPayload(): string | undefined {
    if (this.#payload === undefined) this.#payload = this.#gbcs();
    return this.#payload ?? undefined;
  }
}

/** A Device Alert raised by the Device. */
export function alertOf(alert: AlertSpec, gbcs?: () => string | null): RaisedDeviceAlert {
  if (gbcs === undefined) return { kind: 'device-alert', ...alert };
  return new RaisedAlert(alert, gbcs);
}
