import { describe, expect, it } from 'vitest';
import { isEui64 } from '../core/eui64.ts';
import { parseMpanCore, parseMprn } from '../core/mpxn.ts';
import { findOverlaps } from '../inventory/registrations.ts';
import type { Device, HanJoin, Registration } from '../inventory/types.ts';
import { generateEstate } from './estate.ts';
import { buildMarket } from './parties.ts';

const asOf = new Date('2026-01-01T00:00:00Z');

function collect(
  devices: number,
  seed: number,
): { devices: Device[]; joins: HanJoin[]; registrations: Registration[] } {
  const all = {
    devices: [] as Device[],
    joins: [] as HanJoin[],
    registrations: [] as Registration[],
  };
  for (const b of generateEstate({
    devices,
    seed,
    market: buildMarket(),
    asOf,
    batchSize: 1_000,
  })) {
    all.devices.push(...b.devices);
    all.joins.push(...b.joins);
    all.registrations.push(...b.registrations);
  }
  return all;
}

describe('estate generator', () => {
  const estate = collect(10_000, 7);

  it('creates exactly the number of devices asked for, with unique well-formed IDs', () => {
    expect(estate.devices).toHaveLength(10_000);
    expect(new Set(estate.devices.map((d) => d.id)).size).toBe(10_000);
    expect(estate.devices.every((d) => isEui64(d.id))).toBe(true);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const again = collect(10_000, 7);
    expect(again.devices.map((d) => d.id)).toEqual(estate.devices.map((d) => d.id));
    expect(again.registrations).toEqual(estate.registrations);
    const other = collect(10_000, 8);
    expect(other.devices.map((d) => d.id)).not.toEqual(estate.devices.map((d) => d.id));
  });

  it('mixes every device type, both SMETS generations and several models and firmware versions', () => {
    const types = new Set(estate.devices.map((d) => d.type));
    for (const t of ['CHF', 'ESME', 'GSME', 'GPF', 'IHD', 'PPMID']) expect(types).toContain(t);
    const smets1 =
      estate.devices.filter((d) => d.smets === 'SMETS1').length / estate.devices.length;
    expect(smets1).toBeGreaterThan(0.15);
    expect(smets1).toBeLessThan(0.4);
    const esmeModels = new Set(estate.devices.filter((d) => d.type === 'ESME').map((d) => d.model));
    expect(esmeModels.size).toBeGreaterThanOrEqual(5);
    const firmware = new Set(
      estate.devices.filter((d) => d.model === 'AM-E200').map((d) => d.firmwareVersion),
    );
    expect(firmware.size).toBeGreaterThanOrEqual(3);
  });

  it('gives meters valid MPAN cores and MPRNs, and GPFs the same model as their hub', () => {
    for (const d of estate.devices) {
      if (d.type === 'ESME') expect(() => parseMpanCore(d.mpxn ?? '')).not.toThrow();
      if (d.type === 'GSME') expect(() => parseMprn(d.mpxn ?? '')).not.toThrow();
      if (d.type === 'ESME') expect(d.mpxn?.slice(0, 2)).toBe(String(d.region));
    }
    const hubModels = new Set(estate.devices.filter((d) => d.type === 'CHF').map((d) => d.model));
    for (const gpf of estate.devices.filter((d) => d.type === 'GPF'))
      expect(hubModels).toContain(gpf.model);
  });

  it('records suppliers and network operators per supply point, with some Changes of Supplier and no overlaps', () => {
    expect(findOverlaps(estate.registrations)).toEqual([]);
    const changed = estate.registrations.filter(
      (r) => r.role === 'ImportSupplier' && r.to !== null,
    );
    const current = estate.registrations.filter(
      (r) => r.role === 'ImportSupplier' && r.to === null,
    );
    expect(changed.length / current.length).toBeGreaterThan(0.1);
    expect(estate.registrations.some((r) => r.role === 'ElectricityDistributor')).toBe(true);
    expect(estate.registrations.some((r) => r.role === 'GasTransporter')).toBe(true);
    expect(estate.registrations.some((r) => r.role === 'ExportSupplier')).toBe(true);
    expect(estate.registrations.every((r) => r.from.getTime() <= asOf.getTime())).toBe(true);
  });

  it('joins HAN devices only to ESME, GSME or GPF targets that exist', () => {
    const byId = new Map(estate.devices.map((d) => [d.id, d]));
    expect(estate.joins.length).toBeGreaterThan(1_000);
    for (const j of estate.joins) {
      expect(['ESME', 'GSME', 'GPF']).toContain(byId.get(j.targetId)?.type);
      expect(byId.has(j.deviceId)).toBe(true);
    }
  });
});
