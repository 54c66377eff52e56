// The HTTP face's explicit limits, over a real server: nesting depth, body size, timeouts, headers.
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditRecord } from '../src/audit/records.ts';
import { jsonRequest, xmlRequest } from '../src/dsp/duis/test-requests.ts';
import { createKeyPair } from '../src/dsp/identity.ts';
import { openDspRuntime, type DspRuntime } from '../src/dsp/runtime.ts';
import { openStore } from '../src/store/index.ts';
import type { Store } from '../src/store/port.ts';
import { html } from '../src/web/pages/html.ts';
import { page } from '../src/web/pages/layout.ts';
import { STYLESHEET_PATH } from '../src/web/pages/style.ts';
import { createServer, DEFAULT_HTTP_TIMEOUTS, type ServerOptions } from '../src/web/server.ts';

/** A DSP over an empty store, served on a free port with the given server options. */
interface Served {
  readonly base: string;
  readonly store: Store;
  readonly app: FastifyInstance;
  close(): Promise<void>;
}

async function serve(options: Partial<ServerOptions> = {}): Promise<Served> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'opendsp-limits-'));
  const store = await openStore({ dataDir: dir });
  const dsp: DspRuntime = await openDspRuntime({
    store,
    identity: await createKeyPair({ subject: 'CN=opendsp DSP,OU=07' }),
    seed: 1,
  });
  const app = createServer({
    dsp,
    store,
    adminToken: 'x',
    ssi: { dataDir: dir, auth: { secureCookies: false } },
    ...options,
  });
  const base = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    base,
    store,
    app,
    async close() {
      await app.close();
      await dsp.close();
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

let served: Served;
beforeAll(async () => {
  served = await serve();
});
afterAll(() => served.close());

async function postDuis(
  body: string,
  type: 'application/xml' | 'application/json',
): Promise<{ status: number; text: string }> {
  const response = await fetch(`${served.base}/duis`, {
    method: 'POST',
    headers: { 'content-type': type },
    body,
  });
  return { status: response.status, text: await response.text() };
}

/** The unreadable messages (refused at the HTTP level, no DUIS code) whose reason matches. */
async function refusals(reason: RegExp): Promise<AuditRecord[]> {
  const page = await served.store.auditSearch(
    { kind: 'request', outcome: 'failure' },
    { limit: 500 },
  );
  return page.records.filter((r) => {
    const text = r.metadata['reason'];
    return typeof text === 'string' && reason.test(text);
  });
}

describe('nesting depth over HTTP', () => {
  it('refuses JSON nested 2,000 levels with 400 DUIS_INVALID and an audit record naming depth and place', async () => {
    const deep = `${'{"a":'.repeat(2_000)}1${'}'.repeat(2_000)}`;
    const body = JSON.stringify(jsonRequest()).replace(
      '"OtherDeviceID":',
      `"Deep":${deep},"OtherDeviceID":`,
    );
    const reply = await postDuis(body, 'application/json');
    expect(reply.status).toBe(400);
    expect(reply.text).toContain('DUIS_INVALID');
    expect(reply.text).toContain('nests deeper than 64 levels');
    const recorded = await refusals(
      /^body\.UnjoinServiceNonCritical\.Deep\.a\.a\.a\.…: the message nests deeper than 64 levels \(the limit\) at line 1, column \d+$/,
    );
    expect(recorded).toHaveLength(1);
    expect(recorded[0]?.format).toBe('json');
  });

  it('refuses XML nested 10,000 levels with 400 DUIS_INVALID and an audit record naming depth and place', async () => {
    const body = xmlRequest({
      body: `<sr:UnjoinServiceNonCritical>${'<sr:a>'.repeat(10_000)}x${'</sr:a>'.repeat(10_000)}</sr:UnjoinServiceNonCritical>`,
    });
    const reply = await postDuis(body, 'application/xml');
    expect(reply.status).toBe(400);
    expect(reply.text).toContain('DUIS_INVALID');
    const recorded = await refusals(
      /^sr:Request\/sr:Body\/sr:UnjoinServiceNonCritical\/sr:a\/sr:a\/sr:a\/…: the message nests deeper than 64 levels \(the limit\) at line 9, column \d+$/,
    );
    expect(recorded).toHaveLength(1);
    expect(recorded[0]?.format).toBe('xml');
  });
});

describe('a DUIS message over the HTTP body limit', () => {
  it('gets the DUIS 413 answer and one audit record (length given)', async () => {
    const body = xmlRequest({
      body: `<sr:UnjoinServiceNonCritical><!--${'x'.repeat(1_200_000)}--></sr:UnjoinServiceNonCritical>`,
    });
    const bytes = Buffer.byteLength(body);
    const reply = await postDuis(body, 'application/xml');
    expect(reply.status).toBe(413);
    expect(reply.text).toContain('TOO_LARGE');
    expect(reply.text).toContain(`the message is ${bytes} bytes`);
    const recorded = await refusals(new RegExp(`^body: the message is ${bytes} bytes; DUIS`));
    expect(recorded).toHaveLength(1);
    expect(recorded[0]?.metadata['truncated']).toBe(true);
    expect(recorded[0]?.format).toBe('xml');
  });

  it('gets the DUIS 413 answer and one audit record (chunked, no length)', async () => {
    const chunk = new TextEncoder().encode(`{"pad":"${'x'.repeat(64 * 1024)}`);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 1;
        if (sent > 20) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const response = await fetch(`${served.base}/duis`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    });
    expect(response.status).toBe(413);
    const text = await response.text();
    expect(text).toContain('TOO_LARGE');
    const recorded = await refusals(/^body: the message is over the HTTP body limit/);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]?.format).toBe('json');
  });
});

describe('security headers', () => {
  const expectHeaders = (
    response: Response,
    csp: RegExp = /^default-src 'none'; style-src 'self'/,
  ) => {
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('content-security-policy')).toMatch(csp);
  };

  it('are on a DUIS answer, an SSI page, the JSON API, the register and errors', async () => {
    const duis = await fetch(`${served.base}/duis`, {
      method: 'POST',
      headers: { 'content-type': 'application/xml' },
      body: 'hello',
    });
    expect(duis.status).toBe(400);
    expectHeaders(duis);
    const login = await fetch(`${served.base}/login`);
    expect(login.status).toBe(200);
    expectHeaders(login);
    expect(login.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const style = await fetch(`${served.base}${STYLESHEET_PATH}`);
    expect(style.status).toBe(200);
    expectHeaders(style);
    const api = await fetch(`${served.base}/api/v1/audit/search`);
    expect(api.status).toBe(401);
    expectHeaders(api);
    expectHeaders(await fetch(`${served.base}/health`));
    expectHeaders(await fetch(`${served.base}/register`));
    const missing = await fetch(`${served.base}/no/such/page`);
    expect(missing.status).toBe(404);
    expectHeaders(missing);
    const refused = await fetch(`${served.base}/duis`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'x',
    });
    expect(refused.status).toBe(415);
    expectHeaders(refused);
  });

  it('give /docs the API browser its own CSP, which lets its scripts run', async () => {
    const docs = await fetch(`${served.base}/docs/`);
    expect(docs.status).toBe(200);
    // swagger-ui's own policy: its scripts and styles from 'self', images also from data: URLs.
    expectHeaders(docs, /script-src 'self'.*img-src|img-src 'self' data:.*script-src 'self'/);
    expect(await docs.text()).not.toMatch(/<script(?![^>]*\ssrc=)/);
    const initializer = await fetch(`${served.base}/docs/static/swagger-initializer.js`);
    expect(initializer.status).toBe(200);
  });

  it('leave no page of the SSI needing more than the CSP allows', async () => {
    // The CSP allows the stylesheet and nothing inline: the pages carry no script or style.
    const framed = page({ title: 't' }, html`<p>x</p>`);
    const login = await (await fetch(`${served.base}/login`)).text();
    const register = await (await fetch(`${served.base}/register`)).text();
    for (const text of [framed, login, register]) {
      expect(text).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=|<img|<iframe/i);
    }
  });
});

/** Opens a raw connection, sends `head` then `drip` a byte every 50 ms; resolves on close. */
function drip(
  base: string,
  head: string,
  dripText: string,
): Promise<{ closedAfterMs: number; received: string }> {
  const { port } = new URL(base);
  const started = Date.now();
  return new Promise((resolve) => {
    let received = '';
    let index = 0;
    const socket = connect(Number(port), '127.0.0.1', () => {
      socket.write(head);
    });
    const timer = setInterval(() => {
      if (index < dripText.length && socket.writable) socket.write(dripText[index++] ?? '');
    }, 50);
    socket.on('data', (data) => (received += data.toString()));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ closedAfterMs: Date.now() - started, received });
    });
    // Give up after 4 s: a server without timeouts would hold the connection for a minute.
    setTimeout(() => socket.destroy(), 4_000);
  });
}

describe('timeouts', () => {
  let quick: Served;
  beforeAll(async () => {
    quick = await serve({ timeouts: { headersMs: 400, requestMs: 800 } });
  });
  afterAll(() => quick.close());

  it('closes a connection that sends its headers a byte at a time, with 408 and {code, message}', async () => {
    const { closedAfterMs, received } = await drip(
      quick.base,
      'GET /health HTTP/1.1\r\n',
      `Host: x\r\nX-Slow: ${'a'.repeat(200)}\r\n`,
    );
    expect(closedAfterMs).toBeLessThan(2_000);
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
    expect(received).toContain('{"code":"REQUEST_TIMEOUT","message":');
  });

  it('closes a connection that sends its body a byte at a time', async () => {
    const { closedAfterMs, received } = await drip(
      quick.base,
      'POST /duis HTTP/1.1\r\nHost: x\r\nContent-Type: application/xml\r\nContent-Length: 500\r\n\r\n',
      'x'.repeat(500),
    );
    expect(closedAfterMs).toBeLessThan(2_500);
    expect(received).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('still answers a normal request', async () => {
    const response = await fetch(`${quick.base}/health`);
    expect(response.status).toBe(200);
  });

  it('are explicit, with checked options', () => {
    expect(DEFAULT_HTTP_TIMEOUTS).toEqual({
      headersMs: 10_000,
      requestMs: 30_000,
      idleMs: 60_000,
      keepAliveMs: 5_000,
      maxRequestsPerSocket: 0,
    });
    expect(() => createServer({ ...quickOptions(), timeouts: { headersMs: 0 } })).toThrow(
      /timeouts.headersMs/,
    );
    expect(() =>
      createServer({ ...quickOptions(), timeouts: { headersMs: 5_000, requestMs: 1_000 } }),
    ).toThrow(/exceeds requestMs/);
  });
});

/** The least a createServer call needs, for option checks that fail before anything runs. */
function quickOptions(): ServerOptions {
  return { dsp: {} as DspRuntime, store: {} as Store, adminToken: 'x' };
}
