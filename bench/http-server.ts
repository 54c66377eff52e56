// Child process of the HTTP bench: serves POST /duis on 127.0.0.1, port 0, until SIGTERM.
//   http-server.ts dsp DIR DEVICES: the DSP as `opendsp serve` runs it (openDspRuntime and
//     createServer) over a freshly seeded DuckDB store. One originator User per connection (the
//     estate's Import Suppliers), each with its own key and registered certificate, and the
//     commissioned SMETS2 meters it supplies now, written to DIR/plan.json for the load
//     generator, which signs the requests itself before it starts (so this profile is serving).
//     Delivery to Users' endpoints is not started (none are registered): the figure is intake.
//   http-server.ts bare: the baseline (see bench/http-bare.ts).
// Prints one JSON line once listening: { url, planFile? }.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Eui64 } from '../src/core/eui64.ts';
import { createKeyPair } from '../src/dsp/identity.ts';
import { openDspRuntime } from '../src/dsp/runtime.ts';
import { openStore, type Estate } from '../src/store/index.ts';
import { createServer } from '../src/web/server.ts';
import { seedEstate } from '../src/workload/seed.ts';
import { createBareServer } from './http-bare.ts';
import type { LoadPlan } from './http-load.ts';

/** Import Suppliers and the commissioned SMETS2 electricity meters they supply now. */
function suppliedMeters(estate: Estate, now: number): Map<Eui64, Eui64[]> {
  const supplierOf = new Map<string, Eui64>();
  for (const r of estate.registrations) {
    if (r.role !== 'ImportSupplier' || r.from.getTime() > now) continue;
    if (r.to !== null && r.to.getTime() <= now) continue;
    supplierOf.set(r.mpxn, r.userId);
  }
  const meters = new Map<Eui64, Eui64[]>();
  for (const d of estate.devices) {
    if (d.type !== 'ESME' || d.status !== 'Commissioned' || d.smets !== 'SMETS2') continue;
    const supplier = d.mpxn === null ? undefined : supplierOf.get(d.mpxn);
    if (supplier === undefined) continue;
    const list = meters.get(supplier);
    if (list === undefined) meters.set(supplier, [d.id]);
    else if (list.length < 1_000) list.push(d.id);
  }
  return meters;
}

async function startDsp(
  dir: string,
  deviceCount: number,
): Promise<{ app: FastifyInstance; ready: object; close: () => Promise<void> }> {
  const store = await openStore({ dataDir: path.join(dir, 'store') });
  await seedEstate({
    store,
    devices: deviceCount,
    seed: 1,
    asOf: new Date(Date.now() - 86_400_000),
  });
  const meters = suppliedMeters(await store.loadEstate(), Date.now());
  const dsp = await openDspRuntime({
    store,
    identity: await createKeyPair({ subject: 'CN=opendsp DSP,OU=07' }),
    seed: 1,
  });
  const plan: LoadPlan = { users: [] };
  for (const [i, [userId, meterIds]] of [...meters].entries()) {
    const keys = await createKeyPair({ subject: `CN=bench user ${i},OU=07` });
    await dsp.registerCredential({ pem: keys.certificatePem, userId, role: 'ImportSupplier' });
    plan.users.push({ userId, devices: meterIds, key: keys });
  }
  const planFile = path.join(dir, 'plan.json');
  await writeFile(planFile, JSON.stringify(plan));
  const app = createServer({ dsp, store, adminToken: 'bench' });
  return {
    app,
    ready: { planFile },
    close: async () => {
      await app.close();
      await dsp.close();
      await store.close();
    },
  };
}

const [mode = 'bare', dir = '.', devices = '200000'] = process.argv.slice(2);
const bare = (): { app: FastifyInstance; ready: object; close: () => Promise<void> } => {
  const app = createBareServer();
  return { app, ready: {}, close: () => app.close() };
};
const server = mode === 'dsp' ? await startDsp(dir, Number(devices)) : bare();
const url = await server.app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${JSON.stringify({ url, ...server.ready })}\n`);
await new Promise<void>((resolve) => process.once('SIGTERM', resolve));
await server.close();
