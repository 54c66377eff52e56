// Per-command random numbers hashed from (seed, device, command count): no shared generator.
//
// A Device's nth Command always draws the same numbers whatever other Devices are commanded in
// between, so results do not depend on interleaving. A hash costs a few multiplications, which
// keeps `execute` far cheaper than forking a generator per Command.

const TWO_POW_32_INV = 1 / 4294967296;
const GOLDEN = 0x9e3779b9;

/** A 32-bit integer finaliser with good avalanche (the "lowbias32" constants). */
export function mix32(value: number): number {
  let x = value | 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Hash of a string under a 32-bit key (FNV-1a, then mixed). */
export function hashString(key: number, text: string): number {
  let h = (key ^ 0x811c9dc5) >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return mix32(h);
}

/** The stream of the `count`th Command (0-based) to the Device whose hash is `deviceHash`. */
export function commandStream(deviceHash: number, count: number): number {
  return mix32((deviceHash + Math.imul(count + 1, GOLDEN)) | 0);
}

/** The `index`th uniform number in [0, 1) of a stream. */
export function draw(stream: number, index: number): number {
  return mix32((stream + Math.imul(index + 1, 0x6d2b79f5)) | 0) * TWO_POW_32_INV;
}

/** A standard normal value from the stream's first two uniforms (Box–Muller). */
export function standardNormal(stream: number): number {
  return Math.sqrt(-2 * Math.log(1 - draw(stream, 0))) * Math.cos(2 * Math.PI * draw(stream, 1));
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** Every 12-bit value as its two base64 characters, so a payload is eight look-ups. */
const PAIRS: readonly string[] = Array.from(
  { length: 4096 },
  (_, v) => ALPHABET.charAt(v >>> 6) + ALPHABET.charAt(v & 63),
);

const pairsOf = (word24: number): string =>
  (PAIRS[(word24 >>> 12) & 0xfff] ?? '') + (PAIRS[word24 & 0xfff] ?? '');

/**
 * A short synthetic stand-in for a GBCS payload: 12 bytes (a marker, the outcome, the command
 * count and the stream) in base64. It is not GBCS and carries no real data.
 */
export function syntheticPayload(stream: number, count: number, tag: number): string {
  return (
    pairsOf(0xd5_00_00 | ((tag & 0xff) << 8) | (mix32(stream ^ tag) & 0xff)) +
    pairsOf(count & 0xffffff) +
    pairsOf(stream >>> 8) +
    pairsOf(((stream & 0xff) << 16) | (mix32(stream) & 0xffff))
  );
}
