// Kills `opendsp serve` with SIGKILL while signed DUIS requests are in flight, restarts it, and
// checks that nothing acknowledged was lost; the reliability test and bench both run it.
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { get as httpGet, request as httpRequest } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import pg from 'pg';
import type { AuditRecord } from '../../src/audit/records.ts';
import { createRandom } from '../../src/core/random.ts';
import { createKeyPair } from '../../src/dsp/identity.ts';
import { DEFAULT_LEASE_MS } from '../../src/store/outbox-rows.ts';
import { DUCKDB_FILE_NAME, openStore, type Engine, type Store } from '../../src/store/index.ts';
import {
  quantile,
  runChecks,
  byRequestId,
  type CheckResult,
  type SmiState,
} from './kill-checks.ts';
import {
  joinKey,
  planUsers,
  startEndpoint,
  startRound,
  userState,
  type Endpoint,
  type SentOp,
  type UserState,
} from './kill-load.ts';

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../../bin/opendsp.js');

/** Options for {@link runKillHarness}. */
export interface KillHarnessOptions {
  readonly engine: Engine;
  /** SIGKILLs, each followed by a restart. */
  readonly kills: number;
  /** Devices seeded (default 800). */
  readonly devices?: number;
  /** Users sending at once, one request in flight each (default 6). */
  readonly users?: number;
  /** How long the server runs under load before each kill, in ms (default 300–1,200). */
  readonly uptimeMs?: readonly [number, number];
  /** PostgreSQL server on which a fresh database is made and dropped (default: the CI one). */
  readonly databaseUrl?: string;
  /** Seed of the estate and of the kill times (default 1). */
  readonly seed?: number;
  /** Progress lines. */
  readonly log?: (line: string) => void;
}

/** What a run found: the loss counts must all be 0. */
export interface KillReport extends CheckResult {
  readonly engine: Engine;
  readonly kills: number;
  readonly devices: number;
  readonly users: number;
  readonly operations: number;
  /** HTTP submissions (a critical SRV is two: CV 4 and CV 5). */
  readonly submissions: number;
  /** Submissions answered with HTTP 200. */
  readonly answered: number;
  /** Submissions whose answer a kill cut off. */
  readonly cutOff: number;
  /** Answers other than 200 (the harness sends only well-formed, signed requests). */
  readonly refused: number;
  /** Distinct messages pushed to the endpoint, and pushes in all (repeats after a crash). */
  readonly messagesDelivered: number;
  readonly pushes: number;
  /** Spawn to the first answer of GET /health, per restart after a kill. */
  readonly restartMs: readonly number[];
  readonly restartP50Ms: number;
  readonly restartMaxMs: number;
  /** DuckDB's write-ahead log (bytes) just after each kill and once each restart answers. */
  readonly walBytesAtKill: readonly number[];
  readonly walBytesAfterRestart: readonly number[];
  /** The log once the server answers after the last kill (null on PostgreSQL). */
  readonly walBytesAfterLastRestart: number | null;
  /** From the last restart to the last expected message arriving (or the bound running out). */
  readonly deliveryWaitMs: number;
  readonly seconds: number;
}

/** A port free now on 127.0.0.1 (the server keeps it across restarts). */
async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
  return port;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** True once GET /health answers 200. */
function healthy(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = httpGet({ host: '127.0.0.1', port, path: '/health', timeout: 1_000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => {
      resolve(false);
    });
  });
}

/** The environment of the CLI children: the store is named on their command line only. */
function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env['OPENDSP_DATABASE_URL'];
  delete env['OPENDSP_DATA_DIR'];
  return env;
}

/** A running `opendsp serve`. */
interface Server {
  readonly child: ChildProcess;
  readonly exited: Promise<void>;
  /** The end of its stderr, for a report when it fails. */
  stderr(): string;
}

/** Where the server keeps its data and which store it uses. */
interface Place {
  readonly dataDir: string;
  readonly url: string | undefined;
  readonly port: number;
}

const storeArgs = (place: Place): string[] => [
  '--data-dir',
  place.dataDir,
  ...(place.url === undefined ? [] : ['--database-url', place.url]),
];

/** Spawns `opendsp serve` and waits until it answers /health; returns it and the time taken. */
async function startServer(place: Place): Promise<{ server: Server; ms: number }> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [BIN, ...storeArgs(place), 'serve', '--port', String(place.port), '--host', '127.0.0.1'],
    { stdio: ['ignore', 'ignore', 'pipe'], env: childEnv() },
  );
  let tail = '';
  child.stderr.on('data', (c: Buffer) => {
    tail = (tail + c.toString()).slice(-4_000);
  });
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      resolve();
    }),
  );
  const server: Server = { child, exited, stderr: () => tail };
  const deadline = started + 180_000;
  while (!(await healthy(place.port))) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`opendsp serve exited while starting: ${tail.trim()}`);
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`opendsp serve did not answer /health within 180 s: ${tail.trim()}`);
    }
    await sleep(20);
  }
  return { server, ms: performance.now() - started };
}

/** SIGKILL, then wait for the process to be gone (its file lock and sockets with it). */
async function killServer(server: Server): Promise<void> {
  server.child.kill('SIGKILL');
  await server.exited;
}

/** SIGTERM (the server finishes its delivery round and closes), SIGKILL after 20 s. */
async function stopServer(server: Server): Promise<void> {
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), 20_000);
  await server.exited;
  clearTimeout(timer);
}

/** Size of DuckDB's write-ahead log; 0 when there is none. */
async function walBytes(place: Place): Promise<number> {
  if (place.url !== undefined) return 0;
  try {
    return (await stat(path.join(place.dataDir, `${DUCKDB_FILE_NAME}.wal`))).size;
  } catch {
    return 0;
  }
}

/** Sends one admin request with the bearer token; fails unless the status is `expect`. */
async function admin(
  place: Place,
  call: { method: string; path: string; body: unknown },
  expect: number,
): Promise<void> {
  const token = (await readFile(path.join(place.dataDir, 'dsp', 'admin-token'), 'utf8')).trim();
  const body = JSON.stringify(call.body);
  const status = await new Promise<number>((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: place.port,
        path: call.path,
        method: call.method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
  if (status !== expect) throw new Error(`${call.method} ${call.path}: HTTP ${status}`);
}

/** A fresh PostgreSQL database for one run, dropped afterwards. */
async function createDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `opendsp_kill_${randomBytes(6).toString('hex')}`;
  const query = async (sql: string): Promise<void> => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await query(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    // FORCE: a killed server's sessions may not have been ended yet.
    drop: () => query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

/** Opens the store the server uses (only while no server holds it, for DuckDB). */
const openPlace = (place: Place): Promise<Store> =>
  openStore(place.url === undefined ? { dataDir: place.dataDir } : { url: place.url });

/** The SMI entries the harness may touch, as the store holds them. */
async function smiState(store: Store): Promise<SmiState> {
  const estate = await store.loadEstate();
  return {
    joins: new Set(
      estate.joins.filter((j) => j.unjoinedAt === null).map((j) => joinKey(j.deviceId, j.targetId)),
    ),
    statuses: new Map(estate.devices.map((d) => [d.id, d.status])),
  };
}

/** Every record of the Users' requests (they are the originators of all of them). */
async function trailOf(store: Store, users: readonly UserState[]): Promise<AuditRecord[]> {
  const records: AuditRecord[] = [];
  for (const user of users) {
    let after: string | undefined;
    do {
      const page = await store.auditSearch(
        { originatorId: user.plan.userId },
        { limit: 10_000, ...(after === undefined ? {} : { after }) },
      );
      records.push(...page.records);
      after = page.next ?? undefined;
    } while (after !== undefined);
  }
  return records;
}

/**
 * What the outbox holds for messages never delivered: each row whose body names the RequestID,
 * with its attempts, next attempt, delivery marks and last error (read with SQL of its own, as
 * the store's port lists only waiting messages).
 */
async function outboxRowsFor(place: Place, requestIds: readonly string[]): Promise<string[]> {
  if (requestIds.length === 0) return [];
  const sql = `SELECT message_id, recipient_id, attempts, next_attempt_at, delivered_at, pulled_at,
    last_error, created_at FROM outbox WHERE body LIKE '%' || $1 || '%'`;
  const lines: string[] = [];
  const describe = (requestId: string, rows: readonly Record<string, unknown>[]): void => {
    if (rows.length === 0) lines.push(`outbox: no message names ${requestId}`);
    for (const row of rows)
      lines.push(
        `outbox: ${requestId}: ${Object.entries(row)
          .map(([k, v]) => `${k}=${v instanceof Date ? v.toISOString() : String(v)}`)
          .join(' ')}`,
      );
  };
  if (place.url !== undefined) {
    const client = new pg.Client({ connectionString: place.url });
    await client.connect();
    try {
      for (const id of requestIds) describe(id, (await client.query(sql, [id])).rows);
    } finally {
      await client.end();
    }
    return lines;
  }
  const instance = await DuckDBInstance.create(path.join(place.dataDir, DUCKDB_FILE_NAME));
  const connection = await instance.connect();
  try {
    for (const id of requestIds) {
      const reader = await connection.runAndReadAll(sql, [id]);
      describe(id, reader.getRowObjectsJS());
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return lines;
}

/**
 * Messages the trail says were queued for the requests that the endpoint has not had, and when
 * the last of them falls due (a Service Response is due when the simulated device answers, an
 * N13 60 s after the request: the outbox holds each until then), in Date.now() milliseconds.
 */
function owedMessages(input: {
  ops: readonly SentOp[];
  trail: ReadonlyMap<string, readonly AuditRecord[]>;
  endpoint: Endpoint;
}): { count: number; lastDueMs: number } {
  const result = runChecks({
    ops: input.ops,
    trail: input.trail,
    before: { joins: new Set(), statuses: new Map() },
    after: { joins: new Set(), statuses: new Map() },
    pushed: input.endpoint.received.values(),
  });
  return {
    count: result.undelivered + result.undeliveredUnacknowledged,
    lastDueMs: result.undeliveredLastDueMs,
  };
}

/**
 * Seeds an estate, starts the server, registers the Users and their endpoint, then `kills` times:
 * load, SIGKILL at a random moment with requests in flight, restart. After the last restart it
 * waits (bounded) for delivery, stops the server and checks the trail, the SMI and the pushes.
 */
export async function runKillHarness(options: KillHarnessOptions): Promise<KillReport> {
  const began = performance.now();
  const log = options.log ?? (() => undefined);
  const devices = options.devices ?? 800;
  const [minUp, maxUp] = options.uptimeMs ?? [300, 1_200];
  const rng = createRandom(options.seed ?? 1);
  const random = (): number => rng.next();
  const dir = await mkdtemp(path.join(os.tmpdir(), `opendsp-kill-${options.engine}-`));
  const database =
    options.engine === 'postgres'
      ? await createDatabase(
          options.databaseUrl ??
            process.env['OPENDSP_TEST_DATABASE_URL'] ??
            'postgres://postgres@127.0.0.1:5432/test',
        )
      : undefined;
  const endpoint = await startEndpoint();
  const place: Place = {
    dataDir: path.join(dir, 'data'),
    url: database?.url,
    port: await freePort(),
  };
  let server: Server | undefined;
  try {
    // Seeded as of yesterday, so today's registrations are the ones the DSP checks against.
    const asOf = new Date(Date.now() - 86_400_000).toISOString();
    await run(
      process.execPath,
      [
        BIN,
        ...storeArgs(place),
        'seed',
        '--devices',
        String(devices),
        '--as-of',
        asOf,
        '--seed',
        String(options.seed ?? 1),
      ],
      { env: childEnv(), maxBuffer: 2 ** 22 },
    );
    const seeded = await openPlace(place);
    const estate = await seeded.loadEstate();
    const before = await smiState(seeded);
    await seeded.close();
    const plans = planUsers(estate, { users: options.users ?? 6, now: new Date() });
    if (plans.length === 0) throw new Error(`no supplier in ${devices} devices has HAN joins`);
    const users = await Promise.all(
      plans.map(async (plan, i) =>
        userState(plan, await createKeyPair({ subject: `CN=kill harness ${i},OU=07` })),
      ),
    );
    server = (await startServer(place)).server;
    for (const user of users) {
      await admin(
        place,
        {
          method: 'POST',
          path: '/admin/credentials',
          body: {
            userId: user.plan.userId,
            role: user.plan.role,
            certificatePem: user.key.certificatePem,
          },
        },
        201,
      );
      await admin(
        place,
        {
          method: 'PUT',
          path: `/admin/users/${user.plan.userId}/endpoint`,
          body: { url: endpoint.url },
        },
        204,
      );
    }

    const ops: SentOp[] = [];
    const restartMs: number[] = [];
    const walBytesAtKill: number[] = [];
    const walBytesAfterRestart: number[] = [];
    let lastKillAt = 0;
    for (let k = 1; k <= options.kills; k++) {
      const round = startRound({ port: place.port, users, ops, random });
      await sleep(minUp + random() * (maxUp - minUp));
      // The kill lands while requests are in flight (the workers keep one each in flight).
      for (let i = 0; i < 200 && round.inFlight() === 0; i++) await sleep(1);
      const running = server;
      if (running.child.exitCode !== null)
        throw new Error(`opendsp serve exited by itself: ${running.stderr().trim()}`);
      await killServer(running);
      lastKillAt = performance.now();
      round.stop();
      await round.done;
      walBytesAtKill.push(await walBytes(place));
      const restarted = await startServer(place);
      server = restarted.server;
      restartMs.push(restarted.ms);
      walBytesAfterRestart.push(await walBytes(place));
      log(
        `${options.engine}: kill ${k}/${options.kills}, ${ops.length} operations so far, restart ${Math.round(restarted.ms)} ms`,
      );
    }

    // After the last restart, messages come when they fall due (a device's simulated answer,
    // an N13 60 s after its request) and, if the killed server had claimed them, when its push
    // lease ends: the first look waits for both from the kill, with a margin.
    const restartedAt = performance.now();
    const leaseDeadline = lastKillAt + DEFAULT_LEASE_MS + 15_000;
    const acknowledged = ops.filter((op) => op.submissions.some((s) => s.answer?.code === 'I99'));
    const heard = (): boolean => {
      const answered = new Set([...endpoint.received.values()].map((p) => p.requestId));
      return acknowledged.every((op) => answered.has(op.requestId));
    };
    // Every acknowledged request has had a message, and nothing new for 2 s: then look.
    while (
      performance.now() < leaseDeadline &&
      !(heard() && performance.now() - endpoint.lastPushAt() > 2_000)
    )
      await sleep(100);
    await stopServer(server);
    server = undefined;

    let store = await openPlace(place);
    let records: AuditRecord[];
    try {
      records = await trailOf(store, users);
    } finally {
      await store.close();
    }
    const trail = byRequestId(records);
    // Messages still owed: serve again and wait for them until the lease bound or, for one
    // due later (a slow simulated device), until it is due, plus the margin; 10 min at most.
    const owed = owedMessages({ ops, trail, endpoint });
    const deadline = Math.min(
      performance.now() + 600_000,
      Math.max(leaseDeadline, performance.now() + (owed.lastDueMs - Date.now()) + 15_000),
    );
    if (owed.count > 0 && performance.now() < deadline) {
      log(
        `${options.engine}: waiting up to ${Math.round((deadline - performance.now()) / 1000)} s for ${owed.count} messages still owed...`,
      );
      server = (await startServer(place)).server;
      while (performance.now() < deadline && owedMessages({ ops, trail, endpoint }).count > 0)
        await sleep(200);
      await stopServer(server);
      server = undefined;
    }
    const deliveryWaitMs = endpoint.lastPushAt() - restartedAt;
    store = await openPlace(place);
    let after: SmiState;
    try {
      after = await smiState(store);
    } finally {
      await store.close();
    }
    const checks = runChecks({ ops, trail, before, after, pushed: endpoint.received.values() });
    const outboxLines = await outboxRowsFor(place, checks.undeliveredRequestIds.slice(0, 20));
    const submissions = ops.flatMap((op) => op.submissions);
    return {
      engine: options.engine,
      kills: options.kills,
      devices,
      users: users.length,
      operations: ops.length,
      submissions: submissions.length,
      answered: submissions.filter((s) => s.answer?.status === 200).length,
      cutOff: submissions.filter((s) => s.answer === null).length,
      refused: submissions.filter((s) => s.answer !== null && s.answer.status !== 200).length,
      messagesDelivered: endpoint.received.size,
      pushes: endpoint.pushes(),
      restartMs,
      restartP50Ms: quantile(restartMs, 0.5),
      restartMaxMs: Math.max(0, ...restartMs),
      walBytesAtKill,
      walBytesAfterRestart,
      walBytesAfterLastRestart:
        place.url === undefined ? (walBytesAfterRestart.at(-1) ?? null) : null,
      deliveryWaitMs: Math.max(0, deliveryWaitMs),
      seconds: (performance.now() - began) / 1000,
      ...checks,
      details: [...checks.details, ...outboxLines],
    };
  } finally {
    if (server !== undefined) await killServer(server);
    await endpoint.close();
    await rm(dir, { recursive: true, force: true });
    await database?.drop();
  }
}
