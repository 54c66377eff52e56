import { describe, expect, it } from 'vitest';
import { createHan } from './han.ts';
import { CLASS_DEFAULTS, type ProfileSet } from './profiles.ts';
import { commandTo, modelSpec, testDevice } from './testing.ts';
import type { BehaviourProfile, DeviceResult } from './types.ts';

const AVON = modelSpec('Avon Metering', 'AM-E200');
const N = 200_000;

const uniform = (p: BehaviourProfile): ProfileSet => ({
  defaults: Object.fromEntries(
    Object.keys(CLASS_DEFAULTS).map((key) => [key, p]),
  ) as ProfileSet['defaults'],
  models: [],
});

/** N reads over 2,000 Devices of one model. */
function reads(profiles: ProfileSet | undefined, firmware?: string): DeviceResult[] {
  const han = createHan({ seed: 11, profiles });
  const devices = Array.from({ length: 2000 }, (_, n) => testDevice(AVON, n, firmware));
  const results: DeviceResult[] = [];
  for (let i = 0; i < N; i++) results.push(han.execute(commandTo(devices[i % 2000]!, '4.1.1')));
  return results;
}

const share = (results: DeviceResult[], test: (r: DeviceResult) => boolean): number =>
  results.filter(test).length / results.length;

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(q * (sorted.length - 1))]!;
}

describe('rates over many Commands', () => {
  const profile: BehaviourProfile = {
    latency: { medianMs: 3000, p95Ms: 12000 },
    failureRate: 0.1,
    noResponseRate: 0.05,
    lostResponseRate: 0.08,
    quirks: [],
  };
  const results = reads(uniform(profile));

  // No answer first, then a Device error, then a lost response of a Command that worked.
  it('no-response from the Device at its rate', () => {
    expect(share(results, (r) => r.outcome === 'no-response' && !r.responseLost)).toBeCloseTo(
      0.05,
      2,
    );
  });

  it('Device failures at their rate, each with a response code', () => {
    expect(share(results, (r) => r.outcome === 'failure')).toBeCloseTo(0.95 * 0.1, 2);
    expect(results.filter((r) => r.outcome === 'failure').every((r) => r.responseCode)).toBe(true);
  });

  it('lost responses at their rate, always reported as no-response', () => {
    expect(share(results, (r) => r.responseLost)).toBeCloseTo(0.95 * 0.9 * 0.08, 2);
    expect(results.filter((r) => r.responseLost).every((r) => r.outcome === 'no-response')).toBe(
      true,
    );
  });

  it('log-normal latency with the profile median and p95 (within 3%)', () => {
    const latencies = results.map((r) => r.latencyMs);
    expect(Math.abs(quantile(latencies, 0.5) / 3000 - 1)).toBeLessThan(0.03);
    expect(Math.abs(quantile(latencies, 0.95) / 12000 - 1)).toBeLessThan(0.03);
  });
});

describe('bundled profiles', () => {
  it('SMETS2 meters answer in seconds; SMETS1 slower; hubs faster', () => {
    const median = (m: BehaviourProfile) => m.latency.medianMs;
    expect(median(CLASS_DEFAULTS['SMETS1 meter'])).toBeGreaterThan(
      median(CLASS_DEFAULTS['SMETS2 meter']),
    );
    expect(median(CLASS_DEFAULTS['SMETS2 chf'])).toBeLessThan(
      median(CLASS_DEFAULTS['SMETS2 meter']),
    );
    const latencies = reads(undefined).map((r) => r.latencyMs);
    const expected = CLASS_DEFAULTS['SMETS2 meter'].latency;
    expect(Math.abs(quantile(latencies, 0.5) / expected.medianMs - 1)).toBeLessThan(0.03);
    expect(Math.abs(quantile(latencies, 0.95) / expected.p95Ms - 1)).toBeLessThan(0.03);
  });
});
