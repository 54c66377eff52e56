// A small SSI world for the SSI tests: three organisations, a Change of Supplier, own and others' records.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { AuditRecord } from '../../src/audit/records.ts';
import { eui64FromBigInt, type Eui64 } from '../../src/core/eui64.ts';
import type { Mpxn } from '../../src/core/mpxn.ts';
import type { UserRole } from '../../src/core/roles.ts';
import { createKeyPair } from '../../src/dsp/identity.ts';
import { openDspRuntime, type DspRuntime } from '../../src/dsp/runtime.ts';
import { openStore } from '../../src/store/index.ts';
import type { Store } from '../../src/store/port.ts';
import type { SsiRole } from '../../src/store/ssi-port.ts';
import { createServer } from '../../src/web/server.ts';
import { hashPassword } from '../../src/web/ssi/passwords.ts';

/** User IDs: our supplier (A), the previous supplier (B), the network operator (N). */
export const A = eui64FromBigInt(0x90_b3_d5_1f_30_00_00_0an);
export const B = eui64FromBigInt(0x90_b3_d5_1f_30_00_00_0bn);
export const N = eui64FromBigInt(0x90_b3_d5_1f_30_00_00_0cn);
/** The device A supplies since the Change of Supplier, and one A never had. */
export const DEVICE = eui64FromBigInt(0x00_db_12_34_56_78_90_a4n);
export const OTHER_DEVICE = eui64FromBigInt(0x00_db_12_34_56_78_90_b7n);
const MPAN = '1200000000011' as Mpxn;
const MPAN_2 = '1200000000029' as Mpxn;
/** In every payload: a leak of detail is easy to spot. */
export const SECRET = 'SECRET-DETAIL';
/** Every person's password. */
export const PASSWORD = 'correct horse battery staple';
const DAY = 86_400_000;

/** A running server over the world. */
export interface World {
  readonly base: string;
  /** The server (for tests that inspect its routes). */
  readonly app: FastifyInstance;
  readonly store: Store;
  readonly dataDir: string;
  /** Records by name: `bOld` (B's, before the CoS), `aOwn` (A's), `bElsewhere` (B's, other device). */
  readonly records: Readonly<Record<'bOld' | 'aOwn' | 'bElsewhere', AuditRecord>>;
  close(): Promise<void>;
}

let counter = 5000n;

function rec(
  kind: 'request' | 'response',
  who: { id: Eui64; role: UserRole },
  place: { device: Eui64; mpxn: Mpxn; at: Date },
): AuditRecord {
  counter += 1n;
  const requestId = `${who.id}:${place.device}:${counter}`;
  return {
    kind,
    id: counter,
    at: place.at,
    requestId,
    deviceId: place.device,
    mpxn: place.mpxn,
    serviceReference: '8.8',
    srv: '8.8.1',
    srvName: 'Unjoin Service (Non-Critical)',
    code: kind === 'request' ? null : 'I0',
    outcome: kind === 'request' ? 'pending' : 'success',
    originatorRole: who.role,
    roundTripMs: kind === 'request' ? null : 700,
    originatorId: who.id,
    recipientId: kind === 'request' ? null : who.id,
    payload: `<sr:Request>${requestId} ${SECRET}</sr:Request>`,
    format: 'xml',
    metadata: { note: SECRET, signer: `CN=${who.id}` },
  };
}

async function seed(store: Store, now: number): Promise<World['records']> {
  await store.insertUsers([
    { userId: A, role: 'ImportSupplier', partyId: 'SUPA', partyName: 'Alpha Energy' },
    { userId: B, role: 'ImportSupplier', partyId: 'SUPB', partyName: 'Beta Power' },
    { userId: N, role: 'ElectricityDistributor', partyId: 'DNOX', partyName: 'Xnet' },
  ]);
  const cos = new Date(now - 20 * DAY);
  await store.insertRegistrations([
    { mpxn: MPAN, role: 'ImportSupplier', userId: B, from: new Date(now - 400 * DAY), to: cos },
    { mpxn: MPAN, role: 'ImportSupplier', userId: A, from: cos, to: null },
    {
      mpxn: MPAN,
      role: 'ElectricityDistributor',
      userId: N,
      from: new Date(now - 400 * DAY),
      to: null,
    },
    { mpxn: MPAN_2, role: 'ImportSupplier', userId: B, from: new Date(now - 400 * DAY), to: null },
  ]);
  const b = { id: B, role: 'ImportSupplier' as const };
  const a = { id: A, role: 'ImportSupplier' as const };
  const bOld = rec('response', b, { device: DEVICE, mpxn: MPAN, at: new Date(now - 30 * DAY) });
  const aOwn = rec('response', a, { device: DEVICE, mpxn: MPAN, at: new Date(now - 10 * DAY) });
  const bElsewhere = rec('response', b, {
    device: OTHER_DEVICE,
    mpxn: MPAN_2,
    at: new Date(now - 5 * DAY),
  });
  const aRequest = rec('request', a, {
    device: DEVICE,
    mpxn: MPAN,
    at: new Date(now - 10 * DAY - 1000),
  });
  await store.appendAudit([bOld, aRequest, aOwn, bElsewhere]);
  return { bOld, aOwn, bElsewhere };
}

/** A person to add: email local part, organisation and SSI roles. */
const PEOPLE: readonly [string, string, readonly SsiRole[]][] = [
  ['alice@alpha.example', 'SUPA', ['senior-responsible-officer', 'viewer']],
  ['victor@alpha.example', 'SUPA', ['viewer']],
  ['bob@beta.example', 'SUPB', ['viewer']],
  ['admin@alpha.example', 'SUPA', ['organisation-administrator']],
];

/** Builds the world and starts the server (with the SSI) on a free port. */
export async function startWorld(options: { readonly exportLimit?: number } = {}): Promise<World> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'opendsp-ssi-'));
  const store = await openStore({ dataDir });
  const now = Date.now();
  const records = await seed(store, now);
  for (const [id, name] of [
    ['SUPA', 'Alpha Energy'],
    ['SUPB', 'Beta Power'],
  ] as const) {
    await store.addOrganisation({ id, name, createdAt: new Date(now) });
  }
  const passwordHash = await hashPassword(PASSWORD);
  for (const [email, organisationId, roles] of PEOPLE) {
    const name = email.split('@')[0] ?? email;
    await store.addPerson({
      id: `p-${name}`,
      organisationId,
      name,
      email,
      passwordHash,
      roles: [...roles].sort(),
      failedLogins: 0,
      failuresSince: null,
      lockedUntil: null,
      createdAt: new Date(now),
    });
  }
  const dsp: DspRuntime = await openDspRuntime({
    store,
    identity: await createKeyPair({ subject: 'CN=opendsp DSP,OU=07' }),
    seed: 1,
  });
  const app: FastifyInstance = createServer({
    dsp,
    store,
    adminToken: 'x',
    ssi: { dataDir, exportLimit: options.exportLimit, auth: { secureCookies: false } },
  });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    base,
    app,
    store,
    dataDir,
    records,
    async close() {
      await app.close();
      await dsp.close();
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The cookies a response sets, as one Cookie header value (name=value pairs). */
function cookiesOf(response: Response): string[] {
  return response.headers.getSetCookie().map((c) => c.split(';')[0] ?? '');
}

/** Signs in over HTTP like a browser; returns the Cookie header that carries the session. */
export async function signIn(base: string, email: string, password = PASSWORD): Promise<string> {
  const form = await fetch(`${base}/login`);
  const token = /name="csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const response = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: cookiesOf(form).join('; '),
    },
    body: new URLSearchParams({ csrf: token, email, password, next: '/ssi' }).toString(),
  });
  if (response.status !== 303) throw new Error(`sign-in refused: ${response.status}`);
  return cookiesOf(response)
    .filter((c) => c.startsWith('opendsp_session='))
    .join('; ');
}
