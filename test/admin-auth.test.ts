// The /admin routes: the guard belongs to the route, so no spelling of a path gets round it.
import { request as httpRequest } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKeyPair, type KeyPair } from '../src/dsp/identity.ts';
import { openDspRuntime, type DspRuntime } from '../src/dsp/runtime.ts';
import { openStore } from '../src/store/index.ts';
import type { Store } from '../src/store/port.ts';
import { createServer } from '../src/web/server.ts';

const TOKEN = 'admin-token-for-the-auth-test';
const VICTIM = '90-B3-D5-1F-30-01-00-00';
let dir: string;
let store: Store;
let dsp: DspRuntime;
let app: FastifyInstance;
let port: number;
let attacker: KeyPair;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'opendsp-admin-'));
  store = await openStore({ dataDir: dir });
  const [dspKeys, keys] = await Promise.all([
    createKeyPair({ subject: 'CN=opendsp DSP,OU=07' }),
    createKeyPair({ subject: 'CN=attacker,OU=07' }),
  ]);
  attacker = keys;
  dsp = await openDspRuntime({ store, identity: dspKeys, seed: 1 });
  app = createServer({ dsp, store, adminToken: TOKEN });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  port = typeof address === 'object' && address !== null ? address.port : 0;
});

afterAll(async () => {
  await app.close();
  await dsp.close();
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

/** Sends the request with its path exactly as written (fetch would normalise it). */
function send(input: {
  method: string;
  path: string;
  body: string;
  authorization?: string;
}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method: input.method,
        path: input.path,
        headers: {
          'content-type': 'application/json',
          ...(input.authorization === undefined ? {} : { authorization: input.authorization }),
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          resolve(res.statusCode ?? 0);
        });
      },
    );
    req.on('error', reject);
    req.end(input.body);
  });
}

/** Every spelling of a path a router or proxy might take for the real one. */
function spellings(real: string): string[] {
  const [, first, ...rest] = real.split('/');
  const tail = rest.join('/');
  const pct = (text: string): string =>
    Array.from(Buffer.from(text, 'ascii'), (b) => `%${b.toString(16).padStart(2, '0')}`).join('');
  return [
    real,
    `/%61dmin/${tail}`,
    `/%41dmin/${tail}`,
    `/${pct(first ?? '')}/${tail}`,
    `/${first}%2F${tail}`,
    `/${first}%2f${tail}`,
    `/%2561dmin/${tail}`,
    `/%252561dmin/${tail}`,
    `/${first}%252F${tail}`,
    `/ADMIN/${tail}`,
    `/Admin/${tail}`,
    `/${first}/${tail.toUpperCase()}`,
    `${real}/`,
    `${real}//`,
    `${real}.`,
    `${real}%2E`,
    `/${first}./${tail}`,
    `/${first}/./${tail}`,
    `/x/../${first}/${tail}`,
    `/${first}/%2E/${tail}`,
    `//${first}/${tail}`,
    `/${first}//${tail}`,
    `${real}?token=${TOKEN}`,
    `${real}%00`,
    `${real};`,
    `/${first}%5C${tail}`,
  ];
}

const credentialBody = (): string =>
  JSON.stringify({ userId: VICTIM, role: 'IS', certificatePem: attacker.certificatePem });

const ROUTES = [
  { method: 'POST', path: '/admin/credentials', body: credentialBody },
  {
    method: 'PUT',
    path: `/admin/users/${VICTIM}/endpoint`,
    body: () => JSON.stringify({ url: 'http://127.0.0.1:9/stolen' }),
  },
] as const;

const WRONG_CREDENTIALS: readonly (string | undefined)[] = [
  undefined,
  '',
  TOKEN,
  `Basic ${TOKEN}`,
  `Bearer ${TOKEN}x`,
  `Bearer ${TOKEN.slice(0, -1)}`,
  `Bearer  ${TOKEN}`,
  'Bearer',
  `Bearer ${TOKEN},Bearer ${TOKEN}`,
];

describe('admin routes', () => {
  for (const route of ROUTES) {
    it(`${route.method} ${route.path}: no spelling of the path passes without the token`, async () => {
      const before = (await store.credentials()).length;
      const endpointsBefore = await store.endpoints();
      const outcomes: string[] = [];
      for (const spelling of spellings(route.path)) {
        for (const authorization of WRONG_CREDENTIALS) {
          const status = await send({
            method: route.method,
            path: spelling,
            body: route.body(),
            ...(authorization === undefined ? {} : { authorization }),
          });
          if (status < 400) outcomes.push(`${spelling} [${authorization ?? 'none'}] → ${status}`);
          else expect([400, 401, 404]).toContain(status);
        }
      }
      expect(outcomes).toEqual([]);
      expect(await store.credentials()).toHaveLength(before);
      expect(await store.endpoints()).toEqual(endpointsBefore);
      expect(dsp.credentials.find('CN=attacker,OU=07', '1')).toBeUndefined();
    });
  }

  it('answers 401 with a challenge, not 404, on the canonical path without the token', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/admin/credentials`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: credentialBody(),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer /);
    expect(await response.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('serves the DCC with the bearer token', async () => {
    expect(
      await send({
        method: 'PUT',
        path: `/admin/users/${VICTIM}/endpoint`,
        body: JSON.stringify({ url: 'http://127.0.0.1:9/real' }),
        authorization: `Bearer ${TOKEN}`,
      }),
    ).toBe(204);
    expect([...(await store.endpoints())]).toEqual([[VICTIM, 'http://127.0.0.1:9/real']]);
  });
});
