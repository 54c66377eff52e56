// The DCC Users' signing certificates registered with the DSP, by issuer and serial number.
import { ConflictError, InvalidValueError } from '../core/errors.ts';
import type { Eui64 } from '../core/eui64.ts';
import type { UserRole } from '../core/roles.ts';
import type { UserCredential } from '../store/dsp-port.ts';
import {
  dnMatchKey,
  parseSigningCertificate,
  type CertificateResolver,
  type SigningCertificate,
} from './signing/index.ts';

/** A registered certificate and the User ID and role it signs for. */
export interface Credential {
  readonly certificate: SigningCertificate;
  readonly userId: Eui64;
  readonly role: UserRole;
}

/** A stored credential (as the store keeps it). */
export type StoredCredential = UserCredential;

/** Looks credentials up for signature checks; adds new ones. */
export interface CredentialRegistry {
  /** The credential for an issuer and serial number, or undefined. */
  find(issuer: string, serial: string): Credential | undefined;
  /** A resolver for the signature verifiers. */
  readonly resolver: CertificateResolver;
  /** Parses and checks a PEM certificate for a User; throws if it is not usable or known already. */
  prepare(input: { pem: string; userId: Eui64; role: UserRole; at: Date }): StoredCredential;
  /** Adds a stored credential to the in-memory directory. */
  add(stored: StoredCredential): Credential;
  readonly size: number;
}

const keyOf = (issuer: string, serial: string): string => {
  const s = serial.trim();
  return `${dnMatchKey(issuer)}|${/^\d+$/.test(s) ? BigInt(s).toString() : s}`;
};

/** Creates the registry over the credentials already stored. */
export function createCredentialRegistry(stored: readonly StoredCredential[]): CredentialRegistry {
  const byKey = new Map<string, Credential>();
  const registry: CredentialRegistry = {
    get size() {
      return byKey.size;
    },
    find: (issuer, serial) => byKey.get(keyOf(issuer, serial)),
    resolver: (issuer, serial) => byKey.get(keyOf(issuer, serial))?.certificate,
    prepare({ pem, userId, role, at }) {
      const certificate = parseSigningCertificate(pem);
      if (certificate.validTo.getTime() < at.getTime()) {
        throw new InvalidValueError(
          'certificate',
          certificate.subject,
          `it expired on ${certificate.validTo.toISOString()}`,
        );
      }
      const existing = byKey.get(keyOf(certificate.issuer, certificate.serial));
      if (existing) {
        throw new ConflictError(
          `the certificate issued by ${certificate.issuer} with serial ${certificate.serial} is already registered for User ${existing.userId}`,
        );
      }
      return {
        issuer: certificate.issuer,
        serial: certificate.serial,
        userId,
        role,
        certificatePem: pem,
        addedAt: at,
      };
    },
    add(s) {
      const credential: Credential = {
        certificate: parseSigningCertificate(s.certificatePem),
        userId: s.userId,
        role: s.role,
      };
      byKey.set(keyOf(s.issuer, s.serial), credential);
      return credential;
    },
  };
  for (const s of stored) registry.add(s);
  return registry;
}
