// Test-only key material from test/fixtures/duis (throw-away P-256 pair and an RSA certificate).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The folder of DUIS test fixtures. */
export const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/duis/', import.meta.url));

/** Reads a fixture file as text. */
export const fixture = (name: string): string => readFileSync(`${FIXTURES}${name}`, 'utf8');

/** The test User's key pair (PEM). */
export const TEST_KEY = {
  privateKeyPem: fixture('test-user-key.pem'),
  certificatePem: fixture('test-user-cert.pem'),
};
