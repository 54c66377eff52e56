// Deterministic test keys (per EUI-64, from the run's seed) and the GBCS section 4 crypto built on them.
import {
  createCipheriv,
  createECDH,
  createHash,
  createHmac,
  createPrivateKey,
  createPublicKey,
  type KeyObject,
} from 'node:crypto';
import { hashString } from '../stream.ts';

/** GBCS key usages: Key Agreement (MACs and encryption) and Digital Signature. */
export type KeyUsage = 'KA' | 'DS';

/** Order of the P-256 group (SEC 2, secp256r1). */
const N = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

const toBig = (bytes: Uint8Array): bigint => BigInt('0x' + Buffer.from(bytes).toString('hex'));
const toBytes32 = (value: bigint): Buffer =>
  Buffer.from(value.toString(16).padStart(64, '0'), 'hex');
const b64url = (bytes: Uint8Array): string => Buffer.from(bytes).toString('base64url');

/** One party's test key pair: the raw P-256 private scalar and the uncompressed public point. */
export interface TestKeyPair {
  readonly privateScalar: Buffer;
  readonly publicPoint: Buffer;
}

/** How many key pairs per usage a run derives; every party uses the one its EUI-64 hashes to. */
export const KEY_SLOTS = 64;

/**
 * Test keys for a run. A P-256 key agreement (or signing) computation costs 50–150 µs, so
 * instead of one key pair per Device (a scalar multiplication for every Device first heard
 * from, seconds over an estate) a run derives KEY_SLOTS pairs per usage from its seed (SHA-256
 * of a label, the seed, the usage and the slot, rehashed in the rare case it is not a valid
 * scalar) and every party (Device, DCC Access Control Broker, User) uses the pair its EUI-64
 * hashes to; the ECDH secrets of slot pairs are cached (at most KEY_SLOTS² of them). Anyone who
 * knows the seed can rebuild a party's keys (keyObjects) to check MACs, decrypt and verify
 * signatures; the keys are not secret and never stand for real device keys.
 */
export class TestKeyStore {
  private readonly pairs = new Map<string, TestKeyPair>();
  private readonly secrets = new Map<number, Buffer>();

  constructor(readonly seed: number) {}

  /** The slot an EUI-64 (with or without separators, any case) uses for a usage. */
  slotOf(eui: string, usage: KeyUsage): number {
    return (
      hashString(
        this.seed ^ (usage === 'KA' ? 0x4b41 : 0x4453),
        eui.replace(/-/g, '').toUpperCase(),
      ) % KEY_SLOTS
    );
  }

  pair(eui: string, usage: KeyUsage): TestKeyPair {
    return this.slotPair(this.slotOf(eui, usage), usage);
  }

  private slotPair(slot: number, usage: KeyUsage): TestKeyPair {
    const id = `${usage}|${slot}`;
    const known = this.pairs.get(id);
    if (known !== undefined) return known;
    let digest = createHash('sha256').update(`opendsp GBCS test key|${this.seed}|${id}`).digest();
    while (toBig(digest) === 0n || toBig(digest) >= N)
      digest = createHash('sha256').update(digest).digest();
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(digest);
    const pair = { privateScalar: digest, publicPoint: ecdh.getPublicKey() };
    this.pairs.set(id, pair);
    return pair;
  }

  /** The ECDH shared secret (x coordinate) of two parties' KA keys, GBCS 4.3.3. */
  sharedSecret(ownEui: string, otherEui: string): Buffer {
    const own = this.slotOf(ownEui, 'KA');
    const other = this.slotOf(otherEui, 'KA');
    const id = own * KEY_SLOTS + other;
    const known = this.secrets.get(id);
    if (known !== undefined) return known;
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(this.slotPair(own, 'KA').privateScalar);
    const secret = ecdh.computeSecret(this.slotPair(other, 'KA').publicPoint);
    this.secrets.set(id, secret);
    return secret;
  }

  /** The pair as Node KeyObjects (for tests and for Users checking opendsp's payloads). */
  keyObjects(eui: string, usage: KeyUsage): { privateKey: KeyObject; publicKey: KeyObject } {
    const { privateScalar, publicPoint } = this.pair(eui, usage);
    const jwk = {
      kty: 'EC',
      crv: 'P-256',
      x: b64url(publicPoint.subarray(1, 33)),
      y: b64url(publicPoint.subarray(33, 65)),
    };
    return {
      privateKey: createPrivateKey({ key: { ...jwk, d: b64url(privateScalar) }, format: 'jwk' }),
      publicKey: createPublicKey({ key: jwk, format: 'jwk' }),
    };
  }
}

/** The KDF's message type octet (GBCS 4.3.3.4 OtherInfo): response, alert, or payload encryption. */
export type KdfMode = 'response' | 'alert' | 'encryption';
const MODE_OCTET: Readonly<Record<KdfMode, number>> = {
  response: 0x02,
  alert: 0x03,
  encryption: 0x04,
};

/** The OtherInfo parties of one message's key: system titles (8 octets) and the counter. */
export interface KdfParties {
  readonly originator: readonly number[];
  readonly counter: bigint;
  readonly recipient: readonly number[];
}

/**
 * The AES-128 key of one message (GBCS 4.3.3.4, NIST SP 800-56A single-step KDF with SHA-256):
 * SHA-256(00 00 00 01 ‖ Z ‖ OtherInfo), first 16 octets, where OtherInfo = AlgorithmID
 * (60 85 74 06 08 03 00) ‖ originator system title ‖ 09 ‖ message type ‖ counter ‖ recipient.
 */
export function deriveMessageKey(
  secret: Buffer,
  mode: KdfMode,
  { originator, counter, recipient }: KdfParties,
): Buffer {
  const other = Buffer.alloc(33);
  other.set([0x60, 0x85, 0x74, 0x06, 0x08, 0x03, 0x00], 0);
  other.set(originator, 7);
  other[15] = 0x09;
  other[16] = MODE_OCTET[mode];
  other.writeBigUInt64BE(counter, 17);
  other.set(recipient, 25);
  return createHash('sha256')
    .update(Buffer.of(0, 0, 0, 1))
    .update(secret)
    .update(other)
    .digest()
    .subarray(0, 16);
}

/** The 12-octet initialisation vector: the originator's system title and four zero octets. */
function ivOf(originator: readonly number[]): Buffer {
  const iv = Buffer.alloc(12);
  iv.set(originator, 0);
  return iv;
}

/** AES-128-GCM with a 12-octet tag over no plaintext: the MAC of GBCS's General Ciphering. */
export function gcmMac(key: Buffer, originator: readonly number[], aad: Buffer): Buffer {
  const cipher = createCipheriv('aes-128-gcm', key, ivOf(originator), { authTagLength: 12 });
  cipher.setAAD(aad);
  cipher.final();
  return cipher.getAuthTag();
}

/** AES-128-GCM encryption of a protected payload (security control 0x31 as the AAD): ciphertext ‖ tag. */
export function gcmEncrypt(
  key: Buffer,
  originator: readonly number[],
  plain: readonly number[],
): Buffer {
  const cipher = createCipheriv('aes-128-gcm', key, ivOf(originator), { authTagLength: 12 });
  cipher.setAAD(Buffer.of(0x31));
  const body = cipher.update(Buffer.from(plain));
  cipher.final();
  return Buffer.concat([body, cipher.getAuthTag()]);
}

function modInverse(value: bigint, modulus: bigint): bigint {
  let [a, b, x0, x1] = [((value % modulus) + modulus) % modulus, modulus, 1n, 0n];
  while (b !== 0n) {
    const q = a / b;
    [a, b] = [b, a - q * b];
    [x0, x1] = [x1, x0 - q * x1];
  }
  return ((x0 % modulus) + modulus) % modulus;
}

/**
 * ECDSA P-256 / SHA-256 signature as r ‖ s (64 octets, GBCS 4.3.2), with a nonce derived from the
 * key and the message (HMAC-SHA256, in the spirit of RFC 6979 but simpler) so the same message
 * gets the same signature. Node's own signer draws a random nonce, which would break the
 * simulator's determinism. k·G comes from Node's ECDH (k as a private key, its public point).
 */
export function signDeterministic(pair: TestKeyPair, message: Buffer): Buffer {
  const digest = createHash('sha256').update(message).digest();
  const z = toBig(digest) % N;
  const d = toBig(pair.privateScalar);
  for (let attempt = 0; ; attempt++) {
    const k =
      (toBig(
        createHmac('sha256', pair.privateScalar).update(digest).update(Buffer.of(attempt)).digest(),
      ) %
        (N - 1n)) +
      1n;
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(toBytes32(k));
    const r = toBig(ecdh.getPublicKey().subarray(1, 33)) % N;
    const s = (modInverse(k, N) * (z + r * d)) % N;
    if (r !== 0n && s !== 0n) return Buffer.concat([toBytes32(r), toBytes32(s)]);
  }
}
