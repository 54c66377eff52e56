// Password hashing (scrypt, memory-hard) and the password policy for SSI accounts.
//
// scrypt from node:crypto rather than argon2id: Node 20 has no built-in argon2 (it came in
// Node 24.7), and the npm argon2 packages are native addons (prebuilt binaries or a compiler),
// which this project avoids. scrypt with N=2^15, r=8 costs 32 MiB and ~50 ms a hash, OWASP's
// recommended floor. The stored string names the algorithm and parameters, so they can rise
// later without invalidating existing hashes.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/** Fewest characters a password may have. */
export const PASSWORD_MIN_LENGTH = 12;
/** Most characters (a long password costs scrypt nothing, but bounds the request). */
export const PASSWORD_MAX_LENGTH = 1024;

const LOG_N = 15;
const R = 8;
const P = 1;
const KEY_BYTES = 64;
const SALT_BYTES = 16;
const FORMAT =
  /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

function derive(password: string, salt: Buffer, options: ScryptOptions & { N: number }) {
  return new Promise<Buffer>((resolve, reject) => {
    // maxmem: scrypt needs 128·N·r bytes; Node's default cap (32 MiB) is exactly that, too tight.
    const limits = { ...options, maxmem: 256 * options.N * (options.r ?? R) };
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, limits, (error, key) => {
      if (error) reject(error);
      else resolve(key);
    });
  });
}

/** Why a password is refused, in words for the person choosing it; empty when it is fine. */
export function passwordProblems(password: string): string[] {
  const problems: string[] = [];
  const length = Array.from(password.normalize('NFC')).length; // code points, as NIST counts
  if (length < PASSWORD_MIN_LENGTH) {
    problems.push(`use at least ${PASSWORD_MIN_LENGTH} characters (this one has ${length})`);
  }
  if (length > PASSWORD_MAX_LENGTH) {
    problems.push(`use at most ${PASSWORD_MAX_LENGTH} characters`);
  }
  if (password.trim() === '') problems.push('use something other than spaces');
  return problems;
}

/** Hashes a password: `$scrypt$ln=15,r=8,p=1$<salt>$<key>` (base64, unpadded). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, { N: 2 ** LOG_N, r: R, p: P });
  const b64 = (bytes: Buffer) => bytes.toString('base64').replace(/=+$/, '');
  return `$scrypt$ln=${LOG_N},r=${R},p=${P}$${b64(salt)}$${b64(key)}`;
}

/**
 * True when the password matches the stored hash, compared in constant time. A hash that is
 * not in the format (or has absurd parameters) never matches.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const m = FORMAT.exec(stored);
  if (m === null) return false;
  const [logN, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (logN < 10 || logN > 20 || r < 1 || r > 32 || p < 1 || p > 16) return false;
  const expected = Buffer.from(m[5] ?? '', 'base64');
  const key = await derive(password, Buffer.from(m[4] ?? '', 'base64'), { N: 2 ** logN, r, p });
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/**
 * A hash of a random password, verified against when an email is unknown so that a wrong
 * email takes as long as a wrong password.
 */
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword(randomBytes(32).toString('hex'));
  return decoy;
}
let decoy: Promise<string> | undefined;
