import { describe, expect, it } from 'vitest';
import { eui64FromBigInt, eui64ToBigInt, type Eui64 } from '../core/eui64.ts';
import { cachedEuiValue, euiFromHalves, euiValue } from './ids.ts';

describe('euiValue', () => {
  it('gives the same value as core eui64ToBigInt across the whole 64-bit range', () => {
    const samples = [
      0n,
      1n,
      0xffff_ffffn,
      0x1_0000_0000n,
      0x90b3_d51f_3001_0000n,
      (1n << 64n) - 1n,
    ];
    for (let i = 0n; i < 200n; i++) samples.push((i * 0x9e37_79b9_7f4a_7c15n) % (1n << 64n));
    for (const value of samples) {
      const id = eui64FromBigInt(value);
      expect(euiValue(id)).toBe(value);
      expect(euiValue(id)).toBe(eui64ToBigInt(id));
    }
  });

  it('falls back to core parsing for lower-case or odd input', () => {
    expect(euiValue('90-b3-d5-1f-30-01-00-00' as Eui64)).toBe(0x90b3_d51f_3001_0000n);
  });

  it('caches repeated IDs without changing results', () => {
    const convert = cachedEuiValue(2);
    const id = eui64FromBigInt(42n);
    expect(convert(id)).toBe(42n);
    expect(convert(id)).toBe(42n);
  });
});

describe('euiFromHalves', () => {
  it('formats the same EUI-64 as core eui64FromBigInt across the whole 64-bit range', () => {
    const samples = [0n, 1n, 0xffff_ffffn, 0x1_0000_0000n, (1n << 63n) - 1n, (1n << 64n) - 1n];
    for (let i = 0n; i < 200n; i++) samples.push((i * 0x9e37_79b9_7f4a_7c15n) % (1n << 64n));
    for (const value of samples) {
      const formatted = euiFromHalves(Number(value >> 32n), Number(value & 0xffff_ffffn));
      expect(formatted).toBe(eui64FromBigInt(value));
    }
  });
});
