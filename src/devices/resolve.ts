// Picks the behaviour of one Device: class default, then its model's entry, then its firmware's.
import type { DeviceType, SmetsGeneration } from '../core/devices.ts';
import { InvalidValueError } from '../core/errors.ts';
import { classOf, type ClassKey, type ProfileEntry, type ProfileSet } from './profiles.ts';
import type { BehaviourProfile, DeviceModelRef, Quirk } from './types.ts';

/** z of the 95th percentile of the standard normal distribution. */
const Z95 = 1.6448536269514722;

/** A profile flattened for the hot path: log-normal parameters and quirks as plain fields. */
export interface ResolvedProfile {
  /** ln(median latency). */
  readonly mu: number;
  /** Log-normal sigma from the median and p95. */
  readonly sigma: number;
  readonly failureRate: number;
  readonly noResponseRate: number;
  readonly lostResponseRate: number;
  readonly rejectsRepeatedJoin: boolean;
  /** Extra probability that an 8.7.x response is lost. */
  readonly joinLossRate: number;
  /** Probability that 11.2 reports an older firmware version. */
  readonly staleFirmwareRate: number;
  /** The version reported when no earlier one is known. */
  readonly staleFirmwareVersion: string | undefined;
}

/** Finds the behaviour of a model / firmware; results are memoised. */
export interface ProfileResolver {
  resolve(model: DeviceModelRef, smets: SmetsGeneration, type?: DeviceType): ResolvedProfile;
}

function checkProfile(where: string, p: BehaviourProfile): void {
  for (const field of ['failureRate', 'noResponseRate', 'lostResponseRate'] as const) {
    const v = p[field];
    if (!(v >= 0 && v <= 1)) throw new InvalidValueError(`${where}.${field}`, v, 'expected 0…1');
  }
  const { medianMs, p95Ms } = p.latency;
  if (!(medianMs > 0 && p95Ms >= medianMs)) {
    throw new InvalidValueError(`${where}.latency`, p.latency, 'expected 0 < medianMs ≤ p95Ms');
  }
}

function flatten(p: BehaviourProfile): ResolvedProfile {
  const rate = (kind: Quirk['kind']): number =>
    p.quirks.reduce((sum, q) => (q.kind === kind && 'rate' in q ? sum + q.rate : sum), 0);
  return {
    mu: Math.log(p.latency.medianMs),
    sigma: Math.log(p.latency.p95Ms / p.latency.medianMs) / Z95,
    failureRate: p.failureRate,
    noResponseRate: p.noResponseRate,
    lostResponseRate: p.lostResponseRate,
    rejectsRepeatedJoin: p.quirks.some((q) => q.kind === 'rejects-repeated-join'),
    joinLossRate: rate('loses-join-responses'),
    staleFirmwareRate: rate('stale-firmware-report'),
    staleFirmwareVersion: p.quirks.find((q) => q.kind === 'stale-firmware-report')?.staleVersion,
  };
}

function overlay(base: BehaviourProfile, entry: ProfileEntry | undefined): BehaviourProfile {
  if (entry === undefined) return base;
  return {
    latency: entry.latency ?? base.latency,
    failureRate: entry.failureRate ?? base.failureRate,
    noResponseRate: entry.noResponseRate ?? base.noResponseRate,
    lostResponseRate: entry.lostResponseRate ?? base.lostResponseRate,
    quirks: [...base.quirks, ...(entry.quirks ?? [])],
  };
}

const keyOf = (manufacturer: string, model: string, firmware = ''): string =>
  `${manufacturer}\u0000${model}\u0000${firmware}`;

/** Builds a resolver over a profile set, checking every entry once. */
export function createResolver(set: ProfileSet): ProfileResolver {
  const entries = new Map<string, ProfileEntry>();
  for (const [key, p] of Object.entries(set.defaults)) checkProfile(`defaults[${key}]`, p);
  set.models.forEach((entry, i) => {
    const base = set.defaults['SMETS2 meter'];
    checkProfile(`models[${i}]`, overlay(base, entry));
    entries.set(keyOf(entry.manufacturer, entry.model, entry.firmwareVersion), entry);
  });
  const memo = new Map<string, ResolvedProfile>();
  return {
    resolve(model, smets, type) {
      const memoKey = `${keyOf(model.manufacturer, model.model, model.firmwareVersion)}${smets}${type ?? ''}`;
      const known = memo.get(memoKey);
      if (known !== undefined) return known;
      const modelEntry = entries.get(keyOf(model.manufacturer, model.model));
      const fwEntry = entries.get(keyOf(model.manufacturer, model.model, model.firmwareVersion));
      const classKey: ClassKey = `${smets} ${classOf(modelEntry?.deviceType ?? type ?? 'ESME')}`;
      const resolved = flatten(overlay(overlay(set.defaults[classKey], modelEntry), fwEntry));
      memo.set(memoKey, resolved);
      return resolved;
    },
  };
}
