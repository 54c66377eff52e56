// Interoperability with xmlsec1 (libxmlsec1 + OpenSSL), a signing tool independent of opendsp.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseServiceRequestXml } from '../duis/parse-request-xml.ts';
import { createCertificateDirectory, parseSigningCertificate } from './certificate.ts';
import { signXml } from './sign-xml.ts';
import { FIXTURES, fixture, TEST_KEY } from './test-keys.ts';
import { verifyXmlSignature } from './verify-xml.ts';

const registry = createCertificateDirectory([parseSigningCertificate(TEST_KEY.certificatePem)]);

function hasXmlsec1(): boolean {
  try {
    execFileSync('xmlsec1', ['--version'], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  }
}
const xmlsec1 = hasXmlsec1();
if (!xmlsec1)
  console.warn('cross-tool live tests skipped: xmlsec1 is not on PATH (apt-get install xmlsec1)');

describe('requests signed once by xmlsec1 (committed fixtures)', () => {
  for (const name of ['xmlsec1-signed-exc-c14n.xml', 'xmlsec1-signed-enveloped-only.xml']) {
    it(`verifies ${name} and parses it with its signer`, () => {
      const text = fixture(name);
      expect(verifyXmlSignature(text, registry)).toMatchObject({ ok: true });
      const parsed = parseServiceRequestXml(text);
      expect(parsed).toMatchObject({
        ok: true,
        request: { srv: '8.8.2', signer: { issuer: 'CN=T1,OU=07' } },
      });
    });

    it(`refuses ${name} once a field is changed`, () => {
      const tampered = fixture(name).replace('00-DB-12-34-56-78-90-A5', '00-DB-12-34-56-78-90-A6');
      expect(verifyXmlSignature(tampered, registry)).toMatchObject({
        ok: false,
        reason: 'bad-digest',
      });
    });
  }
});

describe.skipIf(!xmlsec1)('xmlsec1 live (skipped when xmlsec1 is not on PATH)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'opendsp-xmlsec-'));
  const run = (args: string[]) => execFileSync('xmlsec1', args, { stdio: 'pipe' }).toString();

  it('xmlsec1 accepts a signature made by signXml', () => {
    const unsigned = fixture('xmlsec1-template-exc-c14n.xml').replace(
      /<ds:Signature>[\s\S]*<\/ds:Signature>/,
      '',
    );
    const file = join(dir, 'opendsp-signed.xml');
    writeFileSync(file, signXml(unsigned, TEST_KEY));
    expect(() =>
      run(['--verify', '--pubkey-cert-pem', `${FIXTURES}test-user-cert.pem`, file]),
    ).not.toThrow();
  });

  it('signXml-independent: a request xmlsec1 signs now verifies here', () => {
    for (const template of [
      'xmlsec1-template-exc-c14n.xml',
      'xmlsec1-template-enveloped-only.xml',
    ]) {
      const out = join(dir, `now-${template}`);
      const key = `${FIXTURES}test-user-key.pem,${FIXTURES}test-user-cert.pem`;
      run(['--sign', '--privkey-pem', key, '--output', out, `${FIXTURES}${template}`]);
      const text = readFileSync(out, 'utf8');
      expect(verifyXmlSignature(text, registry)).toMatchObject({ ok: true });
    }
  });
});
