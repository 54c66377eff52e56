// Fast EUI-64 ↔ 64-bit number conversion for bulk writes and reads (same results as core's).
//
// Bulk writes convert millions of IDs; core's BigInt(`0x…`) parse measured ~2x slower than
// parsing two 32-bit halves. User IDs repeat across rows, so those come from a small cache.
// Bulk reads take IDs as two 32-bit halves and write their ASCII into a buffer: 1M IDs in
// ~0.12 s, against ~0.35 s joining strings and ~1 s through core's eui64FromBigInt (measured).
import { eui64ToBigInt, type Eui64 } from '../core/eui64.ts';

const pair = new BigUint64Array(1);
const halves = new Uint32Array(pair.buffer);
const HIGH = new Uint32Array(new BigUint64Array([1n]).buffer)[0] === 1 ? 1 : 0;

/** The 64-bit value of a canonical EUI-64 (`XX-XX-XX-XX-XX-XX-XX-XX`). */
export function euiValue(id: Eui64): bigint {
  if (id.length !== 23) return eui64ToBigInt(id);
  const high = parseInt(id.slice(0, 2) + id.slice(3, 5) + id.slice(6, 8) + id.slice(9, 11), 16);
  const low = parseInt(
    id.slice(12, 14) + id.slice(15, 17) + id.slice(18, 20) + id.slice(21, 23),
    16,
  );
  if (Number.isNaN(high) || Number.isNaN(low)) return eui64ToBigInt(id);
  halves[HIGH] = high;
  halves[1 - HIGH] = low;
  return pair[0] as bigint;
}

/** A converter that remembers values it has seen (for columns with few distinct IDs). */
export function cachedEuiValue(limit = 100_000): (id: Eui64) => bigint {
  const cache = new Map<string, bigint>();
  return (id) => {
    let value = cache.get(id);
    if (value === undefined) {
      value = euiValue(id);
      if (cache.size < limit) cache.set(id, value);
    }
    return value;
  };
}

/** ASCII of `0`–`9`, `A`–`F`. */
const HEX_DIGITS = Buffer.from('0123456789ABCDEF', 'latin1');
/** One formatted EUI-64, rewritten for each ID (`XX-` eight times; the last `-` is not read). */
const text = Buffer.alloc(24, 0x2d);

/** Writes the four octets of `half` as `XX-XX-XX-XX-` from byte `offset`. */
function writeHalf(half: number, offset: number): void {
  for (let shift = 28, at = offset; shift >= 0; shift -= 4) {
    text[at++] = HEX_DIGITS[(half >>> shift) & 15] ?? 0x3f;
    if ((shift & 4) === 0) at++;
  }
}

/** The canonical EUI-64 whose value is `high` · 2^32 + `low` (both unsigned 32-bit). */
export function euiFromHalves(high: number, low: number): Eui64 {
  writeHalf(high, 0);
  writeHalf(low, 12);
  return text.toString('latin1', 0, 23) as Eui64;
}
