import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCertificateDirectory, parseSigningCertificate } from './certificate.ts';
import { signXml } from './sign-xml.ts';
import { fixture, TEST_KEY } from './test-keys.ts';
import { verifyXmlSignature } from './verify-xml.ts';

const REQUEST = fixture('xmlsec1-template-exc-c14n.xml').replace(
  /<ds:Signature>[\s\S]*<\/ds:Signature>/,
  '',
);
const certificate = parseSigningCertificate(TEST_KEY.certificatePem);
const registry = createCertificateDirectory([certificate]);

describe('signXml / verifyXmlSignature', () => {
  const signed = signXml(REQUEST, TEST_KEY);

  it('appends one enveloped ds:Signature as the last child of the root, naming the certificate', () => {
    expect(signed.startsWith(REQUEST.slice(0, REQUEST.lastIndexOf('</sr:Request>')))).toBe(true);
    expect(signed).toMatch(/<\/ds:Signature><\/sr:Request>\s*$/);
    expect(signed).toContain('<ds:X509IssuerName>CN=T1,OU=07</ds:X509IssuerName>');
    expect(signed).toContain(`<ds:X509SerialNumber>${certificate.serial}</ds:X509SerialNumber>`);
    const value = /<ds:SignatureValue>([^<]*)</.exec(signed)?.[1] ?? '';
    expect(Buffer.from(value, 'base64')).toHaveLength(64);
  });

  it('verifies its own signature and returns the certificate', () => {
    const result = verifyXmlSignature(signed, registry);
    expect(result).toMatchObject({ ok: true, certificate: { serial: certificate.serial } });
  });

  it('accepts a SignatureValue broken by whitespace and &#13; line breaks', () => {
    const broken = signed.replace(/(<ds:SignatureValue>[^<]{20})/, '$1&#13;\n  ');
    expect(verifyXmlSignature(broken, registry).ok).toBe(true);
  });

  it('refuses a changed field as bad-digest', () => {
    const tampered = signed.replace('00-DB-12-34-56-78-90-A5', '00-DB-12-34-56-78-90-A6');
    expect(verifyXmlSignature(tampered, registry)).toMatchObject({
      ok: false,
      reason: 'bad-digest',
    });
  });

  it('refuses a changed SignatureValue as bad-signature', () => {
    const tampered = signed.replace(
      /<ds:SignatureValue>(.)/,
      (_m, c: string) => `<ds:SignatureValue>${c === 'A' ? 'B' : 'A'}`,
    );
    expect(verifyXmlSignature(tampered, registry)).toMatchObject({
      ok: false,
      reason: 'bad-signature',
    });
  });

  it('refuses an unknown issuer or serial as unknown-signer', () => {
    expect(verifyXmlSignature(signed, createCertificateDirectory([]))).toMatchObject({
      ok: false,
      reason: 'unknown-signer',
    });
    const otherSerial = signed.replace(certificate.serial, '12345');
    expect(verifyXmlSignature(otherSerial, registry)).toMatchObject({
      ok: false,
      reason: 'unknown-signer',
    });
  });

  it('reports an unsigned message as unsigned', () => {
    expect(verifyXmlSignature(REQUEST, registry)).toMatchObject({ ok: false, reason: 'unsigned' });
  });

  it('refuses a signature moved inside the Body (wrapping)', () => {
    const sig = /<ds:Signature[\s\S]*<\/ds:Signature>/.exec(signed)?.[0] ?? '';
    const moved = signed.replace(sig, '').replace('</sr:Body>', `${sig}</sr:Body>`);
    expect(verifyXmlSignature(moved, registry)).toMatchObject({
      ok: false,
      reason: 'malformed-signature',
    });
  });

  it('refuses a wrapped document: the signed original hidden beside a forged body', () => {
    const forged = signed
      .replace('<sr:Body>', '<sr:Body><sr:Wrapper>')
      .replace('</sr:Body>', '</sr:Wrapper></sr:Body>');
    expect(verifyXmlSignature(forged, registry).ok).toBe(false);
    const twice = signed.replace('</sr:Request>', '').concat('</sr:Request>');
    const two = twice.replace(
      /<\/ds:Signature>/,
      '</ds:Signature><ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"/>',
    );
    expect(verifyXmlSignature(two, registry)).toMatchObject({
      ok: false,
      reason: 'malformed-signature',
    });
  });

  it('refuses a Reference that does not cover the whole document', () => {
    const partial = signed.replace('URI=""', 'URI="#body"');
    expect(verifyXmlSignature(partial, registry)).toMatchObject({
      ok: false,
      reason: 'malformed-signature',
    });
  });

  it('refuses other algorithms as wrong-algorithm', () => {
    const rsa = signed.replace('xmldsig-more#ecdsa-sha256', 'xmldsig-more#rsa-sha256');
    expect(verifyXmlSignature(rsa, registry)).toMatchObject({
      ok: false,
      reason: 'wrong-algorithm',
    });
    const sha1 = signed.replace('xmlenc#sha256', 'xmldsig#sha1');
    expect(verifyXmlSignature(sha1, registry)).toMatchObject({
      ok: false,
      reason: 'wrong-algorithm',
    });
  });

  it('refuses to sign with a key that is not P-256', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
    const key = {
      ...TEST_KEY,
      privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    };
    expect(() => signXml(REQUEST, key)).toThrow(/P-256/);
  });
});
