// Builders of Device IDs and Commands for tests of the HAN simulator and of the pipeline above it.
import type { SmetsGeneration } from '../core/devices.ts';
import { MODELS, type ModelSpec } from '../workload/models.ts';
import { DEFAULT_PROFILES, type ClassKey, type ProfileSet } from './profiles.ts';
import type { JoinRecord } from './state.ts';
import type { DeviceCommand, DeviceModelRef } from './types.ts';

const AT = new Date('2024-03-01T10:00:00Z');
const hex2 = (n: number): string => (n & 0xff).toString(16).toUpperCase().padStart(2, '0');

/** A Device ID in DCC form: the model's 24-bit prefix, then `n` in the last five octets. */
export function deviceIdOf(prefix: number, n: number): string {
  const octets = [prefix >>> 16, prefix >>> 8, prefix, 0, n / 2 ** 24, n >>> 16, n >>> 8, n];
  return octets.map((o) => hex2(Math.floor(o))).join('-');
}

/** The estate model with this manufacturer and model name; throws when unknown. */
export function modelSpec(manufacturer: string, model: string): ModelSpec {
  const found = MODELS.find((m) => m.manufacturer === manufacturer && m.model === model);
  if (found === undefined) throw new RangeError(`no model ${manufacturer} ${model}`);
  return found;
}

/** A Device of an estate model on one firmware version. */
export interface TestDevice {
  readonly deviceId: string;
  readonly model: DeviceModelRef;
  readonly smets: SmetsGeneration;
  readonly deviceType: ModelSpec['type'];
}

/** The `n`th test Device of a model, on the given firmware (the model's newest by default). */
export function testDevice(spec: ModelSpec, n: number, firmwareVersion?: string): TestDevice {
  const newest = spec.firmware[spec.firmware.length - 1]?.[0] ?? '0';
  return {
    deviceId: deviceIdOf(spec.prefix, n),
    model: {
      manufacturer: spec.manufacturer,
      model: spec.model,
      firmwareVersion: firmwareVersion ?? newest,
    },
    smets: spec.smets,
    deviceType: spec.type,
  };
}

/** A Command to a test Device at 10:00 on 1 March 2024; `extra` sets the SRV-specific fields. */
export function commandTo(
  device: TestDevice,
  srv: string,
  extra: Partial<DeviceCommand> = {},
): DeviceCommand {
  // A plain literal: objects built by spreading are slower to read on V8's hot path.
  const command: DeviceCommand = {
    deviceId: device.deviceId,
    model: device.model,
    smets: device.smets,
    deviceType: device.deviceType,
    srv,
    at: AT,
  };
  return Object.keys(extra).length === 0 ? command : { ...command, ...extra };
}

/** An open SMI join of `other` to `target`. */
export function openJoin(target: TestDevice, other: TestDevice): JoinRecord {
  return { deviceId: other.deviceId, targetId: target.deviceId, unjoinedAt: null };
}

const CALM = { failureRate: 0, noResponseRate: 0, lostResponseRate: 0 } as const;

/** The profiles with every chance rate set to zero; quirks and latencies stay as they are. */
export function withoutChance(set: ProfileSet = DEFAULT_PROFILES): ProfileSet {
  const defaults = Object.fromEntries(
    Object.entries(set.defaults).map(([key, p]) => [key, { ...p, ...CALM }]),
  ) as Record<ClassKey, ProfileSet['defaults'][ClassKey]>;
  // Zero only the rates an entry sets, so a test can still override a model's rates.
  const models = set.models.map((entry) => {
    const calm = { ...entry };
    for (const field of Object.keys(CALM) as (keyof typeof CALM)[]) {
      if (calm[field] !== undefined) calm[field] = 0;
    }
    return calm;
  });
  return { defaults, models };
}
