// Behaviour profiles per device model and firmware: latency, failure rates and firmware quirks.
import type { DeviceType, SmetsGeneration } from '../core/devices.ts';
import type { BehaviourProfile } from './types.ts';

/** The broad kinds of Device that behave differently on the SM WAN. */
export type ProfileClass = 'meter' | 'chf' | 'han';

/** Key of a class default, e.g. `SMETS2 meter`. */
export type ClassKey = `${SmetsGeneration} ${ProfileClass}`;

/**
 * A profile entry for a model (no `firmwareVersion`) or for one firmware of it. Fields left out
 * come from the model entry, then from the class default; quirks add up.
 */
export interface ProfileEntry extends Partial<BehaviourProfile> {
  readonly manufacturer: string;
  readonly model: string;
  readonly firmwareVersion?: string;
  /** Chooses the class default for the model's entry. */
  readonly deviceType?: DeviceType;
  /** Why the entry differs from its class (every figure here is an assumption). */
  readonly note?: string;
}

/** Everything createHan needs to know about behaviour. */
export interface ProfileSet {
  readonly defaults: Readonly<Record<ClassKey, BehaviourProfile>>;
  readonly models: readonly ProfileEntry[];
}

/** The class a device type falls in. */
export function classOf(type: DeviceType): ProfileClass {
  if (type === 'CHF') return 'chf';
  if (type === 'ESME' || type === 'GSME' || type === 'GPF') return 'meter';
  return 'han';
}

const profile = (
  latency: readonly [number, number],
  rates: readonly [failure: number, noResponse: number, lost: number],
): BehaviourProfile => ({
  latency: { medianMs: latency[0], p95Ms: latency[1] },
  failureRate: rates[0],
  noResponseRate: rates[1],
  lostResponseRate: rates[2],
  quirks: [],
});

/**
 * Class defaults, used for models without an entry. Invented but plausible: a SMETS2 WAN round
 * trip takes seconds; SMETS1 Commands go through an S1SP as well and take longer and fail more.
 * The SEC's target response times are not in our sources, so nothing here claims to meet them.
 */
export const CLASS_DEFAULTS: Readonly<Record<ClassKey, BehaviourProfile>> = {
  'SMETS2 meter': profile([3500, 12000], [0.004, 0.012, 0.0015]),
  'SMETS2 chf': profile([2200, 7000], [0.002, 0.006, 0.001]),
  'SMETS2 han': profile([4500, 15000], [0.006, 0.015, 0.002]),
  'SMETS1 meter': profile([9000, 40000], [0.012, 0.03, 0.004]),
  'SMETS1 chf': profile([7000, 30000], [0.008, 0.02, 0.003]),
  'SMETS1 han': profile([10000, 45000], [0.015, 0.035, 0.005]),
};

/** Per-model and per-firmware entries for the models of src/workload/models.ts. */
export const MODEL_PROFILES: readonly ProfileEntry[] = [
  { manufacturer: 'Avon Metering', model: 'AM-E200', deviceType: 'ESME' },
  {
    manufacturer: 'Avon Metering',
    model: 'AM-E200',
    firmwareVersion: '2.1.4',
    quirks: [{ kind: 'loses-join-responses', rate: 0.05 }],
    note: 'MP178: 8.7.2 carried out in the ESME, yet its response never reached the DSP.',
  },
  { manufacturer: 'Brunel Devices', model: 'BD Voltis 2', deviceType: 'ESME' },
  {
    manufacturer: 'Brunel Devices',
    model: 'BD Voltis 2',
    firmwareVersion: '4.0.7',
    failureRate: 0.012,
    note: 'Older firmware answers more Commands with errors.',
  },
  { manufacturer: 'Calder Instruments', model: 'CI-S2E', deviceType: 'ESME' },
  {
    manufacturer: 'Calder Instruments',
    model: 'CI-S2E',
    firmwareVersion: '1.11.0',
    quirks: [{ kind: 'stale-firmware-report', rate: 0.25, staleVersion: '1.10.3' }],
    note: 'After moving to 1.11.0, 11.2 sometimes still reports the version it ran before.',
  },
  {
    manufacturer: 'Dee Technologies',
    model: 'Dee Polyphase P3',
    deviceType: 'ESME',
    latency: { medianMs: 4500, p95Ms: 16000 },
    note: 'Polyphase meter: larger responses, slower round trips.',
  },
  { manufacturer: 'Exe Electronics', model: 'EX-100', deviceType: 'ESME' },
  {
    manufacturer: 'Exe Electronics',
    model: 'EX-100',
    firmwareVersion: '0.8.12',
    quirks: [{ kind: 'rejects-repeated-join' }],
    note: 'MP178: rejects a repeated 8.7.x for a Device already in its log; GBCS says accept it.',
  },
  { manufacturer: 'Avon Metering', model: 'AM-E100', deviceType: 'ESME' },
  {
    manufacturer: 'Brunel Devices',
    model: 'BD Voltis 1',
    deviceType: 'ESME',
    noResponseRate: 0.05,
    note: 'SMETS1 meter on a weak 2G link: more Commands go unanswered.',
  },
  {
    manufacturer: 'Calder Instruments',
    model: 'CI-S2G',
    deviceType: 'GSME',
    latency: { medianMs: 6000, p95Ms: 20000 },
    note: 'Battery gas meter: wakes to answer, so round trips are longer.',
  },
  {
    manufacturer: 'Fal Flow',
    model: 'FF-G4',
    deviceType: 'GSME',
    latency: { medianMs: 5500, p95Ms: 18000 },
    note: 'Battery gas meter.',
  },
  {
    manufacturer: 'Exe Electronics',
    model: 'EX-G1',
    deviceType: 'GSME',
    latency: { medianMs: 6500, p95Ms: 24000 },
    note: 'Battery gas meter.',
  },
  { manufacturer: 'Fal Flow', model: 'FF-G1', deviceType: 'GSME' },
  { manufacturer: 'Goyt Communications', model: 'GC-NH3', deviceType: 'CHF' },
  {
    manufacturer: 'Goyt Communications',
    model: 'GC-NH3',
    firmwareVersion: '1.1.9',
    noResponseRate: 0.015,
    note: 'Older North-region hub firmware drops more Commands.',
  },
  { manufacturer: 'Hodder Networks', model: 'HN-CS2', deviceType: 'CHF' },
  {
    manufacturer: 'Hodder Networks',
    model: 'HN-CS2 Dual Band',
    deviceType: 'CHF',
    latency: { medianMs: 1800, p95Ms: 5500 },
    note: 'Dual band hub: faster HAN hops.',
  },
  { manufacturer: 'Brunel Devices', model: 'BD Hub 1', deviceType: 'CHF' },
  { manufacturer: 'Irwell Displays', model: 'ID-7', deviceType: 'IHD' },
  { manufacturer: 'Kennet Home', model: 'KH Glance', deviceType: 'IHD' },
  { manufacturer: 'Irwell Displays', model: 'ID-3', deviceType: 'IHD' },
  { manufacturer: 'Kennet Home', model: 'KH PayPoint', deviceType: 'PPMID' },
  { manufacturer: 'Irwell Displays', model: 'ID-PP1', deviceType: 'PPMID' },
  { manufacturer: 'Lune Labs', model: 'LL Bridge', deviceType: 'CAD' },
];

/** The bundled profiles: class defaults and the estate's models. */
export const DEFAULT_PROFILES: ProfileSet = { defaults: CLASS_DEFAULTS, models: MODEL_PROFILES };
