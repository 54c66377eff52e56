import { describe, expect, it } from 'vitest';
import { loadCatalogue } from '../catalogue/index.ts';
import { InvalidValueError } from '../core/errors.ts';
import { MODELS } from '../workload/models.ts';
import { DEVICE_FAILURE_CODES } from './codes.ts';
import { CLASS_DEFAULTS, DEFAULT_PROFILES, MODEL_PROFILES, type ProfileSet } from './profiles.ts';
import { createResolver } from './resolve.ts';

const ref = (manufacturer: string, model: string, firmwareVersion: string) => ({
  manufacturer,
  model,
  firmwareVersion,
});

describe('bundled profiles match the estate models', () => {
  it('every entry names a model (and a firmware) of src/workload/models.ts', () => {
    for (const entry of MODEL_PROFILES) {
      const spec = MODELS.find(
        (m) => m.manufacturer === entry.manufacturer && m.model === entry.model,
      );
      expect(spec, `${entry.manufacturer} ${entry.model}`).toBeDefined();
      if (entry.firmwareVersion !== undefined) {
        expect(spec!.firmware.map(([v]) => v)).toContain(entry.firmwareVersion);
      }
      if (entry.deviceType !== undefined) expect(entry.deviceType).toBe(spec!.type);
    }
  });

  it('every estate model has a model entry', () => {
    for (const spec of MODELS) {
      const entry = MODEL_PROFILES.find(
        (e) => e.manufacturer === spec.manufacturer && e.model === spec.model && !e.firmwareVersion,
      );
      expect(entry, `${spec.manufacturer} ${spec.model}`).toBeDefined();
    }
  });

  it('the device failure codes are DUIS response codes of the catalogue', () => {
    const catalogue = loadCatalogue();
    for (const code of Object.values(DEVICE_FAILURE_CODES)) {
      expect(catalogue.responseCode(code).code).toBe(code);
    }
  });
});

describe('profile resolution', () => {
  const resolver = createResolver(DEFAULT_PROFILES);

  it('uses the class default for unknown models, by SMETS generation and device type', () => {
    const unknown = ref('Nobody', 'X', '1');
    const s1 = resolver.resolve(unknown, 'SMETS1', 'ESME');
    const hub = resolver.resolve(unknown, 'SMETS2', 'CHF');
    expect(Math.exp(s1.mu)).toBeCloseTo(CLASS_DEFAULTS['SMETS1 meter'].latency.medianMs);
    expect(Math.exp(hub.mu)).toBeCloseTo(CLASS_DEFAULTS['SMETS2 chf'].latency.medianMs);
    expect(resolver.resolve(unknown, 'SMETS2').failureRate).toBe(
      CLASS_DEFAULTS['SMETS2 meter'].failureRate,
    );
  });

  it('lets a firmware entry override its model entry, and keeps quirks to that firmware', () => {
    const old = resolver.resolve(ref('Exe Electronics', 'EX-100', '0.8.12'), 'SMETS2');
    const fixed = resolver.resolve(ref('Exe Electronics', 'EX-100', '0.9.2'), 'SMETS2');
    expect(old.rejectsRepeatedJoin).toBe(true);
    expect(fixed.rejectsRepeatedJoin).toBe(false);
    const gas = resolver.resolve(ref('Fal Flow', 'FF-G4', '5.0.0'), 'SMETS2');
    expect(Math.exp(gas.mu)).toBeCloseTo(5500);
    const hub = resolver.resolve(ref('Goyt Communications', 'GC-NH3', '1.1.9'), 'SMETS2');
    expect(hub.noResponseRate).toBe(0.015);
    expect(Math.exp(hub.mu)).toBeCloseTo(CLASS_DEFAULTS['SMETS2 chf'].latency.medianMs);
  });

  it('refuses rates outside 0…1 and a p95 below the median', () => {
    const bad = (models: ProfileSet['models']) => () =>
      createResolver({ defaults: CLASS_DEFAULTS, models });
    expect(bad([{ manufacturer: 'A', model: 'B', failureRate: 1.5 }])).toThrow(InvalidValueError);
    const slow = { medianMs: 5000, p95Ms: 100 };
    expect(bad([{ manufacturer: 'A', model: 'B', latency: slow }])).toThrow(/medianMs/);
  });
});
