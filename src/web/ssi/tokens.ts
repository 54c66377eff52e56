// Session IDs, CSRF tokens and signed cookie values: random, hashed, compared in constant time.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Signer } from '@fastify/cookie';

/** A new session ID: 256 random bits, base64url (43 characters). */
export function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

/** True when the text could be a session ID (saves a database read for junk cookies). */
export function looksLikeSessionId(text: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(text);
}

/** SHA-256 of a session ID, lower-case hex: what the store keeps instead of the ID. */
export function hashSessionId(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

/** A new CSRF token or secret: 256 random bits, base64url. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Compares two tokens in constant time (for equal lengths); undefined never matches. */
export function sameToken(given: string | undefined, expected: string): boolean {
  if (given === undefined || expected === '') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Signs and checks cookie values with HMAC-SHA256 (@fastify/cookie's signer). */
export interface CookieSigner {
  sign(value: string): string;
  /** The value if the signature is good, else undefined. */
  unsign(signed: string): string | undefined;
}

/** A signer for `secret` (at least 32 characters). */
export function createCookieSigner(secret: string): CookieSigner {
  if (secret.length < 32) throw new RangeError('the cookie secret needs at least 32 characters');
  const signer = new Signer(secret, 'sha256');
  return {
    sign: (value) => signer.sign(value),
    unsign: (signed) => {
      const result = signer.unsign(signed);
      return result.valid ? result.value : undefined;
    },
  };
}
