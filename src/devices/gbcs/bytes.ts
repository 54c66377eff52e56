// Byte-level building blocks of GBCS messages: lengths, counters, EUI-64s, DLMS date-times.

/** A growable byte buffer; messages are small (under 300 bytes), so a plain array is cheapest. */
export class ByteWriter {
  readonly bytes: number[] = [];

  u8(value: number): this {
    this.bytes.push(value & 0xff);
    return this;
  }

  u16(value: number): this {
    this.bytes.push((value >>> 8) & 0xff, value & 0xff);
    return this;
  }

  u32(value: number): this {
    this.bytes.push(
      (value >>> 24) & 0xff,
      (value >>> 16) & 0xff,
      (value >>> 8) & 0xff,
      value & 0xff,
    );
    return this;
  }

  /** A big-endian unsigned 64-bit integer (GBCS counters, section 4.3.1). */
  u64(value: bigint): this {
    for (let shift = 56n; shift >= 0n; shift -= 8n)
      this.bytes.push(Number((value >> shift) & 0xffn));
    return this;
  }

  raw(bytes: ArrayLike<number>): this {
    for (let i = 0; i < bytes.length; i++) this.bytes.push((bytes[i] ?? 0) & 0xff);
    return this;
  }

  /** An ASN.1 / DLMS A-XDR length (one byte below 128, else 0x81 / 0x82 and the length). */
  length(value: number): this {
    if (value < 0x80) return this.u8(value);
    if (value < 0x100) return this.u8(0x81).u8(value);
    return this.u8(0x82).u16(value);
  }

  /** A length followed by the bytes it counts. */
  counted(bytes: ArrayLike<number>): this {
    return this.length(bytes.length).raw(bytes);
  }

  get size(): number {
    return this.bytes.length;
  }
}

const EUI64 = /^[0-9A-Fa-f]{2}(?:-?[0-9A-Fa-f]{2}){7}$/;
const EUI_CACHE = new Map<string, readonly number[]>();

/** The eight octets of an EUI-64 written `0A-1B-…` (or without separators); cached, bounded. */
export function euiBytes(eui: string): readonly number[] {
  const known = EUI_CACHE.get(eui);
  if (known !== undefined) return known;
  if (!EUI64.test(eui)) throw new RangeError(`not an EUI-64: ${eui}`);
  const hex = eui.replace(/-/g, '');
  const out: number[] = [];
  for (let i = 0; i < 16; i += 2) out.push(parseInt(hex.slice(i, i + 2), 16));
  if (EUI_CACHE.size >= 100_000) EUI_CACHE.clear();
  EUI_CACHE.set(eui, Object.freeze(out));
  return out;
}

/**
 * A DLMS date-time (IEC 62056-62 / Blue Book 4.1.6.1; the form GBCS message headers and alert
 * time stamps carry): year (2), month, day, day of week, hour, minute, second, hundredths,
 * deviation, clock status; UTC, with day of week, deviation and clock status "not specified"
 * (0xFF, 0x8000, 0xFF) as in the RTDS 4.5.0 vectors (ECS17b, CS14).
 */
export function dlmsDateTime(at: Date): number[] {
  const year = at.getUTCFullYear();
  return [
    (year >>> 8) & 0xff,
    year & 0xff,
    at.getUTCMonth() + 1,
    at.getUTCDate(),
    0xff,
    at.getUTCHours(),
    at.getUTCMinutes(),
    at.getUTCSeconds(),
    0x00,
    0x80,
    0x00,
    0xff,
  ];
}

/** An ASN.1 GeneralizedTime `YYYYMMDDhhmmssZ` (GBCS ASN.1 alerts, e.g. CS06's execution time). */
export function generalizedTime(at: Date): number[] {
  const text = at.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z';
  return Array.from(text, (c) => c.charCodeAt(0));
}

/**
 * A firmware version as the four octets GBCS reads carry (ECS52, GCS38, CS08: OCTET STRING
 * (SIZE(4))). opendsp's versions are `major.minor.patch`; each part is one octet (opendsp's
 * mapping, inferred) and the fourth octet is 0.
 */
export function firmwareOctets(version: string): number[] {
  const parts = version.split('.').map((p) => Number.parseInt(p, 10));
  const out = [0, 0, 0, 0];
  for (let i = 0; i < 3; i++) {
    const v = parts[i];
    out[i] = v !== undefined && Number.isFinite(v) ? Math.min(Math.max(v, 0), 255) : 0;
  }
  return out;
}
