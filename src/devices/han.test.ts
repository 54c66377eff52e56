import { describe, expect, it } from 'vitest';
import { InvalidValueError } from '../core/errors.ts';
import { createHan } from './han.ts';
import { commandTo, modelSpec, testDevice, withoutChance, type TestDevice } from './testing.ts';
import type { DeviceCommand, DeviceResult } from './types.ts';

const AVON = modelSpec('Avon Metering', 'AM-E200');
const READS = ['4.1.1', '4.8.1', '6.2.7', '11.2', '7.4', '4.17'];

function workload(devices: readonly TestDevice[], perDevice: number): DeviceCommand[][] {
  return devices.map((d, i) =>
    Array.from({ length: perDevice }, (_, k) => commandTo(d, READS[(i + k) % READS.length]!)),
  );
}

function runInOrder(seed: number, commands: readonly DeviceCommand[]): DeviceResult[] {
  const han = createHan({ seed });
  return commands.map((c) => han.execute(c));
}

const devices = Array.from({ length: 40 }, (_, i) => testDevice(AVON, i));

describe('determinism', () => {
  const sequential = workload(devices, 50).flat();

  it('gives the same results for the same seed and the same Commands', () => {
    expect(runInOrder(7, sequential)).toEqual(runInOrder(7, sequential));
  });

  it('gives different results for a different seed', () => {
    const a = runInOrder(7, sequential).map((r) => r.latencyMs);
    const b = runInOrder(8, sequential).map((r) => r.latencyMs);
    expect(a).not.toEqual(b);
  });

  it("does not depend on how unrelated Devices' Commands interleave", () => {
    const perDevice = workload(devices, 50);
    // Round robin instead of device after device: each Device sees the same Commands in order.
    const interleaved: DeviceCommand[] = [];
    for (let k = 0; k < 50; k++) for (const list of perDevice) interleaved.push(list[k]!);
    const byDevice = (results: DeviceResult[], order: DeviceCommand[]) => {
      const map = new Map<string, DeviceResult[]>();
      results.forEach((r, i) => {
        const id = order[i]!.deviceId;
        map.set(id, [...(map.get(id) ?? []), r]);
      });
      return map;
    };
    const a = byDevice(runInOrder(3, sequential), sequential);
    const b = byDevice(runInOrder(3, interleaved), interleaved);
    expect(b).toEqual(a);
  });
});

describe('answers', () => {
  it('answers a read with I0, a latency in seconds and a 12-byte synthetic payload', () => {
    // 4.8.1 has no GBCS encoder yet (src/devices/gbcs covers 11.2 and 4.1.1): the stand-in.
    const han = createHan({ seed: 1 });
    const results = devices.map((d) => han.execute(commandTo(d, '4.8.1')));
    const ok = results.find((r) => r.outcome === 'success')!;
    expect(ok).toMatchObject({ kind: 'device-result', responseCode: 'I0', acted: false });
    expect(ok.alerts).toEqual([]);
    const bytes = Buffer.from(ok.gbcsPayload!, 'base64');
    expect(bytes).toHaveLength(12);
    expect(bytes[0]).toBe(0xd5);
    expect(results.every((r) => r.latencyMs > 100 && r.latencyMs < 600_000)).toBe(true);
  });

  it('refuses SRVs that never reach a Device, and SRVs it does not know', () => {
    const han = createHan({ seed: 1 });
    const device = testDevice(AVON, 1);
    expect(() => han.execute(commandTo(device, '8.2'))).toThrow(InvalidValueError);
    expect(() => han.execute(commandTo(device, '12.2'))).toThrow(/never reaches a Device/);
    expect(() => han.execute(commandTo(device, '99.9'))).toThrow(/not in the SRV catalogue/);
    expect(han.size).toBe(0);
  });

  it('keeps state only for Devices that were commanded', () => {
    const han = createHan({ seed: 1 });
    han.execute(commandTo(devices[0]!, '4.1.1'));
    han.execute(commandTo(devices[0]!, '4.1.1'));
    expect(han.size).toBe(1);
    expect(han.device(devices[0]!.deviceId)?.commands).toBe(2);
    expect(han.device(devices[1]!.deviceId)).toBeUndefined();
  });

  it('tracks supply state: 7.2 disables, 7.4 reads it back, 7.1 enables again', () => {
    const han = createHan({ seed: 1, profiles: withoutChance() });
    const meter = devices[2]!;
    const supply = () => han.execute(commandTo(meter, '7.4')).report?.supplyState;
    expect(supply()).toBe('enabled');
    expect(han.execute(commandTo(meter, '7.2')).acted).toBe(true);
    expect(han.execute(commandTo(meter, '7.2')).acted).toBe(false);
    expect(supply()).toBe('disabled');
    expect(han.device(meter.deviceId)?.supplyState).toBe('disabled');
    expect(han.execute(commandTo(meter, '7.1')).acted).toBe(true);
    expect(supply()).toBe('enabled');
  });
});
