// Detached compact JWS (RFC 7515 Appendix F, ES256) for JSON Service Requests and responses.
import { createPrivateKey } from 'node:crypto';
import { CompactSign, base64url, compactVerify, decodeProtectedHeader } from 'jose';
import type { SignerReference } from '../messages.ts';
import {
  parseSigningCertificate,
  type CertificateResolver,
  type SigningCertificate,
} from './certificate.ts';
import type { XmlSigningKey } from './sign-xml.ts';

/** Why a JWS was refused (the XML reasons; a JWS has no separate digest, so no `bad-digest`). */
export type JwsFailure =
  'unsigned' | 'malformed-signature' | 'unknown-signer' | 'bad-signature' | 'wrong-algorithm';

/** The outcome of {@link verifyDetachedJws}. */
export type JwsCheck =
  | {
      readonly ok: true;
      readonly certificate: SigningCertificate;
      readonly signer: SignerReference;
    }
  | { readonly ok: false; readonly reason: JwsFailure; readonly detail: string };

/** The JWS `kid` opendsp writes and reads: `<issuer DN as DUIS writes it>|<decimal serial>`. */
export function kidOf(signer: SignerReference): string {
  return `${signer.issuer}|${signer.serial}`;
}

function signerOfKid(kid: unknown): SignerReference | undefined {
  if (typeof kid !== 'string') return undefined;
  const at = kid.lastIndexOf('|');
  const serial = kid.slice(at + 1);
  if (at <= 0 || !/^\d+$/.test(serial)) return undefined;
  return { issuer: kid.slice(0, at), serial };
}

/**
 * Signs the exact payload text; returns `header..signature` (payload detached: the body travels
 * as the HTTP body, the JWS in a header). Protected header: `{ alg: 'ES256', kid }`.
 */
export async function signJws(payloadText: string, key: XmlSigningKey): Promise<string> {
  const certificate = parseSigningCertificate(key.certificatePem);
  const jws = await new CompactSign(new TextEncoder().encode(payloadText))
    .setProtectedHeader({ alg: 'ES256', kid: kidOf(certificate) })
    .sign(createPrivateKey(key.privateKeyPem));
  const [header = '', , signature = ''] = jws.split('.');
  return `${header}..${signature}`;
}

/** Verifies a detached compact JWS over the payload text; the key is found from `kid`. */
export async function verifyDetachedJws(
  jws: string | undefined,
  payloadText: string,
  resolveCertificate: CertificateResolver,
): Promise<JwsCheck> {
  if (jws === undefined || jws.trim() === '')
    return { ok: false, reason: 'unsigned', detail: 'no JWS was sent' };
  const parts = jws.trim().split('.');
  if (parts.length !== 3 || parts[1] !== '') {
    return {
      ok: false,
      reason: 'malformed-signature',
      detail: 'expected a compact JWS with a detached payload (header..signature)',
    };
  }
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(jws.trim());
  } catch (error) {
    return {
      ok: false,
      reason: 'malformed-signature',
      detail: `unreadable JWS header: ${(error as Error).message}`,
    };
  }
  if (header.alg !== 'ES256')
    return {
      ok: false,
      reason: 'wrong-algorithm',
      detail: `alg ${String(header.alg)} is not accepted; expected ES256`,
    };
  if (header.crit !== undefined || header.b64 !== undefined) {
    return {
      ok: false,
      reason: 'malformed-signature',
      detail: 'crit and b64 header parameters are not accepted',
    };
  }
  const signer = signerOfKid(header.kid);
  if (signer === undefined)
    return {
      ok: false,
      reason: 'malformed-signature',
      detail: 'kid must be "<issuer DN>|<decimal serial>"',
    };
  const certificate = resolveCertificate(signer.issuer, signer.serial);
  if (certificate === undefined) {
    return {
      ok: false,
      reason: 'unknown-signer',
      detail: `no registered certificate has issuer ${signer.issuer} and serial ${signer.serial}`,
    };
  }
  const attached = `${parts[0] ?? ''}.${base64url.encode(payloadText)}.${parts[2] ?? ''}`;
  try {
    await compactVerify(attached, certificate.publicKey, { algorithms: ['ES256'] });
  } catch (error) {
    return {
      ok: false,
      reason: 'bad-signature',
      detail: `the JWS does not verify: ${(error as Error).message}`,
    };
  }
  return { ok: true, certificate, signer };
}
