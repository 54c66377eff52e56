import { describe, expect, it } from 'vitest';
import { createCertificateDirectory, dnMatchKey, parseSigningCertificate } from './certificate.ts';
import { fixture, TEST_KEY } from './test-keys.ts';

describe('parseSigningCertificate', () => {
  it('reads issuer in DUIS form, decimal serial, subject and validity', () => {
    const cert = parseSigningCertificate(TEST_KEY.certificatePem);
    expect(cert.issuer).toBe('CN=T1,OU=07');
    expect(cert.serial).toBe('91487301948829176385');
    expect(cert.subject).toBe('CN=OPENDSP TEST USER 90B3D51F30010000,OU=02');
    expect(cert.validTo.getTime()).toBeGreaterThan(cert.validFrom.getTime());
    expect(cert.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
  });

  it('refuses an RSA certificate with the reason', () => {
    expect(() => parseSigningCertificate(fixture('test-rsa-cert.pem'))).toThrow(/ECDSA P-256.*rsa/);
  });

  it('refuses text that is not a certificate', () => {
    expect(() => parseSigningCertificate('hello')).toThrow(/X\.509/);
  });
});

describe('dnMatchKey and the certificate directory', () => {
  it('matches DNs however they are spaced or ordered', () => {
    expect(dnMatchKey('CN=Z1, OU=07')).toBe(dnMatchKey('OU=07\nCN=Z1'));
    expect(dnMatchKey('cn=Z1,OU=07')).toBe(dnMatchKey('CN=Z1,OU=07'));
    expect(dnMatchKey('CN=Z1,OU=07')).not.toBe(dnMatchKey('CN=Z2,OU=07'));
  });

  it('finds a certificate by issuer and serial (leading zeros in the serial ignored)', () => {
    const cert = parseSigningCertificate(TEST_KEY.certificatePem);
    const resolve = createCertificateDirectory([cert]);
    expect(resolve('CN=T1, OU=07', '091487301948829176385')).toBe(cert);
    expect(resolve('CN=T2,OU=07', cert.serial)).toBeUndefined();
  });
});
