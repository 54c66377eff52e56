import { describe, expect, it } from 'vitest';
import {
  DEVICE_TYPE_NAMES,
  DEVICE_TYPES,
  JOIN_TARGET_TYPES,
  parseDeviceType,
  parseSmetsGeneration,
  parseSmiStatus,
  SMI_STATUSES,
} from './devices.ts';

describe('device vocabulary', () => {
  it('names every device type, and join targets are device types', () => {
    for (const type of DEVICE_TYPES) expect(DEVICE_TYPE_NAMES[type].length).toBeGreaterThan(0);
    for (const type of JOIN_TARGET_TYPES) expect(DEVICE_TYPES).toContain(type);
  });

  it('parses device types case-insensitively and trims', () => {
    expect(parseDeviceType('esme')).toBe('ESME');
    expect(parseDeviceType(' PPMID ')).toBe('PPMID');
    expect(parseDeviceType('type2')).toBe('Type2');
    expect(() => parseDeviceType('Meter')).toThrow(/expected one of ESME, GSME/);
  });

  it('parses SMETS generations in their usual spellings', () => {
    expect(parseSmetsGeneration('SMETS1')).toBe('SMETS1');
    expect(parseSmetsGeneration('smets2')).toBe('SMETS2');
    expect(parseSmetsGeneration('2')).toBe('SMETS2');
    expect(parseSmetsGeneration('SMETS2+')).toBe('SMETS2');
    expect(() => parseSmetsGeneration('SMETS3')).toThrow(/expected SMETS1 or SMETS2/);
    expect(() => parseSmetsGeneration('')).toThrow(/SMETS generation/);
  });

  it('parses every SMI status by its DUIS name, any case', () => {
    for (const status of SMI_STATUSES) expect(parseSmiStatus(status.toUpperCase())).toBe(status);
    expect(() => parseSmiStatus('Active', 'status')).toThrow(/^status: "Active" is not valid/);
  });
});
