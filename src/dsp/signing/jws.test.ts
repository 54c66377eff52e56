import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCertificateDirectory, parseSigningCertificate } from './certificate.ts';
import { signJws, verifyDetachedJws } from './jws.ts';
import { TEST_KEY } from './test-keys.ts';

const certificate = parseSigningCertificate(TEST_KEY.certificatePem);
const registry = createCertificateDirectory([certificate]);
const PAYLOAD = JSON.stringify({ schemaVersion: '5.4', header: { requestId: 'x' } });

describe('detached JWS (ES256)', () => {
  it('signs as header..signature with kid issuer|serial and verifies', async () => {
    const jws = await signJws(PAYLOAD, TEST_KEY);
    expect(jws).toMatch(/^[\w-]+\.\.[\w-]+$/);
    const header = JSON.parse(Buffer.from(jws.split('.')[0]!, 'base64url').toString()) as object;
    expect(header).toEqual({ alg: 'ES256', kid: `CN=T1,OU=07|${certificate.serial}` });
    expect(await verifyDetachedJws(jws, PAYLOAD, registry)).toMatchObject({
      ok: true,
      signer: { serial: certificate.serial },
    });
  });

  it('refuses a changed payload', async () => {
    const jws = await signJws(PAYLOAD, TEST_KEY);
    const result = await verifyDetachedJws(jws, PAYLOAD.replace('x', 'y'), registry);
    expect(result).toMatchObject({ ok: false, reason: 'bad-signature' });
  });

  it('refuses a signature made with another key under the same kid', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const wrong = {
      ...TEST_KEY,
      privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    };
    const jws = await signJws(PAYLOAD, wrong);
    expect(await verifyDetachedJws(jws, PAYLOAD, registry)).toMatchObject({
      ok: false,
      reason: 'bad-signature',
    });
  });

  it('reports unknown signers, missing and malformed JWS, and other algorithms', async () => {
    const jws = await signJws(PAYLOAD, TEST_KEY);
    expect(await verifyDetachedJws(jws, PAYLOAD, createCertificateDirectory([]))).toMatchObject({
      reason: 'unknown-signer',
    });
    expect(await verifyDetachedJws(undefined, PAYLOAD, registry)).toMatchObject({
      reason: 'unsigned',
    });
    expect(await verifyDetachedJws('a.b.c', PAYLOAD, registry)).toMatchObject({
      reason: 'malformed-signature',
    });
    const hs = Buffer.from(JSON.stringify({ alg: 'HS256', kid: 'x|1' })).toString('base64url');
    expect(await verifyDetachedJws(`${hs}..AAAA`, PAYLOAD, registry)).toMatchObject({
      reason: 'wrong-algorithm',
    });
  });
});
