import { describe, expect, it } from 'vitest';
import { createHan } from './han.ts';
import { generatePowerEvents, type PowerDevice, type PowerEvent } from './power.ts';
import { deviceIdOf } from './testing.ts';

const FROM = new Date('2024-01-01T00:00:00Z');
const TO = new Date('2025-01-01T00:00:00Z');
const esmes: PowerDevice[] = Array.from({ length: 20_000 }, (_, n) => ({
  id: deviceIdOf(0x0a1b01, n),
  type: 'ESME',
}));

const ofDevice = (events: PowerEvent[], id: string) => events.filter((e) => e.deviceId === id);

describe('power outage and restoration events', () => {
  const events = generatePowerEvents(9, { from: FROM, to: TO, devices: esmes });
  const outages = events.filter((e) => e.kind === 'outage');

  it('arrive at the seeded rate (0.8 outages per ESME per year by default)', () => {
    expect(outages.length / esmes.length).toBeGreaterThan(0.75);
    expect(outages.length / esmes.length).toBeLessThan(0.85);
  });

  it('leave some outages without a restoration (what MP176 reports), about 3%', () => {
    const restorations = events.length - outages.length;
    const unrestored = 1 - restorations / outages.length;
    expect(unrestored).toBeGreaterThan(0.02);
    expect(unrestored).toBeLessThan(0.045);
  });

  it('are ordered in time inside the window, and alternate per ESME', () => {
    for (let i = 1; i < events.length; i++) {
      expect(events[i]!.at.getTime()).toBeGreaterThanOrEqual(events[i - 1]!.at.getTime());
    }
    expect(events.every((e) => e.at >= FROM && e.at < TO)).toBe(true);
    const byDevice = new Map<string, PowerEvent[]>();
    for (const e of events) {
      const list = byDevice.get(e.deviceId);
      if (list === undefined) byDevice.set(e.deviceId, [e]);
      else list.push(e);
    }
    for (const list of byDevice.values()) {
      expect(list.map((e) => e.kind)).toEqual(
        list.map((_, i) => (i % 2 === 0 ? 'outage' : 'restoration')),
      );
    }
  });

  it('come only from ESMEs', () => {
    const gas: PowerDevice[] = esmes.slice(0, 500).map((d) => ({ ...d, type: 'GSME' }));
    expect(generatePowerEvents(9, { from: FROM, to: TO, devices: gas })).toEqual([]);
  });

  it('are the same for the same seed, differ for another, and ignore other ESMEs', () => {
    const again = generatePowerEvents(9, { from: FROM, to: TO, devices: esmes });
    expect(again).toEqual(events);
    const other = generatePowerEvents(10, { from: FROM, to: TO, devices: esmes });
    expect(other).not.toEqual(events);
    const alone = generatePowerEvents(9, { from: FROM, to: TO, devices: esmes.slice(7, 8) });
    expect(alone).toEqual(ofDevice(events, esmes[7]!.id));
  });

  it('are offered by the HAN with its own seed', () => {
    const han = createHan({ seed: 9 });
    const devices = esmes.slice(0, 300);
    expect(han.powerEvents({ from: FROM, to: TO, devices, outagesPerYear: 3 })).toEqual(
      generatePowerEvents(9, { from: FROM, to: TO, devices, outagesPerYear: 3 }),
    );
  });
});
