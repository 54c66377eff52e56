// The DSP's own signing identity (an ECDSA P-256 key and certificate), kept in the data directory.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as x509 from '@peculiar/x509';

/** A private key and certificate in PEM. */
export interface KeyPair {
  readonly privateKeyPem: string;
  readonly certificatePem: string;
}

const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

function pem(label: string, der: ArrayBuffer): string {
  const lines =
    Buffer.from(der)
      .toString('base64')
      .match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** Creates a self-signed P-256 key pair for a subject (test material, like DCC Boxed's ZAZ1 PKI). */
export async function createKeyPair(input: {
  subject: string;
  days?: number;
  serial?: string;
}): Promise<KeyPair> {
  // Node's WebCrypto is the standard Crypto the library expects.
  x509.cryptoProvider.set(webcrypto);
  const keys = await webcrypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
  const serial =
    input.serial ??
    Buffer.from(webcrypto.getRandomValues(new Uint8Array(8)))
      .toString('hex')
      .replace(/^[89a-f]/, '1');
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial,
    name: input.subject,
    notBefore: new Date(Date.now() - 86_400_000),
    notAfter: new Date(Date.now() + (input.days ?? 3650) * 86_400_000),
    signingAlgorithm: ALGORITHM,
    keys,
  });
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  return { privateKeyPem: pem('PRIVATE KEY', pkcs8), certificatePem: certificate.toString('pem') };
}

/** Loads the DSP's key pair from `<dataDir>/dsp/`, creating it on first use. */
export async function loadOrCreateDspIdentity(dataDir: string): Promise<KeyPair> {
  const dir = path.join(dataDir, 'dsp');
  const keyFile = path.join(dir, 'signing-key.pem');
  const certFile = path.join(dir, 'signing-cert.pem');
  try {
    return {
      privateKeyPem: await readFile(keyFile, 'utf8'),
      certificatePem: await readFile(certFile, 'utf8'),
    };
  } catch {
    const pair = await createKeyPair({ subject: 'CN=opendsp DSP,OU=07' });
    await mkdir(dir, { recursive: true });
    await writeFile(keyFile, pair.privateKeyPem, { mode: 0o600 });
    await writeFile(certFile, pair.certificatePem);
    return pair;
  }
}
