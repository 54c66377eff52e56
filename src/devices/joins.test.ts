import { describe, expect, it } from 'vitest';
import { createHan } from './han.ts';
import { DEFAULT_PROFILES, type ProfileSet } from './profiles.ts';
import { commandTo, modelSpec, openJoin, testDevice, withoutChance } from './testing.ts';

const EX100 = modelSpec('Exe Electronics', 'EX-100');
const AVON = modelSpec('Avon Metering', 'AM-E200');
const IHD = modelSpec('Irwell Displays', 'ID-7');
const CAD = modelSpec('Lune Labs', 'LL Bridge');
const HUB = modelSpec('Goyt Communications', 'GC-NH3');
const calm = withoutChance();

const meter = testDevice(EX100, 1, '0.9.2');
const ihd = testDevice(IHD, 1);
const cad = testDevice(CAD, 1);

describe('joins and unjoins change what the Device itself holds', () => {
  it('8.7.2 adds the Other Device; 8.8.2 removes it; a second 8.8.2 fails on the Device', () => {
    const han = createHan({ seed: 1, profiles: calm });
    const join = han.execute(commandTo(meter, '8.7.2', { otherDeviceId: cad.deviceId }));
    expect(join).toMatchObject({ outcome: 'success', acted: true, responseCode: 'I0' });
    expect(han.device(meter.deviceId)?.log).toEqual([cad.deviceId]);
    const unjoin = han.execute(commandTo(meter, '8.8.2', { otherDeviceId: cad.deviceId }));
    expect(unjoin).toMatchObject({ outcome: 'success', acted: true });
    expect(han.device(meter.deviceId)?.log).toEqual([]);
    const again = han.execute(commandTo(meter, '8.8.2', { otherDeviceId: cad.deviceId }));
    expect(again).toMatchObject({ outcome: 'failure', acted: false, responseCode: 'E080821' });
    expect(again.reason).toMatch(/not in the Device's own log/);
  });

  it('accepts a repeated join, as GBCS mandates, without changing its log', () => {
    const han = createHan({ seed: 1, profiles: calm });
    han.loadJoins([openJoin(meter, ihd)]);
    const repeat = han.execute(commandTo(meter, '8.7.1', { otherDeviceId: ihd.deviceId }));
    expect(repeat).toMatchObject({ outcome: 'success', acted: false, responseCode: 'I0' });
    expect(han.device(meter.deviceId)?.log).toEqual([ihd.deviceId]);
  });

  it('loads only open SMI joins', () => {
    const han = createHan({ seed: 1 });
    const closed = { ...openJoin(meter, cad), unjoinedAt: new Date('2023-01-01') };
    expect(han.loadJoins([openJoin(meter, ihd), closed, openJoin(meter, ihd)])).toBe(1);
    expect(han.device(meter.deviceId)?.log).toEqual([ihd.deviceId]);
  });
});

describe('MP178: a join whose response is lost', () => {
  const lossy: ProfileSet = {
    ...calm,
    models: [
      ...calm.models,
      {
        manufacturer: EX100.manufacturer,
        model: EX100.model,
        firmwareVersion: '0.9.2',
        lostResponseRate: 1,
      },
    ],
  };

  it('leaves the Device joined while the DSP hears nothing', () => {
    const han = createHan({ seed: 1, profiles: lossy });
    const join = han.execute(commandTo(meter, '8.7.2', { otherDeviceId: cad.deviceId }));
    expect(join).toMatchObject({
      outcome: 'no-response',
      acted: true,
      responseLost: true,
      responseCode: null,
      gbcsPayload: null,
    });
    // The SMI would not record the join, but the Device holds it: an unjoin works on the Device.
    expect(han.device(meter.deviceId)?.log).toEqual([cad.deviceId]);
  });

  it('the whole MP178 story on EX-100 0.8.12: lost join, refused retry, unjoin on the Device', () => {
    const old = testDevice(EX100, 3, '0.8.12');
    const always: ProfileSet = {
      ...calm,
      models: [
        ...calm.models,
        { manufacturer: EX100.manufacturer, model: EX100.model, lostResponseRate: 1 },
      ],
    };
    const han = createHan({ seed: 1, profiles: always });
    const join = commandTo(old, '8.7.2', { otherDeviceId: cad.deviceId });
    expect(han.execute(join)).toMatchObject({ outcome: 'no-response', acted: true });
    // The SMI has no join, so the DSP lets the retry through; the firmware refuses it.
    expect(han.execute(join)).toMatchObject({ outcome: 'failure', responseCode: 'E080721' });
    // From MP178 the DSP no longer blocks the unjoin with E080801; the Device carries it out.
    const unjoin = han.execute(commandTo(old, '8.8.2', { otherDeviceId: cad.deviceId }));
    expect(unjoin).toMatchObject({ acted: true });
    expect(han.device(old.deviceId)?.log).toEqual([]);
  });

  it('AM-E200 firmware 2.1.4 loses join responses far more often than reads', () => {
    const han = createHan({ seed: 5 });
    const count = (srv: string) => {
      let lost = 0;
      for (let n = 0; n < 4000; n++) {
        const device = testDevice(AVON, n, '2.1.4');
        const other = srv === '8.7.2' ? { otherDeviceId: ihd.deviceId } : {};
        if (han.execute(commandTo(device, srv, other)).responseLost) lost++;
      }
      return lost / 4000;
    };
    expect(count('8.7.2')).toBeGreaterThan(0.04);
    expect(count('4.1.1')).toBeLessThan(0.01);
  });
});

describe('the repeated-join quirk of EX-100 firmware 0.8.12 (MP178)', () => {
  it('rejects a join it already holds; 0.9.2 of the same model accepts it', () => {
    const han = createHan({ seed: 1, profiles: calm });
    const old = testDevice(EX100, 2, '0.8.12');
    han.loadJoins([openJoin(old, cad), openJoin(meter, cad)]);
    const rejected = han.execute(commandTo(old, '8.7.2', { otherDeviceId: cad.deviceId }));
    expect(rejected).toMatchObject({ outcome: 'failure', acted: false, responseCode: 'E080721' });
    expect(rejected.reason).toMatch(/already in its log/);
    const fresh = han.execute(commandTo(old, '8.7.2', { otherDeviceId: ihd.deviceId }));
    expect(fresh).toMatchObject({ outcome: 'success', acted: true });
    const fixed = han.execute(commandTo(meter, '8.7.2', { otherDeviceId: cad.deviceId }));
    expect(fixed.outcome).toBe('success');
  });

  it('is part of the bundled profiles', () => {
    const entry = DEFAULT_PROFILES.models.find((m) => m.model === 'EX-100' && m.quirks);
    expect(entry).toMatchObject({ firmwareVersion: '0.8.12' });
  });
});

describe('8.11 Update HAN Device Log on a CHF', () => {
  const hub = testDevice(HUB, 1);

  it('raises 8F12 when the log changes, after the response latency, and not otherwise', () => {
    const han = createHan({ seed: 1, profiles: calm });
    const add = han.execute(commandTo(hub, '8.11', { otherDeviceId: ihd.deviceId }));
    expect(add).toMatchObject({ outcome: 'success', acted: true });
    expect(add.alerts).toEqual([
      {
        kind: 'device-alert',
        code: '8F12',
        deviceId: hub.deviceId,
        at: new Date(Date.parse('2024-03-01T10:00:00Z') + add.latencyMs),
      },
    ]);
    const again = han.execute(commandTo(hub, '8.11', { otherDeviceId: ihd.deviceId }));
    expect(again).toMatchObject({ outcome: 'success', acted: false, alerts: [] });
    const remove = { otherDeviceId: ihd.deviceId, logAction: 'remove' } as const;
    expect(han.execute(commandTo(hub, '8.11', remove)).alerts.map((a) => a.code)).toEqual(['8F12']);
    expect(han.execute(commandTo(hub, '8.11', remove))).toMatchObject({
      outcome: 'failure',
      responseCode: 'E100',
      alerts: [],
    });
    expect(han.execute(commandTo(hub, '8.9')).report?.deviceLog).toEqual([]);
  });
});
