import { describe, expect, it } from 'vitest';
import { createHan } from './han.ts';
import type { ProfileSet } from './profiles.ts';
import { commandTo, modelSpec, openJoin, testDevice, withoutChance } from './testing.ts';

const CALDER = modelSpec('Calder Instruments', 'CI-S2E');
const EX100 = modelSpec('Exe Electronics', 'EX-100');
const CAD = modelSpec('Lune Labs', 'LL Bridge');
const calm = withoutChance();
const AT = new Date('2024-03-01T10:00:00Z');
const LATER = new Date('2024-03-02T01:30:00Z');

describe('11.3 Activate Firmware and 11.2 Read Firmware Version', () => {
  it('the Device runs and reports the activated version; the SMI version is only the start', () => {
    const han = createHan({ seed: 2, profiles: calm });
    const device = testDevice(CALDER, 1, '1.9.0');
    const activate = han.execute(commandTo(device, '11.3', { newFirmwareVersion: '1.10.3' }));
    expect(activate).toMatchObject({ outcome: 'success', acted: true });
    expect(han.device(device.deviceId)?.firmwareVersion).toBe('1.10.3');
    expect(han.execute(commandTo(device, '11.2')).report).toEqual({ firmwareVersion: '1.10.3' });
  });

  it('a future-dated 11.3 is accepted now and raises 8F66 at its execution time', () => {
    const han = createHan({ seed: 2, profiles: calm });
    const device = testDevice(CALDER, 2, '1.9.0');
    const extra = { newFirmwareVersion: '1.10.3', executeAt: LATER };
    const result = han.execute(commandTo(device, '11.3', extra));
    expect(result).toMatchObject({ outcome: 'success', responseCode: 'I0' });
    expect(result.alerts).toEqual([
      { kind: 'device-alert', code: '8F66', deviceId: device.deviceId, at: LATER },
    ]);
  });

  it('a future-dated Command that fails when it runs raises 8F67 and changes nothing', () => {
    const flaky: ProfileSet = {
      ...calm,
      models: [{ manufacturer: CALDER.manufacturer, model: CALDER.model, failureRate: 0.4 }],
    };
    const han = createHan({ seed: 2, profiles: flaky });
    const results = Array.from({ length: 300 }, (_, n) => {
      const device = testDevice(CALDER, n, '1.9.0');
      const extra = { newFirmwareVersion: '1.10.3', executeAt: LATER, at: AT };
      return { device, result: han.execute(commandTo(device, '11.3', extra)) };
    });
    const failedLater = results.filter((r) => r.result.alerts[0]?.code === '8F67');
    expect(failedLater.length).toBeGreaterThan(40);
    for (const { device, result } of failedLater) {
      expect(result).toMatchObject({ outcome: 'success', acted: false });
      expect(han.device(device.deviceId)?.firmwareVersion).toBeUndefined();
    }
  });
});

describe('the stale firmware report of CI-S2E 1.11.0', () => {
  it('sometimes reports the version it ran before (about a quarter of reads)', () => {
    const han = createHan({ seed: 4, profiles: calm });
    let stale = 0;
    for (let n = 0; n < 4000; n++) {
      const device = testDevice(CALDER, n, '1.11.0');
      const reported = han.execute(commandTo(device, '11.2')).report?.firmwareVersion;
      if (reported === '1.10.3') stale++;
      else expect(reported).toBe('1.11.0');
    }
    expect(stale / 4000).toBeGreaterThan(0.22);
    expect(stale / 4000).toBeLessThan(0.28);
  });

  it('after an activation, the stale version is the one that ran before', () => {
    const han = createHan({ seed: 4, profiles: calm });
    const device = testDevice(CALDER, 9, '1.9.0');
    han.execute(commandTo(device, '11.3', { newFirmwareVersion: '1.11.0' }));
    const seen = new Set(
      Array.from(
        { length: 60 },
        () => han.execute(commandTo(device, '11.2')).report?.firmwareVersion,
      ),
    );
    expect(seen).toEqual(new Set(['1.11.0', '1.9.0']));
  });

  it('other firmware of the model reports truthfully', () => {
    const han = createHan({ seed: 4, profiles: calm });
    const device = testDevice(CALDER, 3, '1.10.3');
    for (let i = 0; i < 50; i++) {
      expect(han.execute(commandTo(device, '11.2')).report?.firmwareVersion).toBe('1.10.3');
    }
  });
});

describe('behaviour follows the firmware the Device runs', () => {
  it('an EX-100 upgraded from 0.8.12 to 0.9.2 accepts a repeated join', () => {
    const han = createHan({ seed: 1, profiles: calm });
    const meter = testDevice(EX100, 7, '0.8.12');
    const cad = testDevice(CAD, 7);
    han.loadJoins([openJoin(meter, cad)]);
    const join = commandTo(meter, '8.7.2', { otherDeviceId: cad.deviceId });
    expect(han.execute(join).outcome).toBe('failure');
    han.execute(commandTo(meter, '11.3', { newFirmwareVersion: '0.9.2' }));
    // The SMI still says 0.8.12 (the Command carries it), but the Device runs 0.9.2.
    expect(han.execute(join).outcome).toBe('success');
  });
});
