// The DSP over HTTP: signed DUIS requests in, signed responses out, audit and delivery.
import { createServer as createHttpServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Eui64 } from '../src/core/eui64.ts';
import { parseResponseXml, xmlRequest } from './support/duis.ts';
import { responsibleSupplierNow } from './support/estate.ts';
import { idsOf, signedSend } from './support/pull.ts';
import { createKeyPair, type KeyPair } from '../src/dsp/identity.ts';
import { openDspRuntime, type DspRuntime } from '../src/dsp/runtime.ts';
import {
  signJws,
  signXml,
  verifyXmlSignature,
  parseSigningCertificate,
  createCertificateDirectory,
} from '../src/dsp/signing/index.ts';
import { openStore } from '../src/store/index.ts';
import type { Store } from '../src/store/port.ts';
import type { Device } from '../src/inventory/types.ts';
import { createServer } from '../src/web/server.ts';
import { seedEstate } from '../src/workload/seed.ts';

const ADMIN = 'test-admin-token';
let dir: string;
let store: Store;
let dsp: DspRuntime;
let app: FastifyInstance;
let base: string;
let dspKeys: KeyPair;
let userKeys: KeyPair;
let strangerKeys: KeyPair;
let supplier: Eui64;
let esme: Device;
let ihd: Device | undefined;
let counter = BigInt(Date.now());

async function start(): Promise<void> {
  store = await openStore({ dataDir: dir });
  dsp = await openDspRuntime({ store, identity: dspKeys, seed: 3 });
  app = createServer({ dsp, store, adminToken: ADMIN });
  base = await app.listen({ port: 0, host: '127.0.0.1' });
}

async function stop(): Promise<void> {
  await app.close();
  await dsp.close();
  await store.close();
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'opendsp-http-'));
  const seeding = await openStore({ dataDir: dir });
  await seedEstate({
    store: seeding,
    devices: 400,
    seed: 5,
    asOf: new Date('2026-01-01T00:00:00Z'),
  });
  const estate = await seeding.loadEstate();
  await seeding.close();
  esme = estate.devices.find(
    (d) => d.type === 'ESME' && d.status === 'Commissioned' && d.smets === 'SMETS2',
  )!;
  ihd = estate.devices.find((d) => d.type === 'IHD' && d.mpxn === esme.mpxn);
  supplier = responsibleSupplierNow(estate.registrations, esme)!;
  [dspKeys, userKeys, strangerKeys] = await Promise.all([
    createKeyPair({ subject: 'CN=opendsp DSP,OU=07' }),
    createKeyPair({ subject: 'CN=Z1,OU=07' }),
    createKeyPair({ subject: 'CN=Z9,OU=07' }),
  ]);
  await start();
  const registered = await fetch(`${base}/admin/credentials`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` },
    body: JSON.stringify({ userId: supplier, role: 'IS', certificatePem: userKeys.certificatePem }),
  });
  expect(registered.status).toBe(201);
});

afterAll(async () => {
  await stop();
  await rm(dir, { recursive: true, force: true });
});

function readRegisters(options: { counter?: bigint; originator?: Eui64 } = {}): string {
  counter += 1n;
  return xmlRequest({
    requestId: `${options.originator ?? supplier}:${esme.id}:${options.counter ?? counter}`,
    sr: '4.1',
    srv: '4.1.1',
    body: '<sr:ReadInstantaneousImportRegisters/>',
  });
}

async function post(
  body: string,
  headers: Record<string, string> = {},
  url = '/duis',
): Promise<{ status: number; text: string; type: string }> {
  const response = await fetch(`${base}${url}`, {
    method: 'POST',
    headers: { 'content-type': 'application/xml', ...headers },
    body,
  });
  return {
    status: response.status,
    text: await response.text(),
    type: response.headers.get('content-type') ?? '',
  };
}

/** The `{code, message}` of an HTTP-level refusal (no DUIS response code: fact sheet (b)). */
const errorOf = (text: string): { code: string; message: string } =>
  JSON.parse(text) as { code: string; message: string };

const codeOf = (xml: string): string => {
  const parsed = parseResponseXml(xml);
  if (!parsed.ok) throw new Error(`unreadable response: ${xml}`);
  return parsed.message.kind === 'service-response'
    ? parsed.message.responseCode
    : parsed.message.code;
};

describe('DUIS endpoint', () => {
  it('acknowledges a signed request with I99 in a response signed by the DSP', async () => {
    const reply = await post(signXml(readRegisters(), userKeys));
    expect(reply.status).toBe(200);
    expect(codeOf(reply.text)).toBe('I99');
    const dspCert = parseSigningCertificate(dspKeys.certificatePem);
    expect(verifyXmlSignature(reply.text, createCertificateDirectory([dspCert])).ok).toBe(true);
  });

  it('refuses an unsigned request with 401 DUIS_SIGNATURE (no DUIS code) and records it', async () => {
    const reply = await post(readRegisters());
    expect(reply.status).toBe(401);
    expect(errorOf(reply.text).code).toBe('DUIS_SIGNATURE');
    const page = await store.auditSearch({ srv: '4.1.1', outcome: 'failure' }, { limit: 50 });
    expect(
      page.records.some(
        (r) => r.kind === 'request' && r.code === null && r.metadata['refusal'] === 'signature',
      ),
    ).toBe(true);
  });

  it('refuses a tampered request (DUIS_SIGNATURE) and an unknown signer (DUIS_SIGNER), with 401', async () => {
    const signed = signXml(readRegisters(), userKeys);
    const tampered = signed.replace(`:${esme.id}:`, ':00-DB-12-34-56-78-90-A4:');
    expect(tampered).not.toBe(signed);
    const bad = await post(tampered);
    expect([bad.status, errorOf(bad.text).code]).toEqual([401, 'DUIS_SIGNATURE']);
    const stranger = await post(signXml(readRegisters(), strangerKeys));
    expect([stranger.status, errorOf(stranger.text).code]).toEqual([401, 'DUIS_SIGNER']);
  });

  it('refuses a certificate used for another User ID than the RequestID names (DUIS_SIGNER)', async () => {
    const reply = await post(
      signXml(readRegisters({ originator: '90-B3-D5-1F-30-01-99-00' as Eui64 }), userKeys),
    );
    expect(reply.status).toBe(401);
    expect(errorOf(reply.text).code).toBe('DUIS_SIGNER');
    expect(reply.text).toContain('not to the originator');
  });

  it('refuses a replayed RequestID with 409 DUIS_REPLAY, naming the RequestID', async () => {
    const request = signXml(readRegisters(), userKeys);
    expect(codeOf((await post(request)).text)).toBe('I99');
    const replay = await post(request);
    expect(replay.status).toBe(409);
    expect(errorOf(replay.text).code).toBe('DUIS_REPLAY');
    expect(errorOf(replay.text).message).toMatch(
      /^sr:Header\/sr:RequestID: counter \d+ is not above/,
    );
  });

  it('serves DCC Boxed URLs, each refusing request types not its own with E13', async () => {
    const sent = await post(signXml(readRegisters(), userKeys), {}, '/api/v1/serviceS');
    expect([sent.status, codeOf(sent.text)]).toEqual([200, 'I99']);
    for (const url of ['/api/v1/serviceT', '/api/v1/serviceD']) {
      const wrong = await post(signXml(readRegisters(), userKeys), {}, url);
      expect([wrong.status, codeOf(wrong.text)]).toEqual([200, 'E13']);
    }
    counter += 1n;
    const inventory = xmlRequest({
      requestId: `${supplier}:90-B3-D5-1F-30-00-00-02:${counter}`,
      cv: '8',
      sr: '8.2',
      srv: '8.2',
      body: `<sr:ReadInventory><sr:DeviceID>${esme.id}</sr:DeviceID></sr:ReadInventory>`,
    });
    const nonDevice = await post(signXml(inventory, userKeys), {}, '/api/v1/serviceD');
    expect([nonDevice.status, codeOf(nonDevice.text)]).toEqual([200, 'I0']);
  });

  it.each([
    [
      'a DOCTYPE with entities',
      `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><sr:Request xmlns:sr="http://www.dccinterface.co.uk/ServiceUserGateway" schemaVersion="5.4">&b;</sr:Request>`,
      400,
    ],
    ['a truncated message', () => readRegisters().slice(0, 200), 400],
    ['not XML at all', 'hello', 400],
    [
      'an oversized message',
      () =>
        readRegisters().replace(
          '<sr:ReadInstantaneousImportRegisters/>',
          `<sr:ReadInstantaneousImportRegisters><!--${'x'.repeat(300_000)}--></sr:ReadInstantaneousImportRegisters>`,
        ),
      413,
    ],
  ])(
    'refuses %s at the HTTP level with a readable reason (no DUIS code)',
    async (_what, body, status) => {
      const reply = await post(typeof body === 'function' ? body() : body);
      expect(reply.status).toBe(status);
      expect(errorOf(reply.text).code).toBe(status === 413 ? 'TOO_LARGE' : 'DUIS_INVALID');
      expect(errorOf(reply.text).message).not.toBe('');
    },
  );

  it('accepts a JSON request with a detached JWS, and refuses it without one', async () => {
    counter += 1n;
    const body = JSON.stringify({
      schemaVersion: '5.4',
      header: {
        requestId: `${supplier}:${esme.id}:${counter}`,
        commandVariant: 1,
        serviceReference: '4.1',
        serviceReferenceVariant: '4.1.1',
      },
      body: { ReadInstantaneousImportRegisters: {} },
    });
    const jws = await signJws(body, userKeys);
    const ok = await post(body, { 'content-type': 'application/json', 'x-duis-signature': jws });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.text)).toMatchObject({ header: { responseCode: 'I99' } });
    const refused = await post(body.replace(`:${esme.id}:`, ':00-DB-12-34-56-78-90-A4:'), {
      'content-type': 'application/json',
      'x-duis-signature': jws,
    });
    expect(refused.status).toBe(401);
  });

  it('lets a User pull its responses with a signed request, and nobody else', async () => {
    const target = `/users/${supplier}/messages`;
    const pulled = await signedSend(base, { method: 'GET', target, key: userKeys });
    expect(pulled.status).toBe(200);
    const ids = idsOf(pulled);
    expect(ids.length).toBeGreaterThan(0);
    // The User acknowledges what it pulled: only then are the messages dropped.
    const body = JSON.stringify({ ids });
    const acked = await signedSend(base, {
      method: 'POST',
      target: `${target}/ack`,
      key: userKeys,
      body,
    });
    expect(acked).toMatchObject({ status: 200, json: { acknowledged: ids, ignored: [] } });
    const stranger = await signedSend(base, { method: 'GET', target, key: strangerKeys });
    expect(stranger.status).toBe(401);
  });

  it('refuses the admin routes without the token', async () => {
    const response = await fetch(`${base}/admin/credentials`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(401);
  });
});

describe('delivery', () => {
  it('pushes queued responses to the User endpoint after a restart, losing none', async () => {
    const received: string[] = [];
    const receiver = createHttpServer((req: IncomingMessage, res) => {
      let text = '';
      req.on('data', (c: Buffer) => (text += c.toString()));
      req.on('end', () => {
        received.push(text);
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/inbox`;
    // Queue some responses while no endpoint is set, then restart the DSP.
    for (let i = 0; i < 3; i++)
      expect(codeOf((await post(signXml(readRegisters(), userKeys))).text)).toBe('I99');
    const waiting = (await store.pendingFor(supplier, 1_000)).length;
    expect(waiting).toBeGreaterThanOrEqual(3);
    await stop();
    await start();
    await dsp.setEndpoint(supplier, url);
    dsp.startDelivery(20);
    const deadline = Date.now() + 10_000;
    while (received.length < waiting && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    receiver.close();
    expect(received.length).toBe(waiting);
    expect(received.every((text) => text.includes('sr:Response'))).toBe(true);
  });
});

describe('device history after a join', () => {
  it('joins an IHD (I99 now, I0 later) and records the request, acknowledgement and response', async () => {
    if (!ihd) return;
    counter += 1n;
    const join = xmlRequest({
      requestId: `${supplier}:${esme.id}:${counter}`,
      sr: '8.7',
      srv: '8.7.2',
      body: `<sr:JoinServiceNonCritical><sr:OtherDeviceID>${ihd.id}</sr:OtherDeviceID></sr:JoinServiceNonCritical>`,
    });
    expect(codeOf((await post(signXml(join, userKeys))).text)).toBe('I99');
    const trail = await store.auditByRequestId(`${supplier}:${esme.id}:${counter}`);
    expect(trail.map((r) => r.kind).sort()).toEqual(
      expect.arrayContaining(['request', 'acknowledgement']),
    );
  });
});
