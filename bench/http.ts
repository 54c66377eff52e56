// HTTP benchmark as a library: the DSP's POST /duis on loopback against a bare Fastify server
// doing a comparable validated POST (bench/http-bare.ts), both loaded the same way by autocannon.
// Server and load generator each run in their own child process, so they share no event loop.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { xmlRequest } from '../src/dsp/duis/test-requests.ts';
import { benchCodec } from '../src/dsp/signing/bench-codec.ts';
import { TEST_KEY } from '../src/dsp/signing/test-keys.ts';
import { runJsonChild, startJsonChild } from './child.ts';
import type { LoadResult } from './http-load.ts';

export type { LoadResult } from './http-load.ts';

/** Options for {@link benchHttp}. */
export interface HttpBenchOptions {
  /** Devices seeded into the DSP's store. */
  readonly devices: number;
  /** Measured requests to the DSP (spread evenly over the connections). */
  readonly requests: number;
  /** Measured requests to the bare server (a faster server needs more for a steady figure). */
  readonly bareRequests: number;
  /** Requests sent first to warm each server up (not measured). */
  readonly warmup: number;
}

/**
 * The XML signature work each request costs the DSP, measured alone on one core: its request
 * parsed and verified, its acknowledgement and its Service Response signed.
 */
export interface SignatureWork {
  readonly parseAndVerifyPerSecond: number;
  readonly signPerSecond: number;
  /** Requests per second one core could serve doing that work and nothing else. */
  readonly requestsPerSecond: number;
}

/** Both runs; the connections are one per originator User (the estate's Import Suppliers). */
export interface HttpBenchResult {
  readonly dsp: LoadResult;
  readonly bare: LoadResult;
  readonly connections: number;
  readonly signatures: SignatureWork;
}

/** Measures {@link SignatureWork} on the request the load sends (a signed 4.1.1). */
export function signatureWork(): SignatureWork {
  const request = xmlRequest({
    requestId: '90-B3-D5-1F-30-01-00-00:00-DB-12-34-56-78-90-A0:1000',
    sr: '4.1',
    srv: '4.1.1',
    body: '<sr:ReadInstantaneousImportRegisters/>',
  });
  const codec = benchCodec({ request, key: TEST_KEY, seconds: 2 });
  // The DSP signs its acknowledgement and response with the canonical signer (no parse back).
  const secondsPerRequest = 1 / codec.parseAndVerifyPerSecond + 2 / codec.canonicalSignPerSecond;
  return {
    parseAndVerifyPerSecond: codec.parseAndVerifyPerSecond,
    signPerSecond: codec.canonicalSignPerSecond,
    requestsPerSecond: 1 / secondsPerRequest,
  };
}

interface Ready {
  readonly url: string;
  readonly planFile?: string;
}

/** Starts each server in turn, loads it from another process, and stops it. */
export async function benchHttp(options: HttpBenchOptions): Promise<HttpBenchResult> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'opendsp-http-bench-'));
  try {
    const dspServer = await startJsonChild<Ready>('http-server.ts', [
      'dsp',
      dir,
      String(options.devices),
    ]);
    let dsp: LoadResult;
    const planFile = dspServer.ready.planFile ?? '';
    try {
      dsp = await runJsonChild<LoadResult>('http-load.ts', [
        dspServer.ready.url,
        planFile,
        String(options.requests),
        String(options.warmup),
      ]);
    } finally {
      await dspServer.stop();
    }
    const bareServer = await startJsonChild<Ready>('http-server.ts', ['bare']);
    let bare: LoadResult;
    try {
      bare = await runJsonChild<LoadResult>('http-load.ts', [
        bareServer.ready.url,
        planFile,
        String(options.bareRequests),
        String(options.warmup * 4),
      ]);
    } finally {
      await bareServer.stop();
    }
    return { dsp, bare, connections: dsp.connections, signatures: signatureWork() };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
