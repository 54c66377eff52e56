import { describe, expect, it } from 'vitest';
import { createHan } from './han.ts';
import { commandTo, modelSpec, testDevice } from './testing.ts';
import type { DeviceCommand } from './types.ts';

const MODELS = [
  modelSpec('Avon Metering', 'AM-E200'),
  modelSpec('Brunel Devices', 'BD Voltis 2'),
  modelSpec('Avon Metering', 'AM-E100'),
  modelSpec('Calder Instruments', 'CI-S2G'),
];
const READS = ['4.1.1', '4.8.1', '4.17', '6.2.7'];

/** Executes per second of plain reads over `devices` Devices, best of a few rounds. */
function measure(devices: number, executes: number): number {
  const han = createHan({ seed: 1 });
  const commands: DeviceCommand[] = Array.from({ length: devices }, (_, n) =>
    commandTo(testDevice(MODELS[n % MODELS.length]!, n), READS[n % READS.length]!),
  );
  let best = 0;
  let sink = 0;
  for (let round = 0; round < 4; round++) {
    const start = performance.now();
    for (let i = 0; i < executes; i++) sink += han.execute(commands[i % devices]!).latencyMs;
    best = Math.max(best, executes / ((performance.now() - start) / 1000));
  }
  expect(sink).toBeGreaterThan(0);
  return best;
}

describe('throughput', () => {
  it('executes plain reads far faster than the pipeline needs (target 1,000,000/s)', () => {
    const rate = measure(50_000, 500_000);
    console.log(`HAN: ${Math.round(rate).toLocaleString('en-GB')} executes/s (plain reads)`);
    // A floor well below the target, so a busy machine running other tests does not fail it.
    expect(rate).toBeGreaterThan(400_000);
  });
});
