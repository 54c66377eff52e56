// `opendsp users add-cert | new-cert`: register a User's signing certificate; make test ones.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { InvalidValueError, StorageError } from '../../core/errors.ts';
import { parseEui64 } from '../../core/eui64.ts';
import { parseUserRole } from '../../core/roles.ts';
import { createCredentialRegistry } from '../../dsp/credentials.ts';
import { createKeyPair } from '../../dsp/identity.ts';
import { withStore, type Context } from '../context.ts';
import { adminTokenFile } from './serve.ts';

/** Options of `users add-cert`. */
export interface AddCertOptions {
  readonly userId: string;
  readonly role: string;
  /** Base URL of a running `opendsp serve` that owns the store. */
  readonly server?: string;
}

async function readPem(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new InvalidValueError(
      'certificate file',
      file,
      error instanceof Error ? error.message : String(error),
    );
  }
}

/** Registers a certificate, in the store directly or through a running server's admin API. */
export async function addCertCommand(
  context: Context,
  file: string,
  options: AddCertOptions,
): Promise<void> {
  const userId = parseEui64(options.userId, '--user-id');
  const role = parseUserRole(options.role, '--role');
  const pem = await readPem(file);
  if (options.server !== undefined) {
    const token = (await readFile(adminTokenFile(context.dataDir), 'utf8')).trim();
    const response = await fetch(new URL('/admin/credentials', options.server), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ userId, role, certificatePem: pem }),
    }).catch((error: unknown) => {
      throw new StorageError(
        options.server ?? '',
        `cannot reach the server: ${error instanceof Error ? error.message : String(error)}`,
      );
    });
    const text = await response.text();
    if (!response.ok)
      throw new InvalidValueError(
        'certificate',
        file,
        `the server refused it (HTTP ${response.status}): ${text}`,
      );
    context.out(
      `Registered ${file} for User ${userId} (${role}) through ${options.server}: ${text}`,
    );
    return;
  }
  await withStore(context, async (store) => {
    const registry = createCredentialRegistry(await store.credentials());
    const prepared = registry.prepare({ pem, userId, role, at: new Date() });
    await store.addCredential(prepared);
    context.out(
      `Registered the certificate issued by ${prepared.issuer}, serial ${prepared.serial}, for User ${userId} as ${role}`,
    );
  });
}

/** Writes a new test key pair (P-256, self-signed) for a User: `<out>/<name>-key.pem` and `-cert.pem`. */
export async function newCertCommand(
  context: Context,
  options: { readonly subject: string; readonly out: string },
): Promise<void> {
  if (!/^(CN|OU|O|C)=/i.test(options.subject)) {
    throw new InvalidValueError(
      '--subject',
      options.subject,
      'expected a distinguished name such as "CN=Z1,OU=07"',
    );
  }
  const pair = await createKeyPair({ subject: options.subject });
  await mkdir(options.out, { recursive: true });
  const base = options.subject
    .replaceAll(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase();
  const keyFile = path.join(options.out, `${base}-key.pem`);
  const certFile = path.join(options.out, `${base}-cert.pem`);
  await writeFile(keyFile, pair.privateKeyPem, { mode: 0o600 });
  await writeFile(certFile, pair.certificatePem);
  context.out(
    `Wrote ${keyFile} and ${certFile} (test material: a self-signed ECDSA P-256 certificate)`,
  );
}
