// Child process of the HTTP bench: loads POST /duis with autocannon and prints the figures as JSON.
//   http-load.ts URL PLAN_FILE AMOUNT WARMUP
// One connection per User of the plan. Before the load starts, each User's requests are signed
// (4.1.1 Read Instantaneous Import Registers, CV 1, to the meters it supplies, its RequestID
// counter rising); each connection then sends its own User's requests in order, so nothing is a
// replay. A list that runs out starts again: only the stateless baseline is sent more requests
// than are signed.
import { readFile } from 'node:fs/promises';
import autocannon from 'autocannon';
import type { Eui64 } from '../src/core/eui64.ts';
import { xmlRequest } from '../src/dsp/duis/test-requests.ts';
import type { KeyPair } from '../src/dsp/identity.ts';
import { createXmlSigner } from '../src/dsp/signing/index.ts';

/** The originator Users the server registered, with their keys and the meters they supply. */
export interface LoadPlan {
  readonly users: { userId: Eui64; devices: Eui64[]; key: KeyPair }[];
}

/** What one load run measured. */
export interface LoadResult {
  readonly requests: number;
  readonly seconds: number;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly connections: number;
  /** Requests each connection kept in flight. */
  readonly pipelining: number;
  /** Bytes of the largest request body sent. */
  readonly bodyBytes: number;
  /** Responses by DUIS response code (or `HTTP nnn` when the body carries none). */
  readonly codes: Readonly<Record<string, number>>;
  readonly errors: number;
}

/** Signs are costly (~0.1 ms each): a stateless server is sent each list more than once. */
const MAX_SIGNED_PER_USER = 4_000;
/** Requests each connection keeps in flight (HTTP/1.1 pipelining, answered in order). */
const PIPELINING = 16;
const RESPONSE_CODE = /<sr:ResponseCode>([^<]+)<\/sr:ResponseCode>/;

function signRequests(plan: LoadPlan, perUser: number): string[][] {
  let counter = BigInt(Date.now()) * 1000n;
  return plan.users.map(({ userId, devices, key }) => {
    const sign = createXmlSigner(key);
    const bodies: string[] = [];
    for (let k = 0; k < perUser; k++) {
      counter += 1n;
      const requestId = `${userId}:${devices[k % devices.length] ?? ''}:${counter}`;
      const body = '<sr:ReadInstantaneousImportRegisters/>';
      bodies.push(sign(xmlRequest({ requestId, sr: '4.1', srv: '4.1.1', body })));
    }
    return bodies;
  });
}

const [url = '', planFile = '', amount = '2000', warmup = '200'] = process.argv.slice(2);
const plan = JSON.parse(await readFile(planFile, 'utf8')) as LoadPlan;
const connections = plan.users.length;
const total = Number(amount) + Number(warmup);
const bodies = signRequests(
  plan,
  Math.min(MAX_SIGNED_PER_USER, Math.ceil(total / connections) + 8),
);
const cursors = bodies.map(() => 0);
let codes = new Map<string, number>();
let lastResponse = 0;
let latencies: number[] = [];

/** The q-quantile of sorted values (nearest rank). */
const quantile = (sorted: readonly number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;

/** One User's connection: its own requests, in counter order, `PIPELINING` at a time. */
function connection(k: number, requests: number): Promise<autocannon.Result> {
  const mine = bodies[k] ?? [];
  return autocannon({
    url: `${url}/duis`,
    connections: 1,
    pipelining: PIPELINING,
    amount: requests,
    timeout: 30,
    sampleInt: 100,
    setupClient(client) {
      // autocannon's own histogram holds whole milliseconds; its event carries the fraction.
      client.on('response', (_status: number, _bytes: number, ms: number) => latencies.push(ms));
    },
    requests: [
      {
        method: 'POST',
        path: '/duis',
        headers: { 'content-type': 'application/xml' },
        setupRequest(request) {
          const body = mine[(cursors[k] ?? 0) % mine.length] ?? '';
          cursors[k] = (cursors[k] ?? 0) + 1;
          return { ...request, body };
        },
        onResponse(status, body) {
          const code = RESPONSE_CODE.exec(body)?.[1] ?? `HTTP ${status}`;
          codes.set(code, (codes.get(code) ?? 0) + 1);
          lastResponse = performance.now();
        },
      },
    ],
  });
}

/**
 * Runs one load: an autocannon run per User, all at once (one run with several connections
 * cannot give each connection its own ordered requests when pipelining). The duration runs to
 * the last response; autocannon's own is rounded up to its sampling tick.
 */
async function load(requests: number): Promise<{ results: autocannon.Result[]; seconds: number }> {
  codes = new Map();
  latencies = [];
  const started = performance.now();
  const share = Math.ceil(requests / connections);
  const results = await Promise.all(bodies.map((_, k) => connection(k, share)));
  return { results, seconds: (lastResponse - started) / 1000 };
}

if (Number(warmup) > 0) await load(Math.max(Number(warmup), connections));
const { results, seconds } = await load(Number(amount));
const sum = (f: (r: autocannon.Result) => number): number =>
  results.reduce((total, r) => total + f(r), 0);
const requests = sum((r) => r['2xx'] + r.non2xx);
const sorted = latencies.sort((a, b) => a - b);
const figures: LoadResult = {
  requests,
  seconds,
  requestsPerSecond: requests / seconds,
  p50Ms: quantile(sorted, 0.5),
  p99Ms: quantile(sorted, 0.99),
  connections,
  bodyBytes: Math.max(...bodies.map((b) => Buffer.byteLength(b[0] ?? ''))),
  codes: Object.fromEntries(codes),
  errors: sum((r) => r.errors + r.timeouts),
  pipelining: PIPELINING,
};
process.stdout.write(`${JSON.stringify(figures)}\n`);
