// Seeded power outage and restoration events for ESMEs; some outages are never restored (MP176).
import type { DeviceType } from '../core/devices.ts';
import { createRandom, type Random } from '../core/random.ts';

/** One power event as the ESME reports it. */
export interface PowerEvent {
  readonly deviceId: string;
  readonly kind: 'outage' | 'restoration';
  readonly at: Date;
}

/** A Device that may lose power; only ESMEs report outages. */
export interface PowerDevice {
  readonly id: string;
  readonly type: DeviceType;
}

/** Which Devices, over which window, and how often. */
export interface PowerEventOptions {
  /** Window start, inclusive. */
  readonly from: Date;
  /** Window end, exclusive; restorations after it are not reported. */
  readonly to: Date;
  readonly devices: Iterable<PowerDevice>;
  /** Mean outages per ESME per year (GB customers see well under one; default 0.8). */
  readonly outagesPerYear?: number;
  /** Share of outages never followed by a restoration (meter left dark or alert lost; 0.03). */
  readonly unrestoredShare?: number;
  /** Median outage duration (default 40 minutes). */
  readonly medianOutageMs?: number;
  /** 95th percentile of the outage duration (default 8 hours). */
  readonly p95OutageMs?: number;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const YEAR_MS = 365.25 * 24 * 3600 * 1000;
const Z95 = 1.6448536269514722;

interface Window {
  readonly from: number;
  readonly to: number;
  /** Outages per millisecond. */
  readonly perMs: number;
  readonly unrestored: number;
  /** Log-normal parameters of the outage duration. */
  readonly mu: number;
  readonly sigma: number;
}

function deviceEvents(id: string, random: Random, w: Window): PowerEvent[] {
  const events: PowerEvent[] = [];
  let t = w.from;
  for (;;) {
    t += -Math.log(1 - random.next()) / w.perMs;
    if (t >= w.to) break;
    events.push({ deviceId: id, kind: 'outage', at: new Date(t) });
    if (random.chance(w.unrestored)) break;
    t += Math.exp(random.normal(w.mu, w.sigma));
    if (t >= w.to) break;
    events.push({ deviceId: id, kind: 'restoration', at: new Date(t) });
  }
  return events;
}

/**
 * Outages arrive per ESME as a Poisson process, each lasting a log-normal time. Each ESME
 * draws from its own stream (forked by Device ID), so adding Devices does not change the others.
 * An unrestored outage leaves the ESME dark for the rest of the window. Sorted by time.
 */
export function generatePowerEvents(seed: number, options: PowerEventOptions): PowerEvent[] {
  const median = options.medianOutageMs ?? 40 * 60_000;
  const window: Window = {
    from: options.from.getTime(),
    to: options.to.getTime(),
    perMs: (options.outagesPerYear ?? 0.8) / YEAR_MS,
    unrestored: options.unrestoredShare ?? 0.03,
    mu: Math.log(median),
    sigma: Math.log((options.p95OutageMs ?? 8 * 3600_000) / median) / Z95,
  };
  const root = createRandom(seed).fork('power');
  const events: PowerEvent[] = [];
  for (const device of options.devices) {
    if (device.type !== 'ESME') continue;
    for (const event of deviceEvents(device.id, root.fork(device.id), window)) events.push(event);
  }
  return events.sort((a, b) => a.at.getTime() - b.at.getTime() || cmp(a.deviceId, b.deviceId));
}
