// Pull and acknowledge over HTTP: nothing lost to a dropped answer, nothing replayable; and a
// hanging push endpoint that holds up nobody else.
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createFixedClock } from '../src/core/clock.ts';
import { createKeyPair, type KeyPair } from '../src/dsp/identity.ts';
import { openDspRuntime, type DspRuntime } from '../src/dsp/runtime.ts';
import { OPERATOR, SUPPLIER, outbound } from '../src/store/audit.fixtures.ts';
import { createDuckDbStore } from '../src/store/index.ts';
import type { Store } from '../src/store/port.ts';
import { createServer } from '../src/web/server.ts';
import { idsOf, send, signedHeaders, signedSend } from './support/pull.ts';

const clock = createFixedClock(new Date());
const LEASE_MS = 30_000;
let store: Store;
let dsp: DspRuntime;
let app: FastifyInstance;
let base: string;
let supplierKeys: KeyPair;
let operatorKeys: KeyPair;
let batch = 0;

const pullTarget = `/users/${SUPPLIER}/messages`;
const ackTarget = `${pullTarget}/ack`;
/** Each test's messages get IDs of their own (the store lives across tests). */
const queue = async (n: number, recipient = SUPPLIER): Promise<string[]> => {
  const first = (batch += 100);
  const messages = Array.from({ length: n }, (_, i) => outbound(first + i, recipient));
  await store.enqueueOutbound(messages);
  return messages.map((m) => m.id);
};
const pull = (key: KeyPair = supplierKeys) =>
  signedSend(base, { method: 'GET', target: pullTarget, key, time: clock.now() });
const ack = (ids: readonly string[], key: KeyPair = supplierKeys) =>
  signedSend(base, {
    method: 'POST',
    target: ackTarget,
    key,
    body: JSON.stringify({ ids }),
    time: clock.now(),
  });

beforeAll(async () => {
  [supplierKeys, operatorKeys] = await Promise.all([
    createKeyPair({ subject: 'CN=Z1,OU=07' }),
    createKeyPair({ subject: 'CN=Z2,OU=07' }),
  ]);
  store = await createDuckDbStore({ path: ':memory:' });
  await store.migrate();
  const identity = await createKeyPair({ subject: 'CN=opendsp DSP,OU=07' });
  dsp = await openDspRuntime({ store, identity, clock, pull: { leaseMs: LEASE_MS } });
  await dsp.registerCredential({
    pem: supplierKeys.certificatePem,
    userId: SUPPLIER,
    role: 'ImportSupplier',
  });
  await dsp.registerCredential({
    pem: operatorKeys.certificatePem,
    userId: OPERATOR,
    role: 'ElectricityDistributor',
  });
  app = createServer({ dsp, store, adminToken: 'test-admin-token' });
  base = await app.listen({ port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  await app.close();
  await dsp.close();
  await store.close();
});

beforeEach(async () => {
  // Leave whatever an earlier test left behind: acknowledge it all.
  clock.advance(LEASE_MS + 1);
  const left = idsOf(await pull());
  if (left.length > 0) await ack(left);
  clock.advance(1_000);
});

describe('pull and acknowledge', () => {
  it('hands the same messages out again after a dropped answer, once the lease ends', async () => {
    const ids = await queue(3);
    // The User's client pulls, and the answer never reaches it (it is thrown away here).
    expect(idsOf(await pull())).toEqual(ids);
    clock.advance(1_000);
    // Within the lease, a second pull does not get them (it could be running beside the first)…
    expect(idsOf(await pull())).toEqual([]);
    // …after it, the retried pull gets every one of them again.
    clock.advance(LEASE_MS);
    const again = await pull();
    expect(again.status).toBe(200);
    expect(idsOf(again)).toEqual(ids);
    expect(again.json['leasedUntil']).toBe(
      new Date(clock.now().getTime() + LEASE_MS).toISOString(),
    );
  });

  it('drops acknowledged messages for good, and only the User’s own', async () => {
    const ids = await queue(3);
    const theirs = await queue(1, OPERATOR);
    expect(idsOf(await pull())).toEqual(ids);
    const answer = await ack([ids[0] ?? '', ids[1] ?? '', ...theirs, 'no-such-message']);
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      acknowledged: [ids[0], ids[1]],
      ignored: [...theirs, 'no-such-message'],
    });
    clock.advance(LEASE_MS + 1);
    expect(idsOf(await pull())).toEqual([ids[2]]);
    expect((await store.outboxMessage(theirs[0] ?? ''))?.pulledAt).toBeNull();
    // An acknowledgement for this User's path signed with another User's key is refused.
    const stranger = await ack([ids[2] ?? ''], operatorKeys);
    expect(stranger.status).toBe(401);
    expect(stranger.json['message']).toMatch(/does not belong to User/);
    expect((await store.outboxMessage(ids[2] ?? ''))?.pulledAt).toBeNull();
  });

  it('refuses an acknowledgement that is not a list of message IDs', async () => {
    clock.advance(1);
    const bad = await signedSend(base, {
      method: 'POST',
      target: ackTarget,
      key: supplierKeys,
      body: '{"ids": "msg-1"}',
      time: clock.now(),
    });
    expect(bad).toMatchObject({ status: 400, json: { code: 'BAD_REQUEST' } });
  });

  it.each([`${pullTarget}?limit=2&limit=3`, `${pullTarget}?limit=-1`, `${pullTarget}?limit=ten`])(
    'refuses a pull whose limit is not one whole number (%s), naming it',
    async (target) => {
      clock.advance(1);
      const refused = await signedSend(base, {
        method: 'GET',
        target,
        key: supplierKeys,
        time: clock.now(),
      });
      expect(refused).toMatchObject({ status: 400, json: { code: 'INVALID_VALUE' } });
      expect(refused.json['message']).toContain('limit');
    },
  );
});

describe('signed pulls are fresh', () => {
  it('refuses a replayed pull signature (the same headers resent)', async () => {
    await queue(1);
    const headers = await signedHeaders({
      method: 'GET',
      target: pullTarget,
      key: supplierKeys,
      time: clock.now(),
    });
    expect((await send(base, { method: 'GET', target: pullTarget }, headers)).status).toBe(200);
    clock.advance(LEASE_MS + 1); // the messages are free again: only the replay check stops it
    const replay = await send(base, { method: 'GET', target: pullTarget }, headers);
    expect(replay).toMatchObject({ status: 401, json: { code: 'UNAUTHENTICATED' } });
    expect(replay.json['message']).toMatch(/replayed signature/);
    // The ECDSA twin of the signature, (r, n - s), verifies too: it is refused all the same.
    const twin = { ...headers, 'x-duis-signature': ecdsaTwin(headers['x-duis-signature'] ?? '') };
    const malleated = await send(base, { method: 'GET', target: pullTarget }, twin);
    expect(malleated.status).toBe(401);
    expect(malleated.json['message']).toMatch(/replayed signature/);
  });

  it('refuses a stale time, a time in the future and a missing time', async () => {
    const stale = await signedSend(base, {
      method: 'GET',
      target: pullTarget,
      key: supplierKeys,
      time: new Date(clock.now().getTime() - 6 * 60_000),
    });
    expect(stale).toMatchObject({ status: 401, json: { code: 'UNAUTHENTICATED' } });
    expect(stale.json['message']).toMatch(/x-duis-time .* is stale: 360 s from the DSP's clock/);
    const future = await signedSend(base, {
      method: 'GET',
      target: pullTarget,
      key: supplierKeys,
      time: new Date(clock.now().getTime() + 6 * 60_000),
    });
    expect(future.json['message']).toMatch(/in the future/);
    const headers = await signedHeaders({ method: 'GET', target: pullTarget, key: supplierKeys });
    const untimed = { ...headers };
    delete untimed['x-duis-time'];
    const missing = await send(base, { method: 'GET', target: pullTarget }, untimed);
    expect(missing.status).toBe(401);
    expect(missing.json['message']).toMatch(/no x-duis-time header/);
  });

  it('refuses a signature made for another path or method, saying what was verified', async () => {
    clock.advance(1);
    const time = clock.now();
    const headers = await signedHeaders({
      method: 'GET',
      target: pullTarget,
      key: supplierKeys,
      time,
    });
    const other = await send(base, { method: 'GET', target: `${pullTarget}?limit=5` }, headers);
    expect(other.status).toBe(401);
    expect(other.json['message']).toContain(`bad-signature`);
    expect(other.json['message']).toContain(`"GET ${pullTarget}?limit=5"`);
    const asAck = await send(
      base,
      { method: 'POST', target: ackTarget, body: '{"ids":["x"]}' },
      { ...headers, 'content-type': 'application/json' },
    );
    expect(asAck.status).toBe(401);
  });

  it('refuses the old signature over the fixed text', async () => {
    const { signJws } = await import('../src/dsp/signing/index.ts');
    const jws = await signJws(`GET ${pullTarget}`, supplierKeys);
    const old = await send(
      base,
      { method: 'GET', target: pullTarget },
      { 'x-duis-signature': jws, 'x-duis-time': clock.now().toISOString() },
    );
    expect(old.status).toBe(401);
  });
});

describe('push beside a hanging endpoint', () => {
  it("delivers the healthy User's messages while the other User's push still hangs", async () => {
    const hung: IncomingMessage[] = [];
    const hanging = createHttpServer((req) => hung.push(req)); // never answers
    const received: string[] = [];
    const healthy = createHttpServer((req, res) => {
      received.push(String(req.headers['x-opendsp-message-id']));
      req.resume();
      res.writeHead(200).end();
    });
    const listen = async (server: Server): Promise<string> => {
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}/inbox`;
    };
    await dsp.setEndpoint(OPERATOR, await listen(hanging));
    await dsp.setEndpoint(SUPPLIER, await listen(healthy));
    const stuck = await queue(5, OPERATOR);
    dsp.startDelivery(10);
    while (hung.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    // The hanging pushes are under way; the healthy User's messages come after them.
    const wanted = await queue(3);
    for (let i = 0; i < 400 && received.length < 3 && hung.every((r) => !r.destroyed); i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(received.sort()).toEqual(wanted);
    expect(hung.length).toBeGreaterThan(0);
    expect(hung.every((r) => !r.destroyed)).toBe(true); // still hanging
    const undelivered = await Promise.all(stuck.map((id) => store.outboxMessage(id)));
    expect(undelivered.every((m) => m?.deliveredAt === null)).toBe(true);
    await dsp.delivery.stop();
    hanging.closeAllConnections();
    await new Promise((resolve) => hanging.close(resolve));
    await new Promise((resolve) => healthy.close(resolve));
  });
});

/** The other valid ES256 signature of the same text: (r, s) -> (r, n - s). */
function ecdsaTwin(jws: string): string {
  const [header = '', , signature = ''] = jws.split('.');
  const bytes = Buffer.from(signature, 'base64url');
  const n = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551');
  const s = BigInt(`0x${bytes.subarray(32).toString('hex')}`);
  const twin = Buffer.concat([
    bytes.subarray(0, 32),
    Buffer.from((n - s).toString(16).padStart(64, '0'), 'hex'),
  ]);
  return `${header}..${twin.toString('base64url')}`;
}
