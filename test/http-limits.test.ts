// The HTTP face's explicit limits, over a real server: nesting depth, body size, timeouts, headers.
import { mkdtemp, rm } from 'node:fs/promises';
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
import { createServer, type ServerOptions } from '../src/web/server.ts';

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
  const app = createServer({ dsp, store, adminToken: 'x', ...options });
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

/** The schema refusals (E1) in the trail whose reason matches. */
async function refusals(reason: RegExp): Promise<AuditRecord[]> {
  const page = await served.store.auditSearch({ code: 'E1' }, { limit: 500 });
  return page.records.filter((r) => {
    const text = r.metadata['reason'];
    return typeof text === 'string' && reason.test(text);
  });
}

describe('nesting depth over HTTP', () => {
  it('refuses JSON nested 2,000 levels with 400, E1 and an audit record naming depth and place', async () => {
    const deep = `${'{"a":'.repeat(2_000)}1${'}'.repeat(2_000)}`;
    const body = JSON.stringify(jsonRequest()).replace(
      '"OtherDeviceID":',
      `"Deep":${deep},"OtherDeviceID":`,
    );
    const reply = await postDuis(body, 'application/json');
    expect(reply.status).toBe(400);
    expect(reply.text).toContain('E1');
    expect(reply.text).toContain('nests deeper than 64 levels');
    const recorded = await refusals(
      /^body\.UnjoinServiceNonCritical\.Deep\.a\.a\.a\.…: the message nests deeper than 64 levels \(the limit\) at line 1, column \d+$/,
    );
    expect(recorded).toHaveLength(1);
    expect(recorded[0]?.format).toBe('json');
  });

  it('refuses XML nested 10,000 levels with 400, E1 and an audit record naming depth and place', async () => {
    const body = xmlRequest({
      body: `<sr:UnjoinServiceNonCritical>${'<sr:a>'.repeat(10_000)}x${'</sr:a>'.repeat(10_000)}</sr:UnjoinServiceNonCritical>`,
    });
    const reply = await postDuis(body, 'application/xml');
    expect(reply.status).toBe(400);
    expect(reply.text).toContain('E1');
    const recorded = await refusals(
      /^sr:Request\/sr:Body\/sr:UnjoinServiceNonCritical\/sr:a\/sr:a\/sr:a\/…: the message nests deeper than 64 levels \(the limit\) at line 9, column \d+$/,
    );
    expect(recorded).toHaveLength(1);
    expect(recorded[0]?.format).toBe('xml');
  });
});
