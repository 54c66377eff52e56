// `opendsp serve`: runs the DSP over HTTP (DUIS endpoint, pull, admin) until stopped.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadOrCreateDspIdentity } from '../../dsp/identity.ts';
import { openDspRuntime } from '../../dsp/runtime.ts';
import { rulesInForceFor } from '../../governance/index.ts';
import { onConnectionNotice } from '../../store/postgres/session.ts';
import { createServer } from '../../web/server.ts';
import { parseWholeNumber } from '../args.ts';
import { withStore, type Context } from '../context.ts';

/** Where the admin bearer token of a data directory is kept. */
export function adminTokenFile(dataDir: string): string {
  return path.join(dataDir, 'dsp', 'admin-token');
}

async function adminToken(dataDir: string): Promise<string> {
  const file = adminTokenFile(dataDir);
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    const token = randomBytes(24).toString('base64url');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, `${token}\n`, { mode: 0o600 });
    return token;
  }
}

/** Raw options of the serve command. */
export interface ServeCommandOptions {
  readonly port: string;
  readonly host: string;
  readonly seed: string;
}

/** Runs `opendsp serve` until SIGINT or SIGTERM (or `stop` resolves, for tests). */
export async function serveCommand(
  context: Context,
  raw: ServeCommandOptions,
  stop?: Promise<void>,
): Promise<void> {
  const port = parseWholeNumber('--port', raw.port, { min: 0, max: 65_535 });
  const seed = parseWholeNumber('--seed', raw.seed, { min: 0, max: 2 ** 31 - 1 });
  // One line when the database is lost and one when it is back, not one per failed request.
  const unsubscribe = onConnectionNotice((notice) => {
    context.err(`${new Date().toISOString()} ${notice.message}`);
  });
  try {
    await serve(context, { port, host: raw.host, seed }, stop);
  } finally {
    unsubscribe();
  }
}

async function serve(
  context: Context,
  options: { readonly port: number; readonly host: string; readonly seed: number },
  stop: Promise<void> | undefined,
): Promise<void> {
  const { port, seed } = options;
  await withStore(context, async (store) => {
    const identity = await loadOrCreateDspIdentity(context.dataDir);
    const dsp = await openDspRuntime({
      store,
      identity,
      seed,
      rules: rulesInForceFor(context.dataDir),
    });
    const app = createServer({
      dsp,
      store,
      adminToken: await adminToken(context.dataDir),
      ssi: { dataDir: context.dataDir },
    });
    const address = await app.listen({ port, host: options.host });
    dsp.startDelivery();
    context.out(
      `opendsp DSP listening on ${address} (${dsp.devices.toLocaleString('en-GB')} devices, ${dsp.credentials.size} registered certificates)`,
    );
    context.out(`  POST ${address}/duis   admin token: ${adminTokenFile(context.dataDir)}`);
    context.out(
      `  Self Service Interface: ${address}/login   API: ${address}/api/v1   OpenAPI: ${address}/docs`,
    );
    await (stop ??
      new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      }));
    await app.close();
    await dsp.close();
  });
}
