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

/** One Device answer; the payload exists only when a response reaches the DSP. */
export function resultOf(spec: ResultSpec): DeviceResult {
  const answered = spec.outcome !== 'no-response';
  return {
    kind: 'device-result',
    outcome: spec.outcome,
    acted: spec.acted ?? false,
    responseLost: spec.responseLost ?? false,
    latencyMs: spec.latencyMs,
    responseCode: codeOf(spec),
    reason: spec.reason,
    alerts: spec.alerts ?? NO_ALERTS,
    gbcsPayload: answered
      ? syntheticPayload(spec.stream, spec.count, spec.outcome === 'failure' ? 1 : 0)
      : null,
    report: spec.report,
  };
}

/** A Device's refusal, with the code its SRV's refusals carry. */
export function failureOf(turn: Turn, traits: SrvTraits, reason: string): DeviceResult {
  return resultOf({ ...turn, outcome: 'failure', failureCode: traits.failureCode, reason });
}

/** A Device Alert raised by the Device. */
export function alertOf(code: string, deviceId: string, at: Date): RaisedDeviceAlert {
  return { kind: 'device-alert', code, deviceId, at };
}
