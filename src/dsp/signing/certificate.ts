// DUIS signing certificates: ECDSA P-256 X.509, named by issuer DN and decimal serial.
import { X509Certificate, type KeyObject } from 'node:crypto';
import { InvalidValueError } from '../../core/errors.ts';

/** A User's (or the DSP's) signing certificate, checked to be ECDSA P-256. */
export interface SigningCertificate {
  /** Issuer DN as DUIS writes it (most specific first, comma-separated), e.g. `CN=Z1,OU=07`. */
  readonly issuer: string;
  /** Serial number in decimal. */
  readonly serial: string;
  /** Subject DN in the same form as `issuer`. */
  readonly subject: string;
  readonly validFrom: Date;
  readonly validTo: Date;
  readonly publicKey: KeyObject;
  /** The certificate in PEM. */
  readonly pem: string;
}

/** Node writes DNs one RDN a line in certificate order; DUIS (RFC 4514) reverses and joins. */
function dnFromNode(text: string): string {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .reverse()
    .join(',');
}

function splitDn(dn: string): string[] {
  return dn
    .split(/(?<!\\)[,\n]/)
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

/**
 * A DN in one canonical form for matching: RDNs trimmed, attribute types upper-cased, sorted.
 * `CN=Z1, OU=07`, `CN=Z1,OU=07` and Node's `OU=07\nCN=Z1` all give the same key.
 */
export function dnMatchKey(dn: string): string {
  return splitDn(dn)
    .map((rdn) => {
      const at = rdn.indexOf('=');
      return at === -1
        ? rdn
        : `${rdn.slice(0, at).trim().toUpperCase()}=${rdn.slice(at + 1).trim()}`;
    })
    .sort()
    .join(',');
}

/** Parses a PEM signing certificate; refuses anything but an ECDSA P-256 key, with the reason. */
export function parseSigningCertificate(pem: string): SigningCertificate {
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(pem);
  } catch (error) {
    throw new InvalidValueError(
      'certificate',
      pem.slice(0, 40),
      `not an X.509 certificate in PEM (${(error as Error).message})`,
    );
  }
  const key = cert.publicKey;
  const curve = key.asymmetricKeyDetails?.namedCurve;
  if (key.asymmetricKeyType !== 'ec' || curve !== 'prime256v1') {
    const found =
      key.asymmetricKeyType === 'ec'
        ? `EC ${curve ?? 'unknown curve'}`
        : (key.asymmetricKeyType ?? 'unknown');
    throw new InvalidValueError(
      'certificate',
      dnFromNode(cert.subject),
      `DUIS signing certificates must hold an ECDSA P-256 key; this one holds ${found}`,
    );
  }
  return {
    issuer: dnFromNode(cert.issuer),
    serial: BigInt(`0x${cert.serialNumber}`).toString(),
    subject: dnFromNode(cert.subject),
    validFrom: new Date(cert.validFrom),
    validTo: new Date(cert.validTo),
    publicKey: key,
    pem: cert.toString(),
  };
}

/** Finds a certificate by the issuer and serial a signature names (null when unknown). */
export type CertificateResolver = (
  issuer: string,
  serial: string,
) => SigningCertificate | undefined;

/** A resolver over a fixed list of certificates, matching DNs by {@link dnMatchKey}. */
export function createCertificateDirectory(
  certificates: readonly SigningCertificate[],
): CertificateResolver {
  const byKey = new Map(certificates.map((c) => [`${dnMatchKey(c.issuer)}|${c.serial}`, c]));
  return (issuer, serial) => {
    const decimal = /^\d+$/.test(serial.trim()) ? BigInt(serial.trim()).toString() : serial;
    return byKey.get(`${dnMatchKey(issuer)}|${decimal}`);
  };
}
